import Conformance
import SimCore

/// The liveness evidence of a webhook or JSONL observer: every event received (heartbeats included)
/// and every healthy check of `observe.health` is a sign of life; they join into `observed` spans
/// of kind `liveness` while the gaps stay within the declared interval. A failed health check
/// breaks the span and is an error record (the first of a streak, and a summary when it ends).
/// Without `observe.heartbeat` or `observe.health` nothing is vouched for.
struct LivenessLedger {
    let liveness: TargetSpec.Liveness
    var timeMap: WallToPlant
    var spans = ObservationSpans(.liveness)
    var streak: FailureStreak?

    init(_ liveness: TargetSpec.Liveness, timeMap: WallToPlant) {
        self.liveness = liveness; self.timeMap = timeMap
    }

    var probe: HealthProbe? { liveness.health.map(HealthProbe.init) }

    /// The longest gap that joins an event to the previous sign of life (nil: events vouch for nothing).
    var eventGapMs: Int64? {
        if let heartbeat = liveness.heartbeat { return Int64((heartbeat.intervalS * 1000).rounded()) }
        return probe?.maxGapMs
    }

    /// An event (any type) arrived at `wallMs`.
    mutating func received(wallMs: Int64) -> [HistoryRecord] {
        guard let gap = eventGapMs else { return [] }
        return spans.sign(at: timeMap.stamp(atWallMs: wallMs), wallMs: wallMs, maxGapMs: gap)
    }

    /// A health check's result (nil: healthy) known at `wallMs`.
    mutating func health(_ failure: String?, wallMs: Int64) -> [HistoryRecord] {
        let at = timeMap.stamp(atWallMs: wallMs)
        if let failure { return spans.interrupt() + FailureStreak.fail(&streak, failure, at: at) }
        return FailureStreak.end(&streak) + spans.sign(at: at, wallMs: wallMs, maxGapMs: probe?.maxGapMs)
    }

    /// Observation ends: the open span and any streak's summary.
    mutating func finish() -> [HistoryRecord] { FailureStreak.end(&streak) + spans.finish() }
}
