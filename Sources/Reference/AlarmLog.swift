import SimCore

/// Every alarm of the run, in the order raised, with deterministic ids.
struct AlarmLog: Sendable {
    var records: [AlarmRecord] = []
    var position: [String: Int] = [:]
    var counters: [String: Int] = [:]

    /// Appends the alarm, giving it the next id for its key. Returns its index.
    mutating func append(_ draft: AlarmRecord) -> Int {
        var record = draft
        let key = [record.enterprise, record.point, record.level.rawValue, record.kind].compactMap { $0 }
            .joined(separator: "-")
        let next = (counters[key] ?? 0) + 1
        counters[key] = next
        record.id = "\(key)-\(next)"
        position[record.id] = records.count
        records.append(record)
        return records.count - 1
    }
}
