import CLISupport
import ConfigText
import Foundation
import LiveHarness
import Scenario

/// Which YAML files under the given paths are scenarios (not plants, rules, profiles, credentials or
/// target files), and which of them belong to a shard.
enum ScenarioDiscovery {
    static let supportFolders: Set<String> = ["plants", "rules", "profiles", "targets"]

    static func scenarioFiles(under paths: [String]) throws -> [String] {
        try FileSystem.yamlFiles(under: paths).filter { file in
            let folders = Set(file.split(separator: "/").dropLast().map(String.init))
            if paths.contains(file) { return true }  // named explicitly: taken as a scenario
            guard folders.isDisjoint(with: supportFolders) else { return false }
            guard let text = try? FileSourceReader().read(file) else { return true }
            return ConfigFileKind.detect(text) == .scenario
        }
    }

    /// `i/n` (1-based): every n-th file starting at the i-th, in sorted order.
    static func shard(_ files: [String], _ spec: String?) throws -> [String] {
        guard let spec else { return files }
        let parts = spec.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
            throw CLIError("--shard \(spec): expected i/n with 1 ≤ i ≤ n, e.g. 2/4")
        }
        return files.enumerated().filter { $0.offset % parts[1] == parts[0] - 1 }.map(\.element)
    }
}
