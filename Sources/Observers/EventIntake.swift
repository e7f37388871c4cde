import Conformance
import SimCore

/// What every observer does with an event it received, the same way for poll, webhook and JSONL:
/// heartbeats are signs of life (never judged, never an unknown-type error); a second delivery of
/// an event already taken is dropped (`EventMapper.dedupeKey`); events from before the scenario
/// started (plant time < 0) are set aside and counted, never judged; every record taken carries
/// `seenMs`, the plant time at which it was seen.
struct EventIntake {
    var mapper: EventMapper
    let heartbeatTypes: Set<String>
    var keys: Set<String> = []
    /// Events already at the target when observation started (counted at start, never taken).
    var setAsideAtStart = 0
    /// Events taken later whose own time is before the scenario's start.
    var setAsideOld = 0
    /// Second deliveries dropped.
    var duplicates = 0
    /// Wall time of the observer's last complete look at the target (a poll that caught up, a read
    /// of the file to its end): with `time: received`, events taken next are stamped halfway
    /// between it and their receipt (`EventMapper.midpoint`). Nil: stamped at receipt (webhooks).
    var lastLookWallMs: Int64?

    init(mapper: EventMapper, heartbeatTypes: [String] = []) {
        self.mapper = mapper; self.heartbeatTypes = Set(heartbeatTypes)
    }

    /// True when the event is a heartbeat (a sign of life only).
    func isHeartbeat(_ event: JSONValue) -> Bool {
        guard !heartbeatTypes.isEmpty, let type = mapper.typeText(of: event) else { return false }
        return heartbeatTypes.contains(type)
    }

    /// The target's state at the start: the event is remembered (never taken) and counted.
    mutating func preexisting(_ event: JSONValue) {
        guard keys.insert(mapper.dedupeKey(of: event)).inserted, !isHeartbeat(event) else { return }
        setAsideAtStart += 1
    }

    /// The record to keep for one received event, if any.
    mutating func take(_ event: JSONValue, wallMs: Int64) -> HistoryRecord? {
        if isHeartbeat(event) {
            keys.insert(mapper.dedupeKey(of: event))
            return nil
        }
        guard keys.insert(mapper.dedupeKey(of: event)).inserted else {
            duplicates += 1
            return nil
        }
        guard let record = mapper.record(for: event, receivedAtWallMs: wallMs, sinceWallMs: lastLookWallMs) else { return nil }
        return keep(record, wallMs: wallMs)
    }

    /// The record for an event given as text (not JSON: an error record).
    mutating func take(text: String, wallMs: Int64) -> HistoryRecord? {
        if let event = try? JSONValue.parse(text) { return take(event, wallMs: wallMs) }
        return mapper.record(text: text, receivedAtWallMs: wallMs).flatMap { keep($0, wallMs: wallMs) }
    }

    mutating func keep(_ record: HistoryRecord, wallMs: Int64) -> HistoryRecord? {
        guard record.t >= 0 else {
            setAsideOld += 1
            return nil
        }
        var record = record
        record.seenMs = mapper.timeMap.plant(atWallMs: wallMs).milliseconds
        return record
    }

    /// The `setAside` record for everything set aside (nil when nothing was).
    func setAsideRecord() -> HistoryRecord? {
        guard setAsideAtStart + setAsideOld > 0 else { return nil }
        var why: [String] = []
        if setAsideAtStart > 0 { why.append("\(setAsideAtStart) already at the target when the scenario started") }
        if setAsideOld > 0 { why.append("\(setAsideOld) with a time before the scenario's start") }
        return .setAside(at: .start, count: setAsideAtStart + setAsideOld,
                         message: "target events from before this scenario, set aside and never judged: " + why.joined(separator: "; "))
    }
}
