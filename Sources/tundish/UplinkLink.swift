import Foundation
import Logging
import PlantModel
import Scenario
import SimCore
import Uplink

/// The uplink side of `tundish slave --uplink`: the spool, the sender and the gateways' pipeline.
struct UplinkLink: Sendable {
    let sender: UplinkSender
    let pipeline: UplinkPipeline

    init(url: String, setup: SlaveSetup, files: [String], spool: String?, token: String?, clock: PlantTimeBox) throws {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let name = ((files.first ?? "run") as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
        let folder = spool ?? "runs/spool/\(name)"
        let queue = try Spool(directory: folder)
        var configuration = UplinkSender.Configuration(
            baseURL: base, token: token ?? ProcessInfo.processInfo.environment["TUNDISH_TOKEN"])
        configuration.seed = setup.engine.seed
        let schedule = setup.networkFaults
        sender = UplinkSender(
            spool: queue, configuration: configuration, logger: Logger(label: "tundish.uplink"),
            faults: { schedule.active(at: clock.now) })
        let plants = setup.engine.plants
        pipeline = UplinkPipeline(
            plants: plants, equipment: [], epochUnixMs: setup.engine.spec.epochUnixMs, spool: queue, network: schedule)
        if queue.count > 0 { Console.error("uplink: \(queue.count) batches from an earlier run are spooled in \(folder); sending them first") }
    }
}
