import Envelope
import Foundation
import Logging
import PlantModel
import Scenario
import SimCore
import Uplink

/// The uplink side of `tundish slave --uplink`: the spool, the sender and the gateways' pipeline.
public struct UplinkLink: Sendable {
    public let sender: UplinkSender
    public let pipeline: UplinkPipeline

    public init(
        url: String, setup: SlaveSetup, files: [String], spool: String?, token: String?, profile: ProfileFile,
        credentials: [String: EnvelopeCredentials], caFile: String?, clock: PlantTimeBox,
        periods: (readings: SimDuration, heartbeat: SimDuration) = (.seconds(10), .seconds(60)), batchScope: String? = nil,
        epochUnixMs: Int64? = nil, log: @Sendable (String) -> Void = LiveLog.standardError
    ) throws {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let name = ((files.first ?? "run") as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
        let folder = spool ?? "runs/spool/\(name)"
        let queue = try Spool(directory: folder)
        var configuration = UplinkSender.Configuration(
            baseURL: base, token: profile.auth == .bearer ? token ?? ProcessInfo.processInfo.environment["TUNDISH_TOKEN"] : nil)
        configuration.seed = setup.engine.seed
        configuration.caFile = caFile
        let schedule = setup.networkFaults
        sender = UplinkSender(
            spool: queue, configuration: configuration, logger: Logger(label: "tundish.uplink"),
            faults: { schedule.active(at: clock.now) },
            prepare: UplinkFiles.prepare(profile: profile, credentials: credentials))
        let plants = setup.engine.plants
        pipeline = UplinkPipeline(
            plants: plants, equipment: [], epochUnixMs: epochUnixMs ?? setup.engine.spec.epochUnixMs, spool: queue, network: schedule,
            endpoints: profile.endpoints, readingsPeriod: periods.readings, heartbeatPeriod: periods.heartbeat,
            batchScope: batchScope)
        if queue.count > 0 { log("uplink: \(queue.count) batches from an earlier run are spooled in \(folder); sending them first") }
    }
}
