import Foundation
import Observers

extension LiveConnection {
    /// Checks an external target file before any scenario runs: it parses, its placeholders resolve
    /// from the environment, and its profile and credentials files load. A broken target file is one
    /// error for the run, not one per scenario. (`reference` is made at run time and not checked here.)
    public static func check(target: String) throws {
        guard target != "reference" else { return }
        let spec = try loadSpec(target)
        let resolved: TargetSpec
        do { resolved = try spec.resolving(ProcessInfo.processInfo.environment) } catch {
            throw LiveRunError("\(target): \(error)")
        }
        _ = try UplinkFiles.profile(resolved.uplink?.profile)
        _ = try UplinkFiles.credentials(resolved.uplink?.credentials)
    }
}
