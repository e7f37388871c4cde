import SimCore

/// The Modbus side of the rules of evidence: when the target polls our slaves, the data it received
/// is what it read (`modbusRead` records). For an enterprise fed over Modbus only (no `delivery`
/// record names it), the target lacks our data from the plant time it stopped reading: never read
/// at all (from t+0), or no successful read from some time to the scenario's end, for longer than
/// its own polling rhythm explains. Pauses the target recovers from (a scenario's protocol fault,
/// a reconnect) are its own business and judged as usual.
enum ModbusLoss {
    /// A silence at the end shorter than this proves nothing (plant milliseconds).
    static let minimumSilenceMs: Int64 = 30_000

    /// The earliest loss over every enterprise fed over Modbus only, if any.
    static func earliest(_ history: History) -> Evidence.Loss? {
        let reads = history.records(.modbusRead)
        guard !reads.isEmpty else { return nil }
        let uplinked = Set(history.records(.delivery).compactMap(\.enterprise))
        let end = history.end?.milliseconds ?? reads.map(\.t).max() ?? 0
        var codes: [String] = []
        for code in reads.compactMap(\.enterprise) where !codes.contains(code) && !uplinked.contains(code) { codes.append(code) }
        return codes.compactMap { code in loss(reads.filter { $0.enterprise == code }, enterprise: code, end: end) }
            .min { $0.at < $1.at }
    }

    /// The loss of one enterprise's Modbus reads (time order), or nil when the target kept reading.
    static func loss(_ reads: [HistoryRecord], enterprise: String, end: Int64) -> Evidence.Loss? {
        let good = reads.filter { ($0.counts?.count ?? 0) >= 2 && $0.counts![1] > 0 }
        guard let last = good.last else {
            let requests = reads.reduce(0) { $0 + ($1.counts?.first ?? 0) }
            let exceptions = reads.reduce(0) { $0 + (($1.counts?.count ?? 0) > 2 ? $1.counts![2] : 0) }
            let why = requests == 0 ? "no Modbus request reached its slave"
                : "\(requests) Modbus requests, none answered with data (\(exceptions) exceptions)"
            return Evidence.Loss(at: .start, reason: "the target never read \(enterprise)'s registers: \(why)")
        }
        let starts = good.map { $0.fromMs ?? $0.t }
        let gaps = zip(starts.dropFirst(), starts).map { $0 - $1 }.sorted()
        let rhythm = gaps.isEmpty ? 0 : gaps[gaps.count / 2]
        let interval = last.t - (last.fromMs ?? last.t)
        let tolerance = max(minimumSilenceMs, 3 * rhythm, 3 * interval)
        guard end - last.t > tolerance else { return nil }
        let from = SimInstant(milliseconds: last.t)
        return Evidence.Loss(at: from, reason: "the target stopped reading \(enterprise)'s registers: no successful Modbus "
            + "read from \(Fmt.time(from)) to the scenario's end at \(Fmt.time(SimInstant(milliseconds: end)))")
    }
}
