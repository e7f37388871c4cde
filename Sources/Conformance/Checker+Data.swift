import Scenario
import SimCore

/// Data completeness: readings the target received (its `received` counts) against the readings
/// the plant's sampling periods call for, over the reception intervals that end inside the window.
extension Checker {
    func dataComplete(_ e: Expectation, point: String?, minPct: Double) -> Verdict {
        if let error = history.firstError(atOrBefore: e.window.end), error.time >= e.window.start {
            return verdict(e, .error, observed: "\(error.source.rawValue) error at \(Fmt.time(error.time)): \(error.message ?? "unknown")", point: point)
        }
        guard !history.records(.received).isEmpty else {
            return verdict(e, .error, observed: "the target reports no reception counts (its observer has no readings "
                + "source), so completeness cannot be judged", point: point)
        }
        var expected = 0.0, received = 0
        var worst: (point: String, pct: Double)?
        for enterprise in history.enterprises where enterpriseMatches(e, enterprise.code) {
            let indices = enterprise.points.indices.filter { point == nil || enterprise.points[$0] == point }
            guard !indices.isEmpty else { continue }
            let all = history.records(.received, enterprise: enterprise.code)
            var previous = SimInstant.start
            var perPoint = Array(repeating: 0, count: enterprise.points.count)
            var span = SimDuration.zero
            for record in all {
                defer { previous = record.time }
                guard record.time > e.window.start, record.time <= e.window.end else { continue }
                span = span + (record.time - max(previous, e.window.start))
                for i in indices where i < (record.counts?.count ?? 0) { perPoint[i] += record.counts?[i] ?? 0 }
            }
            for i in indices {
                let period = enterprise.periodsMs.indices.contains(i) ? max(1, enterprise.periodsMs[i]) : 1000
                let due = Double(span.milliseconds) / Double(period)
                expected += due
                received += perPoint[i]
                let pct = due > 0 ? min(100, Double(perPoint[i]) / due * 100) : 100
                if worst == nil || pct < worst!.pct { worst = (enterprise.points[i], pct) }
            }
        }
        guard expected > 0 else {
            return missing(e, observed: "the target reported no reception counts for \(point ?? "any point") in the window",
                           point: point)
        }
        let pct = min(100, Double(received) / expected * 100)
        let observed = "\(received) of \(Int(expected.rounded())) readings (\(Fmt.pct(pct)) %)"
            + (point == nil ? worst.map { "; worst point \($0.point) \(Fmt.pct($0.pct)) %" } ?? "" : "")
        if pct + 1e-9 >= minPct { return clean(e, observed: observed, point: point) }
        return missing(e, observed: observed, point: point)
    }
}

extension Fmt {
    static func pct(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
