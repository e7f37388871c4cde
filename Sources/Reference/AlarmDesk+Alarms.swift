import PlantModel
import SimCore

/// Raising and clearing alarms (the lifecycle's first and last steps).
extension AlarmDesk {
    /// Opens an alarm on a point of a site and reports it. Returns its index in the log.
    mutating func raise(
        s: inout Site, point: Int, level: AlarmLevel, kind: String?, value: Double, threshold: Double,
        at time: SimInstant, limit: AlarmLevel? = nil, critical: Bool? = nil, message: String
    ) -> Int {
        let spec = s.plant.points[point]
        let category: AlarmCategory = level == .instrument ? .instrument : .hazard
        let draft = AlarmRecord(
            id: "", enterprise: s.code, point: spec.code, level: level, category: category, kind: kind,
            limit: limit ?? (AlarmLevel.limitLevels.contains(level) ? level : nil), value: value, threshold: threshold, raisedAt: time, clearedAt: nil, handledAt: nil, handler: nil,
            result: nil, critical: critical ?? spec.critical, excluded: checks.exclusions && s.isExcluded(point),
            message: message)
        let index = log.append(draft)
        events.append(.alarmRaised(log.records[index]))
        return index
    }

    /// Clears (消警) an open alarm and reports it.
    mutating func clear(_ index: Int, at time: SimInstant) {
        guard log.records[index].clearedAt == nil else { return }
        log.records[index].clearedAt = max(time, log.records[index].raisedAt)
        events.append(.alarmCleared(log.records[index]))
    }

    // MARK: instrument alarms

    mutating func raiseInstrument(s: inout Site, point: Int, _ fault: InstrumentFault, value: Double, at time: SimInstant,
                                  message: String) {
        guard s.monitors[point].instrumentAlarm[fault] == nil else { return }
        let index = raise(s: &s, point: point, level: .instrument, kind: fault.rawValue, value: value,
                          threshold: .nan, at: time, message: message)
        s.monitors[point].instrumentAlarm[fault] = index
    }

    mutating func clearInstrument(s: inout Site, point: Int, _ fault: InstrumentFault, at time: SimInstant) {
        guard let index = s.monitors[point].instrumentAlarm[fault] else { return }
        clear(index, at: time)
        s.monitors[point].instrumentAlarm[fault] = nil
    }

    /// Offline: no non-offline sample for `offlineAfter` (counted from the core's start for a point
    /// never seen). Raised at the exact moment the time ran out.
    mutating func checkOffline(s: inout Site, at time: SimInstant) {
        let limit = rules.quality.offlineAfter
        guard limit > .zero, checks.offline else { return }
        for point in s.monitors.indices where s.monitors[point].instrumentAlarm.offline == nil {
            let since = s.monitors[point].lastSeen ?? start
            guard time - since >= limit else { continue }
            raiseInstrument(s: &s, point: point, .offline, value: .nan, at: since + limit,
                            message: "\(AlarmWording.name(s.plant.points[point])): no data since \(since)")
        }
    }
}
