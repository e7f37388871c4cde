import PlantModel
import SimCore

/// Rate-of-change and state rules (data from the rules file, not code per point).
extension ReferenceCore {
    /// |Δvalue/Δt| between this sample and the newest one at least `window` older → RATE.
    mutating func evaluateRate(s: inout Site, rule ruleIndex: Int, time: SimInstant, value: Double) {
        let rule = s.rateRules[ruleIndex]
        let point = s.rateRulePoint[ruleIndex]
        let longest = s.config[point].rateRules.map { s.rateRules[$0].window }.max() ?? rule.window
        var history = s.monitors[point].history
        if history.last?.time != time { history.append((time, value)) }
        while history.count > 2, time - history[1].time >= longest { history.removeFirst() }
        s.monitors[point].history = history
        guard let base = history.last(where: { time - $0.time >= rule.window }), time > base.time else { return }
        let rate = (value - base.value) / (time - base.time).seconds
        let open = s.monitors[point].rateAlarm[ruleIndex]
        if let open {
            if abs(rate) < rule.maxPerS * rule.clearBelowPct / 100 {
                clear(open, at: time)
                s.monitors[point].rateAlarm[ruleIndex] = nil
            }
        } else if abs(rate) > rule.maxPerS {
            let code = s.plant.points[point].code
            let index = raise(s: &s, point: point, level: .rate, kind: rule.id, value: rate,
                              threshold: rule.maxPerS, at: time,
                              message: "\(code) changing at \(rate)/s (limit \(rule.maxPerS)/s)")
            s.monitors[point].rateAlarm[ruleIndex] = index
        }
    }

    /// `point = equals` while `when` holds → DI (kind: the rule id), cleared when either stops.
    mutating func evaluateState(s: inout Site, rule index: Int, time: SimInstant) {
        let compiled = s.stateRules[index]
        let point = compiled.point
        let value = s.monitors[point].lastGood
        let active = value == compiled.rule.equals && s.holds(compiled.when)
        if let open = compiled.alarm {
            if !active {
                clear(open, at: time)
                s.stateRules[index].alarm = nil
            }
            return
        }
        guard active, !s.monitors[point].hasInstrumentFault, let value else {
            s.stateRules[index].pendingSince = nil
            return
        }
        let since = compiled.pendingSince ?? time
        s.stateRules[index].pendingSince = since
        guard time - since >= s.config[point].onDelay else { return }
        let spec = s.plant.points[point]
        let label = spec.states.indices.contains(Int(value)) ? spec.states[Int(value)] : "\(value)"
        let alarm = raise(s: &s, point: point, level: .di, kind: compiled.rule.id, value: value,
                          threshold: compiled.rule.equals, at: time, limit: compiled.rule.limit, critical: compiled.critical,
                          message: "\(spec.code) = \(label) (\(compiled.rule.id))")
        s.stateRules[index].alarm = alarm
    }
}
