import PlantModel
import Scenario
import SimCore

/// Regional expectations, judged on the regulator view the history implies at the window's end:
/// each enterprise's grade in effect then, and alarms not excluded and not yet handled.
extension Checker {
    func regionMembers(_ region: String) -> [History.Enterprise] {
        history.enterprises.filter { $0.region == region || $0.regionName == region }
    }

    func regionGrades(_ e: Expectation, region: String, grade: RiskGrade, bounds: CountBounds) -> Verdict {
        let members = regionMembers(region)
        guard !members.isEmpty else { return verdict(e, .error, observed: "no enterprise of region '\(region)' in the run") }
        let at = e.window.end
        var counts: [String: Int] = [:]
        var ungraded = 0
        for member in members {
            if let g = history.grade(of: member.code, at: at) { counts[g, default: 0] += 1 } else { ungraded += 1 }
        }
        let count = counts[grade.rawValue] ?? 0
        var observed = "\(region) at \(Fmt.time(at)): " + RiskGrade.allCases.reversed().map { "\($0.rawValue) \(counts[$0.rawValue] ?? 0)" }
            .joined(separator: ", ") + " (\(members.count) enterprises"
        observed += ungraded > 0 ? ", \(ungraded) without a grade)" : ")"
        if bounds.contains(count) { return clean(e, observed: observed) }
        return missing(e, observed: observed, occurrences: count)
    }

    func regionUnhandled(_ e: Expectation, region: String, bounds: CountBounds) -> Verdict {
        let members = Set(regionMembers(region).map(\.code))
        guard !members.isEmpty else { return verdict(e, .error, observed: "no enterprise of region '\(region)' in the run") }
        let at = e.window.end
        let open = history.alarms.filter {
            members.contains($0.enterprise) && !$0.excluded && $0.raisedAt <= at && ($0.handledAt.map { $0 > at } ?? true)
        }
        let observed = "\(region) at \(Fmt.time(at)): \(open.count) unhandled" + (open.isEmpty ? "" : ": " + Fmt.list(open, label))
        if bounds.contains(open.count) { return clean(e, observed: observed) }
        return missing(e, observed: observed, first: open.first?.raisedAt, last: open.last?.raisedAt, occurrences: open.count)
    }
}
