import ModbusMap
import PlantModel
import Scenario
import SimCore
import Simulation

/// How readings reach the reference platform in a lockstep run, without sockets: the platform's
/// Modbus poll of each plant's registers (protocol faults) and the gateway's uplink with its spool
/// (network faults). So transport scenarios run in lockstep too:
///
/// - `exception`, `noReply`, `dropConnection`, `refuseConnections`, `garbage` and a `delay` of a
///   second or more on a point's registers: the poll of that point fails, the reading is lost;
///   `splitFrame` and shorter delays: it arrives.
/// - `freeze`: the reading keeps the value it had when the fault started; `wordOrderSwap`: a
///   32-bit value is decoded with its words swapped (what a platform configured with the wrong
///   word order sees).
/// - network `outage`: readings are held by the spool and delivered when it ends (backfill, with
///   their own timestamps); `latency`: delivered that much later; `clockSkew`: timestamps shifted;
///   `drop` and `duplicate`: the spool resends and the platform drops copies — no effect.
public struct LockstepTransport: Sendable {
    let valueBindings: [[RegisterBinding?]]
    let unitIds: [UInt8]
    let protocolFaults: ProtocolFaultSchedule
    let network: NetworkFaultSchedule
    /// Per plant, per point: the last value delivered, and the value held by an active freeze.
    var lastDelivered: [[Double]]
    var frozenValue: [[Double?]]
    var pending: [(due: SimInstant, sample: Sample)] = []
    public let isTransparent: Bool
    /// What could not be set up (a plant whose register map does not generate); the lockstep run
    /// records each as an error.
    public let setupErrors: [String]

    /// A poll delay at or above this is a timeout.
    static let pollTimeoutMs = 1000

    public init(scenario: LoadedScenario, plants: [Plant]) {
        protocolFaults = scenario.protocolFaults
        network = scenario.networkFaults
        unitIds = scenario.modbusLayouts.map(\.unitId)
        var problems: [String] = []
        valueBindings = plants.indices.map { p in
            let map: UnitMap?
            do { map = try UnitMap.generate(points: plants[p].points, layout: scenario.modbusLayouts[p]) } catch {
                problems.append("no register map for \(plants[p].enterprise.code), so protocol faults cannot act on its registers: \(error)")
                map = nil
            }
            return plants[p].points.indices.map { i in
                map?.bindings.first { $0.pointIndex == i && $0.role == .value }
            }
        }
        setupErrors = problems
        lastDelivered = plants.map { Array(repeating: .nan, count: $0.points.count) }
        frozenValue = plants.map { Array(repeating: nil, count: $0.points.count) }
        isTransparent = protocolFaults.entries.isEmpty && network.entries.isEmpty
    }

    /// One sample from the engine; what the platform receives now is appended to `out`.
    public mutating func pass(_ sample: Sample, into out: inout [Sample]) {
        guard !isTransparent else { return out.append(sample) }
        guard var polled = poll(sample) else { return }
        lastDelivered[polled.plant][polled.point] = polled.value
        let active = network.active(at: sample.time)
        var due = sample.time
        for fault in active {
            switch fault {
            case .outage: due = max(due, outageEnd(at: sample.time))
            case .latency(let delayMs): due = due + .ms(Int64(delayMs))
            case .clockSkew(let skewMs): polled.time = SimInstant(milliseconds: max(0, polled.time.milliseconds + skewMs))
            case .drop, .duplicate: break
            }
        }
        if due > sample.time { pending.append((due, polled)) } else { out.append(polled) }
    }

    /// Samples whose delivery time has come (spool backfill, latency), in their original order.
    public mutating func release(at time: SimInstant, into out: inout [Sample]) {
        guard !pending.isEmpty, pending.contains(where: { $0.due <= time }) else { return }
        out.append(contentsOf: pending.filter { $0.due <= time }.map(\.sample))
        pending.removeAll { $0.due <= time }
    }

    /// The reading as the platform's poll returns it, or nil when the poll fails.
    mutating func poll(_ sample: Sample) -> Sample? {
        guard let binding = valueBindings[sample.plant][sample.point] else { return sample }
        let unit = unitIds[sample.plant]
        var out = sample
        var frozen = false
        for fault in protocolFaults.active(at: sample.time) where fault.matches(unit: unit, binding: binding) {
            switch fault.kind {
            case .exception, .noReply, .dropConnection, .refuseConnections, .garbage: return nil
            case .delay(let delayMs) where delayMs >= Self.pollTimeoutMs: return nil
            case .delay, .splitFrame: break
            case .freeze:
                frozen = true
                let held = frozenValue[sample.plant][sample.point] ?? lastDelivered[sample.plant][sample.point]
                frozenValue[sample.plant][sample.point] = held
                if held.isFinite { out.value = held }
            case .wordOrderSwap:
                guard binding.type.width == 2, out.value.isFinite else { break }
                let registers = RegisterEncoding.encode(out.value, type: binding.type, scale: binding.scale,
                                                        offset: binding.offset, order: binding.wordOrder)
                out.value = RegisterEncoding.decode(registers, type: binding.type, scale: binding.scale,
                                                    offset: binding.offset, order: binding.wordOrder.wordSwapped)
            }
        }
        if !frozen { frozenValue[sample.plant][sample.point] = nil }
        return out
    }

    /// When the outage active at `time` ends (the scenario's end if it never does).
    func outageEnd(at time: SimInstant) -> SimInstant {
        network.entries.filter { $0.fault == .outage && $0.start <= time && ($0.end.map { time < $0 } ?? true) }
            .map { $0.end ?? SimInstant(milliseconds: .max / 2) }.max() ?? time
    }
}
