import Scenario
import SimCore

/// Alarm expectations. A match with a level matches that level only; without a level it matches
/// every hazard level (an INSTRUMENT alarm is about the data, so it only matches `level: INSTRUMENT`).
extension Checker {
    func matches(_ alarm: History.Alarm, _ match: AlarmMatch, _ e: Expectation) -> Bool {
        guard enterpriseMatches(e, alarm.enterprise) else { return false }
        if let point = match.point, alarm.point != point { return false }
        if let level = match.level { return alarm.level == level.rawValue }
        return alarm.isHazard
    }

    func alarmRaised(_ e: Expectation, _ match: AlarmMatch) -> Verdict {
        let all = history.alarms(onPoint: match.point, enterprise: e.plant).filter { matches($0, match, e) }
        if let hit = all.first(where: { e.window.contains($0.raisedAt) }) {
            return verdict(e, .pass, observed: "\(label(hit)) raised at \(Fmt.time(hit.raisedAt))",
                           latency: hit.raisedAt - cause(e), first: hit.raisedAt, last: hit.raisedAt,
                           occurrences: all.filter { e.window.contains($0.raisedAt) }.count, point: match.point)
        }
        var seen = "no matching alarm raised in the window"
        if !all.isEmpty {
            seen += "; raised outside it at " + Fmt.list(all.map { Fmt.time($0.raisedAt) })
        } else if let point = match.point {
            let others = history.alarms(onPoint: point, enterprise: e.plant).filter { enterpriseMatches(e, $0.enterprise) }
            if !others.isEmpty { seen += "; on \(point) instead: " + Fmt.list(others.map { "\(label($0)) at \(Fmt.time($0.raisedAt))" }) }
        }
        return missing(e, observed: seen, first: all.first?.raisedAt, last: all.last?.raisedAt,
                       occurrences: all.count, point: match.point)
    }

    func alarmNotRaised(_ e: Expectation, _ match: AlarmMatch) -> Verdict {
        let bad = history.alarms(onPoint: match.point, enterprise: e.plant).filter { matches($0, match, e) && e.window.contains($0.raisedAt) }
        guard let first = bad.first, let last = bad.last else {
            return clean(e, observed: "no matching alarm raised in the window", point: match.point)
        }
        let observed = "\(bad.count) raised: " + Fmt.list(bad.map { "\(label($0)) at \(Fmt.time($0.raisedAt))" })
        return verdict(e, .fail, observed: observed, first: first.raisedAt, last: last.raisedAt,
                       occurrences: bad.count, point: match.point)
    }

    func alarmCleared(_ e: Expectation, _ match: AlarmMatch) -> Verdict {
        let all = history.alarms(onPoint: match.point, enterprise: e.plant).filter { matches($0, match, e) }
        let cleared = all.filter { $0.clearedAt.map(e.window.contains) ?? false }
        if let hit = cleared.first, let at = hit.clearedAt {
            return verdict(e, .pass, observed: "\(label(hit)) cleared at \(Fmt.time(at))", latency: at - cause(e),
                           first: at, last: cleared.last?.clearedAt, occurrences: cleared.count, point: match.point)
        }
        let seen: String
        if all.isEmpty {
            seen = "no matching alarm was ever raised"
        } else {
            seen = "matching alarms: " + Fmt.list(all.map {
                "\(label($0)) raised \(Fmt.time($0.raisedAt))" + ($0.clearedAt.map { ", cleared \(Fmt.time($0))" } ?? ", still active")
            })
        }
        return missing(e, observed: seen, first: all.first?.raisedAt, last: all.last?.raisedAt,
                       occurrences: all.count, point: match.point)
    }

    func label(_ alarm: History.Alarm) -> String {
        "\(alarm.point) \(alarm.level)" + (alarm.kind.map { "/\($0)" } ?? "")
    }
}
