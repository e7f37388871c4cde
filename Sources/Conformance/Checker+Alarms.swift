import Scenario
import SimCore

/// Alarm expectations. A match with a level matches that level only; without a level it matches
/// every hazard level (an INSTRUMENT alarm is about the data, so it only matches `level: INSTRUMENT`).
/// The category the target reported counts too: a hazard level matches only alarms in the hazard
/// category, `INSTRUMENT` only those in the instrument category (an alarm without a category goes by
/// its level), so an instrument fault labelled a hazard violates a level-less "not raised".
extension Checker {
    /// Indices (into `history.alarms`) of the alarms a match names, in raise order. The candidates
    /// come from the index by point and enterprise; what is left to compare is the level (numbers)
    /// and the category.
    func matching(_ e: Expectation, _ match: AlarmMatch) -> [Int] {
        let codes = history.alarmCodes
        let level = match.level.map { history.levelCodes.id($0.rawValue) ?? -1 }
        let hazard = match.level != .instrument
        var found: [Int] = []
        for i in history.alarmIndices(onPoint: match.point, enterprise: e.plant) where codes[Int(i)].hazard == hazard {
            if level == nil || codes[Int(i)].level == level { found.append(Int(i)) }
        }
        return found
    }

    func alarmRaised(_ e: Expectation, _ match: AlarmMatch) -> Verdict {
        let alarms = history.alarms
        let all = matching(e, match)
        if let hit = all.first(where: { e.window.contains(alarms[$0].raisedAt) }).map({ alarms[$0] }) {
            return verdict(e, .pass, observed: "\(label(hit)) raised at \(Fmt.time(hit.raisedAt))",
                           latency: hit.raisedAt - cause(e), first: hit.raisedAt, last: hit.raisedAt,
                           occurrences: all.count { e.window.contains(alarms[$0].raisedAt) }, point: match.point)
        }
        var seen = "no matching alarm raised in the window"
        if !all.isEmpty {
            seen += "; raised outside it at " + Fmt.list(all) { Fmt.time(alarms[$0].raisedAt) }
        } else if let point = match.point {
            let others = history.alarms(onPoint: point, enterprise: e.plant).filter { enterpriseMatches(e, $0.enterprise) }
            if !others.isEmpty { seen += "; on \(point) instead: " + Fmt.list(others) { "\(label($0)) at \(Fmt.time($0.raisedAt))" } }
        }
        return missing(e, observed: seen, first: all.first.map { alarms[$0].raisedAt },
                       last: all.last.map { alarms[$0].raisedAt }, occurrences: all.count, point: match.point)
    }

    func alarmNotRaised(_ e: Expectation, _ match: AlarmMatch) -> Verdict {
        let alarms = history.alarms
        let bad = matching(e, match).filter { e.window.contains(alarms[$0].raisedAt) }.map { alarms[$0] }
        guard let first = bad.first, let last = bad.last else {
            return clean(e, observed: "no matching alarm raised in the window", point: match.point)
        }
        let observed = "\(bad.count) raised: " + Fmt.list(bad) { "\(label($0)) at \(Fmt.time($0.raisedAt))" }
        return verdict(e, .fail, observed: observed, first: first.raisedAt, last: last.raisedAt,
                       occurrences: bad.count, point: match.point)
    }

    func alarmCleared(_ e: Expectation, _ match: AlarmMatch) -> Verdict {
        let alarms = history.alarms
        let all = matching(e, match)
        let cleared = all.filter { alarms[$0].clearedAt.map(e.window.contains) ?? false }
        if let hit = cleared.first.map({ alarms[$0] }), let at = hit.clearedAt {
            return verdict(e, .pass, observed: "\(label(hit)) cleared at \(Fmt.time(at))", latency: at - cause(e),
                           first: at, last: cleared.last.flatMap { alarms[$0].clearedAt }, occurrences: cleared.count,
                           point: match.point)
        }
        let seen: String
        if all.isEmpty {
            seen = "no matching alarm was ever raised"
        } else {
            seen = "matching alarms: " + Fmt.list(all.lazy.map { alarms[$0] }) {
                "\(label($0)) raised \(Fmt.time($0.raisedAt))" + ($0.clearedAt.map { ", cleared \(Fmt.time($0))" } ?? ", still active")
            }
        }
        return missing(e, observed: seen, first: all.first.map { alarms[$0].raisedAt },
                       last: all.last.map { alarms[$0].raisedAt }, occurrences: all.count, point: match.point)
    }

    func label(_ alarm: History.Alarm) -> String {
        "\(alarm.point) \(alarm.level)" + (alarm.kind.map { "/\($0)" } ?? "")
    }
}
