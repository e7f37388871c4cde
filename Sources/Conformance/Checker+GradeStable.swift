import Scenario
import SimCore

/// `gradeStable`: an enterprise's grade changes at most N times in the window. A change is a grade
/// record whose grade differs from the one in effect before it (a repeated report is no change;
/// the first grade ever reported is none either). Judged per enterprise: the expectation's own,
/// else each enterprise, the one with the most changes deciding.
extension Checker {
    func gradeStable(_ e: Expectation, maxChanges: Int) -> Verdict {
        var worst: (code: String, changes: [HistoryRecord]) = ("", [])
        let codes = e.plant.map { [$0] } ?? history.gradeCodes
        for code in codes {
            let changes = flips(of: code, in: e.window)
            if changes.count > worst.changes.count || worst.code.isEmpty { worst = (code, changes) }
        }
        if worst.changes.count > maxChanges, let first = worst.changes.first, let last = worst.changes.last {
            let observed = "\(worst.code) changed grade \(worst.changes.count) times: " + Fmt.list(worst.changes, limit: 8) {
                "\($0.grade ?? "?") at \(Fmt.time($0.time))" + reasons($0)
            }
            return verdict(e, .fail, observed: observed, first: first.time, last: last.time,
                           occurrences: worst.changes.count)
        }
        if let silent = ungraded(e) { return verdict(e, .error, observed: silent) }
        let most = worst.code.isEmpty ? "no grade change in the window"
            : "at most \(worst.changes.count) change\(worst.changes.count == 1 ? "" : "s") in the window (\(worst.code))"
        return clean(e, observed: most)
    }

    /// The grade records of an enterprise in the window that changed its grade.
    func flips(of code: String, in window: Window) -> [HistoryRecord] {
        let changes = history.gradeChanges[code] ?? []
        var k = history.firstChange(changes) { $0 >= window.start.milliseconds }
        var previous = k > 0 ? history.raw[changes[k - 1]].grade : nil
        var flips: [HistoryRecord] = []
        while k < changes.count, history.raw[changes[k]].time <= window.end {
            let record = history.raw[changes[k]]
            if let before = previous, record.grade != before { flips.append(record) }
            previous = record.grade
            k += 1
        }
        return flips
    }
}
