import Scenario
import SimCore

/// What the history can vouch for besides what it saw happen: from which plant time data we sent
/// never reached the target (`delivery` records), and which plant time the observer covered
/// (`observed` spans). The checker's rules of evidence read it: an absence behind a loss or
/// outside the covered time proves nothing, so it is an error, never a pass or a fail.
struct Evidence: Sendable {
    /// Where loss began: the earliest data of a batch rejected or still queued at the end.
    struct Loss: Sendable {
        var at: SimInstant
        var reason: String
    }

    /// Gaps between observed spans up to this long are bridged (the spans are contiguous when the
    /// observer is healthy: each poll vouches from the previous successful one, liveness spans join
    /// when the signs come within the declared interval; a short gap is rounding between them).
    static let gapToleranceMs: Int64 = 2000
    /// Before the first span, up to a tenth of the observed time is bridged too: an observer's
    /// first sign comes one poll or heartbeat interval after the start (at high speed, many plant
    /// seconds), and what the target reports about that time still arrives with later signs.
    static let leadingShare: Int64 = 10

    let loss: Loss?
    /// Observed spans, merged (gaps up to the tolerance bridged), in time order.
    let covered: [ClosedRange<Int64>]
    /// Whether the history holds any `observed` record at all.
    let anyObservation: Bool
    /// Plant milliseconds from the start before the first span that count as covered.
    let leadingToleranceMs: Int64

    init(_ history: History) {
        let uplinkLoss = Self.loss(history.records(.delivery))
        let modbusLoss = ModbusLoss.earliest(history)
        loss = [uplinkLoss, modbusLoss].compactMap { $0 }.min { $0.at < $1.at }
        let spans = history.records(.observed).map { ($0.fromMs ?? $0.t)...max($0.t, $0.fromMs ?? $0.t) }
        anyObservation = !spans.isEmpty
        covered = Self.merged(spans, tolerance: Self.gapToleranceMs)
        leadingToleranceMs = max(Self.gapToleranceMs, (history.end?.milliseconds ?? 0) / Self.leadingShare)
    }

    static func loss(_ deliveries: [HistoryRecord]) -> Loss? {
        let lost = deliveries.filter { $0.kind == "rejected" || $0.kind == "undelivered" }
        guard let first = lost.min(by: { $0.t < $1.t }) else { return nil }
        let queued = lost.count { $0.kind == "undelivered" }
        let rejected = lost.filter { $0.kind == "rejected" }
        var parts: [String] = []
        if queued > 0 { parts.append("\(queued) queued at the end") }
        if !rejected.isEmpty {
            let statuses = Set(rejected.compactMap(\.status)).sorted().map(String.init)
            let why = statuses.isEmpty ? (rejected.first?.message).map { ": \(Self.clip($0))" } ?? ""
                : " (HTTP \(statuses.joined(separator: ", ")))"
            parts.append("\(rejected.count) rejected\(why)")
        }
        return Loss(at: first.time, reason: "batches from \(Fmt.time(first.time)) onwards never reached the target: "
            + parts.joined(separator: ", "))
    }

    static func clip(_ text: String) -> String { text.count <= 80 ? text : String(text.prefix(80)) + "…" }

    static func merged(_ spans: [ClosedRange<Int64>], tolerance: Int64) -> [ClosedRange<Int64>] {
        var out: [ClosedRange<Int64>] = []
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, span.lowerBound <= last.upperBound + tolerance {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, span.upperBound)
            } else {
                out.append(span)
            }
        }
        return out
    }

    /// The first stretch of `window` no observed span covers (gaps up to the tolerance allowed), or
    /// nil when the window is covered.
    func uncovered(_ window: Window) -> ClosedRange<Int64>? {
        var from = window.start.milliseconds
        let end = window.end.milliseconds
        if let first = covered.first, first.lowerBound > 0, first.lowerBound <= leadingToleranceMs {
            from = max(from, first.lowerBound)
        }
        for span in covered where span.upperBound + Self.gapToleranceMs >= from {
            if span.lowerBound - Self.gapToleranceMs > from { return from...min(span.lowerBound, end) }
            from = max(from, span.upperBound)
            if from + Self.gapToleranceMs >= end { return nil }
        }
        return from + Self.gapToleranceMs >= end ? nil : from...end
    }

    /// Why the history cannot vouch for the target's state over the window, or nil when it can.
    func observationGap(_ window: Window) -> String? {
        guard anyObservation else {
            return "nothing vouches for the target's state in the window (no successful poll, no liveness sign)"
        }
        guard let gap = uncovered(window) else { return nil }
        return "nothing vouches for the target's state from \(Fmt.time(SimInstant(milliseconds: gap.lowerBound))) "
            + "to \(Fmt.time(SimInstant(milliseconds: gap.upperBound))) (no successful poll, no liveness sign)"
    }
}
