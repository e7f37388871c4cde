import PlantModel
import SimCore

/// One sample through the alarm engine: data quality first, then (only when the data is sound)
/// the hazard alarms — limits, digital, rate and state rules — and the interlock triggers.
extension AlarmDesk {
    mutating func process(s: inout Site, point: Int, time: SimInstant, value: Double, quality: Quality) {
        s.monitors[point].value = value
        s.monitors[point].quality = quality
        s.monitors[point].time = time
        guard quality != .offline else { return }
        s.monitors[point].lastSeen = time
        s.lastSampleAt = time
        if s.monitors[point].instrumentAlarm.offline != nil { clearInstrument(s: &s, point: point, .offline, at: time) }
        guard dataIsSound(s: &s, point: point, time: time, value: value, quality: quality) else { return }
        s.monitors[point].lastGood = value
        if s.shapes[point].kind == .digital {
            evaluateDigital(s: &s, point: point, time: time, value: value)
        } else {
            evaluateLimits(s: &s, point: point, time: time, value: value)
        }
        for rule in s.config[point].rateRules { evaluateRate(s: &s, rule: rule, time: time, value: value) }
        for rule in s.config[point].stateRules { evaluateState(s: &s, rule: rule, time: time) }
    }

    /// Bad quality, out of physical range and frozen value. Returns false (hazard evaluation
    /// suppressed) while any of them holds.
    mutating func dataIsSound(s: inout Site, point: Int, time: SimInstant, value: Double, quality: Quality) -> Bool {
        let shape = s.shapes[point]
        if quality == .bad && checks.badQuality {
            raiseInstrument(s: &s, point: point, .badQuality, value: value, at: time,
                            message: "\(AlarmWording.name(s.plant.points[point])): bad quality")
            return false
        }
        if s.monitors[point].instrumentAlarm.badQuality != nil {
            clearInstrument(s: &s, point: point, .badQuality, at: time)
        }
        let checkRange = checks.outOfRange
        if checkRange && (!value.isFinite || value < shape.rangeMin || value > shape.rangeMax) {
            raiseInstrument(s: &s, point: point, .outOfRange, value: value, at: time,
                            message: AlarmWording.outOfRange(s.plant.points[point], value: value))
            s.monitors[point].inRangeSince = nil
            return false
        }
        if s.monitors[point].instrumentAlarm.outOfRange != nil {
            let since = s.monitors[point].inRangeSince ?? time
            s.monitors[point].inRangeSince = since
            guard time - since >= rules.quality.rangeClearAfter else { return false }
            s.monitors[point].inRangeSince = nil
            clearInstrument(s: &s, point: point, .outOfRange, at: time)
        }
        guard s.config[point].frozenCheck, checks.frozen else { return true }
        let bits = value.bitPattern
        if let since = s.monitors[point].frozenSince, s.monitors[point].frozenBits == bits {
            if time - since >= rules.quality.frozenAfter {
                raiseInstrument(s: &s, point: point, .frozen, value: value, at: time,
                                message: "\(AlarmWording.name(s.plant.points[point])) \(AlarmWording.reading(value, s.plant.points[point]))"
                                    + " unchanged since \(since)")
            }
        } else {
            s.monitors[point].frozenSince = time
            s.monitors[point].frozenBits = bits
            if s.monitors[point].instrumentAlarm.frozen != nil { clearInstrument(s: &s, point: point, .frozen, at: time) }
        }
        return s.monitors[point].instrumentAlarm.frozen == nil
    }

    /// LL/L/H/HH with on-delay (raise once beyond the limit for `onDelay`) and deadband (clear
    /// once back inside by the deadband). Each level is its own alarm: an escalation L → LL keeps
    /// L open and opens LL.
    mutating func evaluateLimits(s: inout Site, point: Int, time: SimInstant, value: Double) {
        if value > s.shapes[point].quietAbove && value < s.shapes[point].quietBelow
            && s.monitors[point].limitAlarm.isEmpty && s.monitors[point].pendingSince.isEmpty
        {
            return
        }
        let limits = s.shapes[point].limits
        let disabled = s.config[point].disabledSlots
        let conditional = s.config[point].conditionalSlots
        // The test reads the monitors only (`s.holds` on the inout site copied the whole site).
        let conditionHolds = conditional == 0 || s.config[point].when.map { $0.holds(s.monitors) } != false
        for slot in 0..<4 {
            let level = AlarmLevel.limitSlots[slot]
            let open = s.monitors[point].limitAlarm[slot]
            let bit: UInt8 = 1 << slot
            let armed = disabled & bit == 0 && (conditionHolds || conditional & bit == 0)
            guard armed, let limit = limits.value(for: level) else {
                if s.monitors[point].pendingSince[slot] != nil { s.monitors[point].pendingSince[slot] = nil }
                if let open { clearLimit(s: &s, point: point, slot: slot, alarm: open, at: time) }
                continue
            }
            let beyond = level.isLow ? value <= limit : value >= limit
            if let open {
                let deadband = s.config[point].deadband
                let inside = level.isLow ? value > limit + deadband : value < limit - deadband
                if inside { clearLimit(s: &s, point: point, slot: slot, alarm: open, at: time) }
                continue
            }
            guard beyond else {
                if s.monitors[point].pendingSince[slot] != nil { s.monitors[point].pendingSince[slot] = nil }
                continue
            }
            let since = s.monitors[point].pendingSince[slot] ?? time
            s.monitors[point].pendingSince[slot] = since
            guard time - since >= s.config[point].onDelay else { continue }
            let message = AlarmWording.limit(s.plant.points[point], value: value, level: level, limit: limit)
            let index = raise(s: &s, point: point, level: level, kind: nil, value: value, threshold: limit,
                              at: time, message: message)
            s.monitors[point].limitAlarm[slot] = index
            if level == .ll || level == .hh { startSupervision(s: &s, point: point, alarm: index, at: time) }
        }
    }

    mutating func clearLimit(s: inout Site, point: Int, slot: Int, alarm: Int, at time: SimInstant) {
        clear(alarm, at: time)
        s.monitors[point].limitAlarm[slot] = nil
        s.monitors[point].pendingSince[slot] = nil
        triggerCleared(s: &s, alarm: alarm, at: time)
    }

    /// A digital point at the value its limit marks (`H 1`, `L 0`, `HH 1`) → DI, kind = that limit.
    mutating func evaluateDigital(s: inout Site, point: Int, time: SimInstant, value: Double) {
        guard let (level, alarmValue) = s.shapes[point].limits.digitalAlarm else { return }
        let open = s.monitors[point].digitalAlarm
        guard value == alarmValue else {
            s.monitors[point].digitalPendingSince = nil
            if let open {
                clear(open, at: time)
                s.monitors[point].digitalAlarm = nil
                triggerCleared(s: &s, alarm: open, at: time)
            }
            return
        }
        guard open == nil else { return }
        let since = s.monitors[point].digitalPendingSince ?? time
        s.monitors[point].digitalPendingSince = since
        guard time - since >= s.config[point].onDelay else { return }
        let spec = s.plant.points[point]
        let label = spec.states.indices.contains(Int(value)) ? spec.states[Int(value)] : "\(value)"
        let index = raise(s: &s, point: point, level: .di, kind: level.rawValue, value: value,
                          threshold: alarmValue, at: time, limit: level, message: "\(AlarmWording.name(spec)) = \(label)")
        s.monitors[point].digitalAlarm = index
        if level == .ll || level == .hh { startSupervision(s: &s, point: point, alarm: index, at: time) }
    }
}
