import Conformance
import Envelope
import Foundation
import Observers
import PlantModel
import Reference
import Scenario

/// What a live run needs of its target, from its target file: where the uplink posts, where our
/// Modbus slaves listen, how its alarms and grades are observed. For `reference`, the embedded
/// platform is started on a free port and `Scenarios/targets/reference.yaml` describes it.
public struct LiveConnection: Sendable {
    public static let referenceTargetFile = "Scenarios/targets/reference.yaml"

    var spec: TargetSpec
    var variables: [String: String]
    var embedded: EmbeddedPlatform?
    var profile: ProfileFile
    var credentials: [String: EnvelopeCredentials]
    /// Wall seconds to wait after the run for the target to finish processing.
    var settleSeconds: Double

    var uplinkURL: String? { spec.uplink?.url }
    var token: String? { spec.uplink?.token.flatMap { $0.isEmpty ? nil : $0 } }
    var caFile: String? { spec.uplink?.caFile }
    var modbusListen: String? { spec.modbus?.listen }
    /// The target file as given (`reference` names the shipped one).
    var file: String = LiveConnection.referenceTargetFile

    /// Which credential to check when the target refuses our posts with 401/403.
    var credentialHint: String {
        let scheme: UplinkCredentials.Scheme = switch (profile.envelope, profile.auth) {
        case (.sm4, _): .sm4
        case (_, .bearer): .bearer(tokenSet: token != nil)
        case (_, .secretHeader(let header)): .secretHeader(header)
        case (_, .none): .none
        }
        return UplinkCredentials.hint(scheme, targetFile: file)
    }

    /// Reads the target file (`reference`: `referenceFile`, with the embedded platform started on a
    /// free port) and the uplink's profile and credentials files it names.
    public static func open(target: String, plants: [PlantConfig], rules: ReferenceRules, version: String = "live",
                            referenceFile: String = referenceTargetFile) async throws -> LiveConnection {
        var variables = ProcessInfo.processInfo.environment
        var embedded: EmbeddedPlatform?
        let file = target == "reference" ? referenceFile : target
        let spec = try loadSpec(file)
        if target == "reference" {
            var generator = SystemRandomNumberGenerator()
            let token = "tundish-run-" + String(generator.next(), radix: 36)
            let platform = try await EmbeddedPlatform.start(plants: plants, rules: rules, token: token, version: version)
            variables["PORT"] = platform.baseURL.split(separator: ":").last.map(String.init)
            variables["TUNDISH_TOKEN"] = token
            embedded = platform
        }
        let resolved: TargetSpec
        do { resolved = try spec.resolving(variables) } catch {
            await embedded?.stop()
            throw LiveRunError("\(file): \(error)")
        }
        return LiveConnection(
            spec: resolved, variables: variables, embedded: embedded,
            profile: try UplinkFiles.profile(resolved.uplink?.profile),
            credentials: try UplinkFiles.credentials(resolved.uplink?.credentials), settleSeconds: 2, file: file)
    }

    static func loadSpec(_ file: String) throws -> TargetSpec {
        let text = try FileSourceReader().read(file)
        do { return try TargetFileParser.parse(text: text, file: file) } catch {
            throw LiveRunError(error.description)
        }
    }

    /// Starts observing: the wall→plant map begins at `wallStart`, at plant time zero, until
    /// `LiveObservation.align(_:)` re-anchors it when the plant clock really starts.
    func observe(epochUnixMs: Int64, wallStart: Date, speed: Double) async throws -> LiveObservation {
        // Held at plant time zero (speed 0) until `align`: the target's state read at the start is
        // its state when the scenario begins, and vouches from there.
        let map = WallToPlant(wallStartMs: Int64((wallStart.timeIntervalSince1970 * 1000).rounded()), speed: 0)
        let observer = try spec.makeObserver(epochUnixMs: epochUnixMs, timeMap: map, variables: variables)
        do { try await observer.start() } catch {
            await observer.stop()
            throw LiveRunError("target \(spec.name): observation did not start: \(error)")
        }
        return LiveObservation(observer: observer)
    }

    public func close() async { await embedded?.stop() }
}

/// A running observer; at the end it waits for the target to settle.
struct LiveObservation: Sendable {
    let observer: any TargetObserver

    /// Re-anchors the wall→plant map when the plant clock starts (`plantEnd`: the scenario's end).
    func align(_ map: WallToPlant) async { await observer.align(map) }

    /// Waits `settleSeconds`, stops (one last poll), and returns everything observed.
    func finish(settleSeconds: Double) async -> [HistoryRecord] {
        try? await Task.sleep(for: .milliseconds(Int(settleSeconds * 1000)))
        var records = await observer.collect()
        await observer.stop()
        records += await observer.collect()
        return records
    }
}
