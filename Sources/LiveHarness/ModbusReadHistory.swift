import Conformance
import ModbusMap
import ModbusServer
import SimCore

/// The Modbus side of a live run's history: what the target's poller read from our slaves, as one
/// `modbusRead` record per enterprise and interval of plant time in which it sent requests (how
/// many, how many were answered with data, exceptions, unanswered; the points whose value
/// registers a successful read covered). An enterprise the target never asked for gets one record
/// over the whole scenario with zero counts, so "never read" is visible. The rules of evidence
/// count these reads as the data the target received (docs/conformance.md).
public struct ModbusReadHistory: Sendable {
    /// The tally interval, in plant milliseconds (`ModbusSlaveServer.Configuration.readIntervalMs`).
    public static let intervalMs: Int64 = 10_000

    public var endpoints: SlaveEndpoints
    public var intervalMs: Int64

    public init(endpoints: SlaveEndpoints, intervalMs: Int64 = Self.intervalMs) {
        self.endpoints = endpoints; self.intervalMs = intervalMs
    }

    /// The records for `tallies` (from `ModbusSlaveServer.takeReads()` after `stop()`), none past `end`.
    public func records(_ tallies: [ReadTally], end: SimInstant) -> [HistoryRecord] {
        let maps = endpoints.list.flatMap(\.units)
        var records: [HistoryRecord] = []
        var seen = Set<Int>()
        for tally in tallies.sorted(by: { ($0.intervalStart, $0.unit) < ($1.intervalStart, $1.unit) })
        where tally.unit < maps.count && tally.unit < endpoints.plantOfUnit.count {
            seen.insert(tally.unit)
            // Reads after the engine stopped (the slave serves until the run settles) count at the end.
            let start = min(max(tally.intervalStart, .start), end)
            let stop = SimInstant(milliseconds: min(tally.intervalStart.milliseconds + intervalMs, end.milliseconds))
            records.append(.modbusRead(
                from: start, to: max(start, stop), enterprise: enterprise(tally.unit), requests: tally.requests,
                reads: tally.reads, exceptions: tally.exceptions, unanswered: tally.unanswered,
                points: Self.covered(maps[tally.unit], by: tally.ranges.keys)))
        }
        for unit in endpoints.plantOfUnit.indices where !seen.contains(unit) {
            records.append(.modbusRead(from: .start, to: end, enterprise: enterprise(unit), requests: 0, reads: 0,
                                       exceptions: 0, unanswered: 0, points: []))
        }
        return records
    }

    func enterprise(_ unit: Int) -> String { endpoints.plants[endpoints.plantOfUnit[unit]] }

    /// The points (in map order) whose value registers one of `ranges` covers whole.
    static func covered(_ map: UnitMap, by ranges: some Collection<RequestCheck.Access>) -> [String] {
        map.bindings.filter { binding in
            binding.role == .value && ranges.contains { access in
                !access.isWrite && access.table == binding.table && access.addresses.contains(binding.addresses.lowerBound)
                    && access.addresses.upperBound >= binding.addresses.upperBound
            }
        }.map(\.point)
    }
}
