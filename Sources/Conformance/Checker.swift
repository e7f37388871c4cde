import Scenario
import SimCore

/// Judges expectations against a history. Pure: the same expectations and history always give the
/// same verdicts, so a saved run can be re-judged (`tundish check RUN_DIR`).
///
/// Positive expectations (raised, cleared, reached, tripped, complete) pass on the first matching
/// observation in the window; with none, an error in the history or an observation that ended
/// before the window closed gives `error`, otherwise `fail`. Negative ones (not raised, not
/// exceeded, not tripped) fail on any violation; with none, the same error conditions apply.
///
/// Rules of evidence (`Evidence`): an absence counts only where the history can vouch for it. A
/// window ending after the first batch that never reached the target, or not covered by `observed`
/// spans, turns a missing positive and a clean negative into `error`; positive evidence still
/// passes and violations still fail.
public struct Checker: Sendable {
    public let history: History
    let evidence: Evidence

    public init(history: History) {
        self.history = history
        evidence = Evidence(history)
    }

    public func judge(_ expectations: [Expectation]) -> [Verdict] { expectations.map(judge) }

    public func judge(_ expectation: Expectation) -> Verdict {
        switch expectation.kind {
        case .alarmRaised(let match): alarmRaised(expectation, match)
        case .alarmNotRaised(let match): alarmNotRaised(expectation, match)
        case .alarmCleared(let match): alarmCleared(expectation, match)
        case .gradeReached(let grade): gradeReached(expectation, grade)
        case .gradeNotExceeded(let grade): gradeNotExceeded(expectation, grade)
        case .interlockTripped(let name): interlockTripped(expectation, name)
        case .interlockNotTripped(let name): interlockNotTripped(expectation, name)
        case .dataComplete(let point, let minPct): dataComplete(expectation, point: point, minPct: minPct)
        case .regionGrades(let region, let grade, let bounds): regionGrades(expectation, region: region, grade: grade, bounds: bounds)
        case .regionUnhandled(let region, let bounds): regionUnhandled(expectation, region: region, bounds: bounds)
        case .gradeStable(let maxChanges): gradeStable(expectation, maxChanges: maxChanges)
        }
    }

    // MARK: shared

    /// The cause time: the anchor step as it was applied in the run, else the window start.
    func cause(_ e: Expectation) -> SimInstant {
        e.window.anchor.flatMap { history.stepTimes[$0] } ?? e.window.start
    }

    func verdict(_ e: Expectation, _ outcome: Outcome, observed: String, latency: SimDuration? = nil,
                 first: SimInstant? = nil, last: SimInstant? = nil, occurrences: Int = 0, point: String? = nil)
        -> Verdict
    {
        Verdict(
            id: e.id, kind: ExpectationText.key(e.kind), outcome: outcome, expected: ExpectationText.describe(e),
            observed: observed, windowStartMs: e.window.start.milliseconds, windowEndMs: e.window.end.milliseconds,
            anchor: e.window.anchor, latencyMs: latency?.milliseconds, firstMs: first?.milliseconds,
            lastMs: last?.milliseconds, occurrences: occurrences, enterprise: e.plant, point: point,
            clauses: e.clauses, note: e.note, location: e.location.description)
    }

    /// Why nothing could be concluded where something was missing: an error in the history up to the
    /// window's end, observation that stopped before the window closed, data we sent that never
    /// reached the target before the window closed (`delivery` records), or a window the observer
    /// cannot vouch for (`observed` spans). Nil: the absence is real.
    func inconclusive(_ e: Expectation) -> String? {
        if let error = history.firstError(atOrBefore: e.window.end) {
            return "\(error.source.rawValue) error at \(Fmt.time(error.time)): \(error.message ?? "unknown")"
        }
        guard let end = history.end else { return "the run did not finish (no end of observation recorded)" }
        if end < e.window.end { return "observation ended at \(Fmt.time(end)), before the window closed" }
        if let loss = evidence.loss, loss.at <= e.window.end { return loss.reason }
        return evidence.observationGap(e.window)
    }

    /// A missing observation: error when inconclusive, else fail with `observed`.
    func missing(_ e: Expectation, observed: String, first: SimInstant? = nil, last: SimInstant? = nil,
                 occurrences: Int = 0, point: String? = nil) -> Verdict {
        if let reason = inconclusive(e) {
            return verdict(e, .error, observed: "\(reason); \(observed)", first: first, last: last,
                           occurrences: occurrences, point: point)
        }
        return verdict(e, .fail, observed: observed, first: first, last: last, occurrences: occurrences, point: point)
    }

    /// No violation seen: pass, unless the history cannot vouch for the whole window.
    func clean(_ e: Expectation, observed: String, point: String? = nil) -> Verdict {
        if let reason = inconclusive(e) { return verdict(e, .error, observed: reason, point: point) }
        return verdict(e, .pass, observed: observed, point: point)
    }

    func enterpriseMatches(_ e: Expectation, _ code: String?) -> Bool { e.plant == nil || e.plant == code }
}

/// Time and list formatting shared by the checker's explanations.
enum Fmt {
    static func time(_ t: SimInstant) -> String { "t+\(t.sinceStart)" }
    static func list(_ items: [String], limit: Int = 5) -> String { list(items, limit: limit) { $0 } }

    /// The same, formatting only the items shown.
    static func list<Items: Collection>(_ items: Items, limit: Int = 5, _ format: (Items.Element) -> String) -> String {
        let shown = items.prefix(limit).map(format).joined(separator: ", ")
        return items.count <= limit ? shown : shown + ", … (\(items.count) in all)"
    }
}
