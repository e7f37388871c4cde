import PlantModel
import Scenario
import SimCore

/// Grade expectations, over the grade in effect at every instant of the window (the grade set
/// before the window counts from the window's start).
extension Checker {
    /// (time the grade took effect in the window — the window start for one set before —, record).
    func gradeSpans(_ e: Expectation) -> [(at: SimInstant, record: HistoryRecord)] {
        var spans: [(SimInstant, HistoryRecord)] = []
        let codes = e.plant.map { history.gradeChanges[$0] == nil ? [] : [$0] } ?? history.gradeCodes
        for code in codes {
            let changes = history.gradeChanges[code] ?? []
            // The changes are in time order: the one in effect at the start, then those in the window.
            var k = history.firstChange(changes) { $0 >= e.window.start.milliseconds }
            if k > 0 { spans.append((e.window.start, history.raw[changes[k - 1]])) }
            while k < changes.count, history.raw[changes[k]].time <= e.window.end {
                spans.append((history.raw[changes[k]].time, history.raw[changes[k]]))
                k += 1
            }
        }
        return spans.sorted { $0.0 < $1.0 }
    }

    func rank(_ grade: String?) -> Int { grade.flatMap(RiskGrade.init(rawValue:)).map { RiskGrade.allCases.firstIndex(of: $0) ?? -1 } ?? -1 }

    func gradeReached(_ e: Expectation, _ grade: RiskGrade) -> Verdict {
        let spans = gradeSpans(e)
        if let hit = spans.first(where: { rank($0.record.grade) >= rank(grade.rawValue) }) {
            let who = hit.record.enterprise ?? "?"
            let latency = max(.zero, hit.record.time - cause(e))
            return verdict(e, .pass, observed: "\(who) \(hit.record.grade ?? "?") at \(Fmt.time(hit.record.time))"
                           + reasons(hit.record), latency: latency, first: hit.at, last: hit.at, occurrences: 1)
        }
        let unknown = spans.filter { rank($0.record.grade) < 0 }
        if let bad = unknown.first {
            return verdict(e, .error, observed: "unparseable grade '\(bad.record.grade ?? "")' at \(Fmt.time(bad.at))")
        }
        if let silent = ungraded(e) { return verdict(e, .error, observed: silent) }
        guard let top = spans.max(by: { rank($0.record.grade) < rank($1.record.grade) }) else {
            return missing(e, observed: "no grade reported for the window")
        }
        return missing(e, observed: "highest grade in the window: \(top.record.grade ?? "?") (\(top.record.enterprise ?? "?"), from \(Fmt.time(top.at)))",
                       first: spans.first?.at, last: spans.last?.at, occurrences: spans.count)
    }

    func gradeNotExceeded(_ e: Expectation, _ grade: RiskGrade) -> Verdict {
        let spans = gradeSpans(e)
        let unknown = spans.filter { rank($0.record.grade) < 0 }
        if let bad = unknown.first {
            return verdict(e, .error, observed: "unparseable grade '\(bad.record.grade ?? "")' at \(Fmt.time(bad.at))")
        }
        let over = spans.filter { rank($0.record.grade) > rank(grade.rawValue) }
        guard let first = over.first, let last = over.last else {
            if let silent = ungraded(e) { return verdict(e, .error, observed: silent) }
            let top = spans.max(by: { rank($0.record.grade) < rank($1.record.grade) })?.record.grade
            return clean(e, observed: "highest grade in the window: \(top ?? "none reported")")
        }
        let observed = "exceeded: " + Fmt.list(over) {
            "\($0.record.enterprise ?? "?") \($0.record.grade ?? "?") at \(Fmt.time($0.at))" + reasons($0.record)
        }
        return verdict(e, .fail, observed: observed, first: first.at, last: last.at, occurrences: over.count)
    }

    /// Why the grade cannot be judged when the target never reported one during the whole scenario
    /// for an enterprise the expectation is about (its own, else every enterprise of the run): its
    /// silence would otherwise pass "stays at or below". Nil when every such enterprise has a grade.
    func ungraded(_ e: Expectation) -> String? {
        let scope = e.plant.map { [$0] } ?? history.enterprises.map(\.code)
        if scope.isEmpty {
            return history.gradeCodes.isEmpty ? "the target reported no grade during the scenario, so grades cannot be judged" : nil
        }
        let silent = scope.filter { history.gradeChanges[$0] == nil }
        guard !silent.isEmpty else { return nil }
        return "the target reported no grade for \(Fmt.list(silent)) during the scenario, so its grade cannot be judged"
    }

    func reasons(_ record: HistoryRecord) -> String {
        guard let reasons = record.reasons, !reasons.isEmpty else { return "" }
        return " [" + reasons.joined(separator: ", ") + "]"
    }
}
