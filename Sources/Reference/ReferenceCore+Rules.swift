import PlantModel
import SimCore

/// Rate-of-change and state rules (data from the rules file, not code per point).
extension ReferenceCore {
    /// |Δvalue/Δt| between this sample and the newest one at least `window` older → RATE.
    mutating func evaluateRate(site: Int, rule ruleIndex: Int, time: SimInstant, value: Double) {
        let rule = sites[site].rateRules[ruleIndex]
        let point = sites[site].rateRulePoint[ruleIndex]
        let longest = sites[site].config[point].rateRules.map { sites[site].rateRules[$0].window }.max() ?? rule.window
        var history = sites[site].monitors[point].history
        if history.last?.time != time { history.append((time, value)) }
        while history.count > 2, time - history[1].time >= longest { history.removeFirst() }
        sites[site].monitors[point].history = history
        guard let base = history.last(where: { time - $0.time >= rule.window }), time > base.time else { return }
        let rate = (value - base.value) / (time - base.time).seconds
        let open = sites[site].monitors[point].rateAlarm[ruleIndex]
        if let open {
            if abs(rate) < rule.maxPerS * rule.clearBelowPct / 100 {
                clear(open, at: time)
                sites[site].monitors[point].rateAlarm[ruleIndex] = nil
            }
        } else if abs(rate) > rule.maxPerS {
            let code = sites[site].plant.points[point].code
            let index = raise(site: site, point: point, level: .rate, kind: rule.id, value: rate,
                              threshold: rule.maxPerS, at: time,
                              message: "\(code) changing at \(rate)/s (limit \(rule.maxPerS)/s)")
            sites[site].monitors[point].rateAlarm[ruleIndex] = index
        }
    }

    /// `point = equals` while `when` holds → DI (kind: the rule id), cleared when either stops.
    mutating func evaluateState(site: Int, rule index: Int, time: SimInstant) {
        let compiled = sites[site].stateRules[index]
        let point = compiled.point
        let value = sites[site].monitors[point].lastGood
        let active = value == compiled.rule.equals && sites[site].holds(compiled.when)
        if let open = compiled.alarm {
            if !active {
                clear(open, at: time)
                sites[site].stateRules[index].alarm = nil
            }
            return
        }
        guard active, !sites[site].monitors[point].hasInstrumentFault, let value else {
            sites[site].stateRules[index].pendingSince = nil
            return
        }
        let since = compiled.pendingSince ?? time
        sites[site].stateRules[index].pendingSince = since
        guard time - since >= sites[site].config[point].onDelay else { return }
        let spec = sites[site].plant.points[point]
        let label = spec.states.indices.contains(Int(value)) ? spec.states[Int(value)] : "\(value)"
        let alarm = raise(site: site, point: point, level: .di, kind: compiled.rule.id, value: value,
                          threshold: compiled.rule.equals, at: time, limit: compiled.rule.limit, critical: compiled.critical,
                          message: "\(spec.code) = \(label) (\(compiled.rule.id))")
        sites[site].stateRules[index].alarm = alarm
    }
}
