import Conformance
import SimCore

/// The evidence of observation an observer gathers: spans of plant time over which it can vouch for
/// the target's state (`observed` records). Each sign (a successful poll, a heartbeat, a healthy
/// check) extends the open span from the previous sign when the wall-clock gap between them is at
/// most the sign's `maxGapMs`; a longer gap, or `interrupt()` (a failed poll or check), closes it.
/// Consecutive signs merge, so a run has few records: one per unbroken streak, given when the
/// streak ends and at `finish()`. A span of zero length vouches for nothing and is not given.
struct ObservationSpans {
    let kind: HistoryRecord.ObservationKind
    var from: SimInstant?
    var to: SimInstant = .start
    var lastWallMs: Int64 = 0

    init(_ kind: HistoryRecord.ObservationKind) { self.kind = kind }

    /// A sign of observation at plant time `at` (already held inside the scenario), wall time `wallMs`.
    mutating func sign(at: SimInstant, wallMs: Int64, maxGapMs: Int64? = nil) -> [HistoryRecord] {
        if from != nil, maxGapMs.map({ wallMs - lastWallMs <= $0 }) ?? true {
            to = max(to, at)
            lastWallMs = wallMs
            return []
        }
        let closed = interrupt()
        from = at; to = at; lastWallMs = wallMs
        return closed
    }

    /// The streak ends (a failure): its span, if it covers any time.
    mutating func interrupt() -> [HistoryRecord] {
        defer { from = nil }
        guard let start = from, to > start else { return [] }
        return [.observed(from: start, to: to, kind: kind)]
    }

    /// The observer stops: the open span.
    mutating func finish() -> [HistoryRecord] { interrupt() }
}
