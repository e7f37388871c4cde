import Conformance
import Observers
import PlantModel
import SimCore

/// Reads a target's reception counts (the target file's `reception:`) after a live scenario: per
/// enterprise and per interval of plant time, how many readings of each point the target received,
/// as `received` records for `dataComplete`. A request or answer that fails is an `error` record at
/// the start of its interval, and that enterprise's counts stop there.
struct ReceptionCounts: Sendable {
    var spec: LiveSettings.Reception
    var requests: TargetRequests

    func records(plants: [Plant], epochUnixMs: Int64, end: SimInstant) async -> [HistoryRecord] {
        var records: [HistoryRecord] = []
        let step = Int64(spec.intervalS) * 1000
        for plant in plants {
            var from: Int64 = 0
            while from < end.milliseconds {
                let to = min(from + step, end.milliseconds)
                let extra = ["ENTERPRISE": plant.enterprise.code, "FROM_MS": String(epochUnixMs + from),
                             "TO_MS": String(epochUnixMs + to)]
                switch await counts(plant, extra: extra) {
                case .success(let counts):
                    records.append(.received(at: SimInstant(milliseconds: to), enterprise: plant.enterprise.code, counts: counts))
                case .failure(let failure):
                    records.append(.error(at: SimInstant(milliseconds: from), source: .target,
                                          message: "reception counts of \(plant.enterprise.code): \(failure.message)"))
                    from = end.milliseconds
                }
                from = to
            }
        }
        return records
    }

    /// One interval's counts in the plant's point order (points the answer leaves out: 0).
    func counts(_ plant: Plant, extra: [String: String]) async -> Result<[Int], TargetRequests.Failure> {
        let body: [UInt8]
        switch await requests.fetch(spec.request, extra: extra) {
        case .success(let bytes): body = bytes
        case .failure(let failure): return .failure(failure)
        }
        let document: JSONValue
        do { document = try JSONValue.parse(body) } catch {
            return .failure(.init(message: "the answer is not JSON (\(error))"))
        }
        guard case .object(let table)? = spec.counts.resolve(in: document) else {
            return .failure(.init(message: "no object of point code → count at \(spec.counts) in the answer"))
        }
        return .success(plant.points.map { point in table[point.code]?.int64Value.map { Int($0) } ?? 0 })
    }
}
