import PlantModel
import SimCore

/// One sample through the alarm engine: data quality first, then (only when the data is sound)
/// the hazard alarms — limits, digital, rate and state rules — and the interlock triggers.
extension ReferenceCore {
    mutating func process(site: Int, point: Int, time: SimInstant, value: Double, quality: Quality) {
        sites[site].monitors[point].value = value
        sites[site].monitors[point].quality = quality
        sites[site].monitors[point].time = time
        guard quality != .offline else { return }
        sites[site].monitors[point].lastSeen = time
        sites[site].lastSampleAt = time
        clearInstrument(site: site, point: point, .offline, at: time)
        guard dataIsSound(site: site, point: point, time: time, value: value, quality: quality) else { return }
        sites[site].monitors[point].lastGood = value
        let spec = sites[site].plant.points[point]
        if spec.kind == .digital {
            evaluateDigital(site: site, point: point, time: time, value: value)
        } else {
            evaluateLimits(site: site, point: point, time: time, value: value)
        }
        for rule in sites[site].config[point].rateRules { evaluateRate(site: site, rule: rule, time: time, value: value) }
        for rule in sites[site].config[point].stateRules { evaluateState(site: site, rule: rule, time: time) }
    }

    /// Bad quality, out of physical range and frozen value. Returns false (hazard evaluation
    /// suppressed) while any of them holds.
    mutating func dataIsSound(site: Int, point: Int, time: SimInstant, value: Double, quality: Quality) -> Bool {
        let spec = sites[site].plant.points[point]
        if quality == .bad {
            raiseInstrument(site: site, point: point, .badQuality, value: value, at: time, message: "bad quality")
            return false
        }
        clearInstrument(site: site, point: point, .badQuality, at: time)
        if !value.isFinite || value < spec.rangeMin || value > spec.rangeMax {
            raiseInstrument(site: site, point: point, .outOfRange, value: value, at: time,
                            message: "\(value) outside \(spec.rangeMin)…\(spec.rangeMax) \(spec.unit)")
            return false
        }
        clearInstrument(site: site, point: point, .outOfRange, at: time)
        guard sites[site].config[point].frozenCheck else { return true }
        let bits = value.bitPattern
        if let since = sites[site].monitors[point].frozenSince, sites[site].monitors[point].frozenBits == bits {
            if time - since >= rules.quality.frozenAfter {
                raiseInstrument(site: site, point: point, .frozen, value: value, at: time,
                                message: "value \(value) unchanged since \(since)")
            }
        } else {
            sites[site].monitors[point].frozenSince = time
            sites[site].monitors[point].frozenBits = bits
            clearInstrument(site: site, point: point, .frozen, at: time)
        }
        return sites[site].monitors[point].instrumentAlarm[.frozen] == nil
    }

    /// LL/L/H/HH with on-delay (raise once beyond the limit for `onDelay`) and deadband (clear
    /// once back inside by the deadband). Each level is its own alarm: an escalation L → LL keeps
    /// L open and opens LL.
    mutating func evaluateLimits(site: Int, point: Int, time: SimInstant, value: Double) {
        let spec = sites[site].plant.points[point]
        let config = sites[site].config[point]
        let conditionHolds = config.when == nil || sites[site].holds(config.when)
        for level in AlarmLevel.limitLevels {
            guard let slot = level.limitIndex else { continue }
            let open = sites[site].monitors[point].limitAlarm[slot]
            let armed = !config.disabledLevels.contains(level)
                && (conditionHolds || !config.conditionalLevels.contains(level))
            guard armed, let limit = spec.limits.value(for: level) else {
                sites[site].monitors[point].pendingSince[slot] = nil
                if let open { clearLimit(site: site, point: point, slot: slot, alarm: open, at: time) }
                continue
            }
            let beyond = level.isLow ? value <= limit : value >= limit
            if let open {
                let inside = level.isLow ? value > limit + config.deadband : value < limit - config.deadband
                if inside { clearLimit(site: site, point: point, slot: slot, alarm: open, at: time) }
                continue
            }
            guard beyond else {
                sites[site].monitors[point].pendingSince[slot] = nil
                continue
            }
            let since = sites[site].monitors[point].pendingSince[slot] ?? time
            sites[site].monitors[point].pendingSince[slot] = since
            guard time - since >= config.onDelay else { continue }
            let index = raise(site: site, point: point, level: level, kind: nil, value: value, threshold: limit,
                              at: time, message: "\(spec.code) \(value) \(level.isLow ? "≤" : "≥") \(level.rawValue) \(limit)")
            sites[site].monitors[point].limitAlarm[slot] = index
            if level == .ll || level == .hh { startSupervision(site: site, point: point, alarm: index, at: time) }
        }
    }

    mutating func clearLimit(site: Int, point: Int, slot: Int, alarm: Int, at time: SimInstant) {
        clear(alarm, at: time)
        sites[site].monitors[point].limitAlarm[slot] = nil
        sites[site].monitors[point].pendingSince[slot] = nil
        triggerCleared(site: site, alarm: alarm, at: time)
    }

    /// A digital point at the value its limit marks (`H 1`, `L 0`, `HH 1`) → DI, kind = that limit.
    mutating func evaluateDigital(site: Int, point: Int, time: SimInstant, value: Double) {
        let spec = sites[site].plant.points[point]
        guard let (level, alarmValue) = spec.limits.digitalAlarm else { return }
        let open = sites[site].monitors[point].digitalAlarm
        guard value == alarmValue else {
            sites[site].monitors[point].digitalPendingSince = nil
            if let open {
                clear(open, at: time)
                sites[site].monitors[point].digitalAlarm = nil
                triggerCleared(site: site, alarm: open, at: time)
            }
            return
        }
        guard open == nil else { return }
        let since = sites[site].monitors[point].digitalPendingSince ?? time
        sites[site].monitors[point].digitalPendingSince = since
        guard time - since >= sites[site].config[point].onDelay else { return }
        let label = spec.states.indices.contains(Int(value)) ? spec.states[Int(value)] : "\(value)"
        let index = raise(site: site, point: point, level: .di, kind: level.rawValue, value: value,
                          threshold: alarmValue, at: time, limit: level, message: "\(spec.code) = \(label)")
        sites[site].monitors[point].digitalAlarm = index
        if level == .ll || level == .hh { startSupervision(site: site, point: point, alarm: index, at: time) }
    }
}
