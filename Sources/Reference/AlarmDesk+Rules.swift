import PlantModel
import SimCore

/// Rate-of-change and state rules (data from the rules file, not code per point).
extension AlarmDesk {
    /// |Δvalue/Δt| between this sample and the newest one at least `window` older → RATE.
    mutating func evaluateRate(s: inout Site, rule ruleIndex: Int, time: SimInstant, value: Double) {
        let rule = s.rateRules[ruleIndex]
        let point = s.rateRulePoint[ruleIndex]
        var longest = rule.window
        for other in s.config[point].rateRules { longest = max(longest, s.rateRules[other].window) }
        // Mutated in place: a copy taken out and written back made every append copy the buffer.
        if s.monitors[point].history.last?.time != time { s.monitors[point].history.append((time, value)) }
        while s.monitors[point].history.count > 2, time - s.monitors[point].history[1].time >= longest {
            s.monitors[point].history.removeFirst()
        }
        let history = s.monitors[point].history
        guard let base = history.last(where: { time - $0.time >= rule.window }), time > base.time else { return }
        let rate = (value - base.value) / (time - base.time).seconds
        let open = s.monitors[point].rateAlarm[ruleIndex]
        if let open {
            if abs(rate) < rule.maxPerS * rule.clearBelowPct / 100 {
                clear(open, at: time)
                s.monitors[point].rateAlarm[ruleIndex] = nil
            }
        } else if abs(rate) > rule.maxPerS {
            let index = raise(s: &s, point: point, level: .rate, kind: rule.id, value: rate,
                              threshold: rule.maxPerS, at: time,
                              message: AlarmWording.rate(s.plant.points[point], rate: rate, limit: rule.maxPerS))
            s.monitors[point].rateAlarm[ruleIndex] = index
        }
    }

    /// `point = equals` while `when` holds → DI (kind: the rule id), cleared when either stops.
    mutating func evaluateState(s: inout Site, rule index: Int, time: SimInstant) {
        // Fields read one by one: a copy of the compiled rule (strings and all) per sample cost retains.
        let point = s.stateRules[index].point
        let value = s.monitors[point].lastGood
        let active = value == s.stateRules[index].rule.equals && s.stateRules[index].when.map { $0.holds(s.monitors) } != false
        if let open = s.stateRules[index].alarm {
            if !active {
                clear(open, at: time)
                s.stateRules[index].alarm = nil
            }
            return
        }
        guard active, !s.monitors[point].hasInstrumentFault, let value else {
            if s.stateRules[index].pendingSince != nil { s.stateRules[index].pendingSince = nil }
            return
        }
        let compiled = s.stateRules[index]
        let since = compiled.pendingSince ?? time
        s.stateRules[index].pendingSince = since
        guard time - since >= s.config[point].onDelay else { return }
        let spec = s.plant.points[point]
        let label = spec.states.indices.contains(Int(value)) ? spec.states[Int(value)] : "\(value)"
        let alarm = raise(s: &s, point: point, level: .di, kind: compiled.rule.id, value: value,
                          threshold: compiled.rule.equals, at: time, limit: compiled.rule.limit, critical: compiled.critical,
                          message: "\(AlarmWording.name(spec)) = \(label) (\(compiled.rule.id))")
        s.stateRules[index].alarm = alarm
    }
}
