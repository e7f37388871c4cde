import Foundation
import Gateway
import PlantModel
import Scenario
import SimCore
import Simulation
import UplinkProfile

/// The gateway side of a run: one `Gateway` per plant, fed by the engine (a `TraceSink`), whose
/// uploads are encoded and spooled for the `UplinkSender`. Runs on the engine's thread.
public struct UplinkPipeline: TraceSink, Sendable {
    var gateways: [Gateway]
    let spool: Spool
    let endpoints: UplinkEndpoints
    let network: NetworkFaultSchedule
    var current: SimInstant?
    /// Per gateway: plant time of the earliest reading not yet sent in a batch.
    var pendingSince: [SimInstant?]
    let enterprises: [String]
    public private(set) var queued = 0
    public private(set) var refused: [String] = []
    public private(set) var readingsQueued = 0

    public init(
        plants: [Plant], equipment: [[EquipmentConfig]], epochUnixMs: Int64, spool: Spool,
        network: NetworkFaultSchedule = NetworkFaultSchedule(), endpoints: UplinkEndpoints = .default,
        readingsPeriod: SimDuration = .seconds(10), heartbeatPeriod: SimDuration = .seconds(60), batchScope: String? = nil
    ) {
        gateways = plants.enumerated().map { index, plant in
            var configuration = Gateway.Configuration(
                gatewayCode: "GW-\(plant.enterprise.code)", readingsPeriod: readingsPeriod,
                heartbeatPeriod: heartbeatPeriod, epochUnixMs: epochUnixMs)
            configuration.batchScope = batchScope
            return Gateway(plant: plant, equipment: index < equipment.count ? equipment[index] : [], configuration: configuration)
        }
        pendingSince = plants.map { _ in nil }
        enterprises = plants.map(\.enterprise.code)
        self.spool = spool; self.endpoints = endpoints; self.network = network
    }

    public mutating func record(_ sample: Sample) {
        if current != sample.time {
            current = sample.time
            let skew = network.active(at: sample.time).compactMap { if case .clockSkew(let ms) = $0 { ms } else { nil } }.reduce(0, +)
            for index in gateways.indices {
                gateways[index].clockSkewMs = skew
                enqueue(gateways[index].tick(at: sample.time), gateway: index, at: sample.time)
            }
        }
        if pendingSince[sample.plant] == nil { pendingSince[sample.plant] = sample.time }
        enqueue(gateways[sample.plant].observe(point: sample.point, time: sample.time, value: sample.value, quality: sample.quality),
                gateway: sample.plant, at: sample.time)
    }

    public mutating func record(_ event: EngineEvent) {}

    /// Flushes what is pending at the end of the run.
    public mutating func finish(at time: SimInstant) {
        for index in gateways.indices { enqueue(gateways[index].finish(at: time), gateway: index, at: time) }
    }

    /// Spools a gateway's payloads; each is stamped with the plant time of its earliest data
    /// (a readings batch: its first reading; anything else: now).
    mutating func enqueue(_ payloads: [Payload], gateway index: Int, at time: SimInstant) {
        for payload in payloads {
            var earliest = time
            if case .readings = payload {
                earliest = pendingSince[index] ?? time
                pendingSince[index] = nil
            }
            do {
                let body = String(decoding: try UplinkEncoder.encode(payload), as: UTF8.self)
                try spool.append(path: endpoints.path(for: payload.kind), batchId: payload.batchId, body: body,
                                 enterprise: enterprises[index], plantMs: earliest.milliseconds)
                queued += 1
                if case .readings(let batch) = payload { readingsQueued += batch.datas.count }
            } catch {
                refused.append("\(payload.batchId): \(error)")
            }
        }
    }
}

/// Plant time shared between the engine's thread and the sender (for timing network faults).
public final class PlantTimeBox: @unchecked Sendable {
    let lock = NSLock()
    var value = SimInstant.start
    public init() {}
    public var now: SimInstant {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
