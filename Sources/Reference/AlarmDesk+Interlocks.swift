import PlantModel
import SimCore

/// Interlock supervision (§8 RED (1)): when a critical LL/HH (or a digital point marked LL/HH) on
/// a trigger point of an `InterlockSpec` is raised while the interlock's active window holds, every
/// result point must show its expected value within `delayS` + grace; otherwise an INTERLOCK alarm.
extension AlarmDesk {
    mutating func startSupervision(s: inout Site, point: Int, alarm: Int, at time: SimInstant) {
        guard rules.isEnabled(RiskRuleID.interlockSupervision), log.records[alarm].critical,
            !log.records[alarm].excluded
        else { return }
        let side = log.records[alarm].limitLevel
        for interlock in s.config[point].triggers {
            let compiled = s.interlocks[interlock]
            switch compiled.spec.triggerSide {
            case .low where side == .hh, .high where side == .ll: continue
            default: break
            }
            let heldJustBefore = s.windowHeldAt.indices.contains(interlock)
                && s.windowHeldAt[interlock].map { time - $0 <= .seconds(1) } == true
            guard s.holds(compiled.window) || heldJustBefore,
                !s.supervisions.contains(where: { $0.interlock == interlock })
            else { continue }
            let deadline = time + .seconds(compiled.spec.delayS) + rules.interlocks.grace
            let starts = compiled.results.map { s.monitors[$0.point].lastGood ?? .nan }
            s.supervisions.append(Site.Supervision(
                interlock: interlock, triggerAlarm: alarm, startedAt: time, deadline: deadline, startValues: starts))
        }
    }

    /// At each one-second tick: note which interlock windows hold.
    mutating func noteWindows(s: inout Site, at time: SimInstant) {
        if s.windowHeldAt.count != s.interlocks.count { s.windowHeldAt = Array(repeating: nil, count: s.interlocks.count) }
        for i in s.interlocks.indices where s.holds(s.interlocks[i].window) { s.windowHeldAt[i] = time }
    }

    /// Each timer tick: done when every result is reached (an open INTERLOCK alarm then clears);
    /// past the deadline without it → INTERLOCK alarm (raised at the deadline).
    mutating func checkSupervisions(s: inout Site, at time: SimInstant) {
        guard !s.supervisions.isEmpty else { return }
        var kept: [Site.Supervision] = []
        for var supervision in s.supervisions {
            let compiled = s.interlocks[supervision.interlock]
            if resultsReached(s: s, supervision) {
                if let open = supervision.alarm { clear(open, at: time) }
                events.append(.interlockActed(InterlockAction(
                    time: time, enterprise: s.code, interlock: compiled.spec.name,
                    triggerAlarm: log.records[supervision.triggerAlarm].id, after: time - supervision.startedAt,
                    late: supervision.alarm != nil)))
                continue
            }
            let triggerOpen = log.records[supervision.triggerAlarm].isActive
            if let open = supervision.alarm {
                if !triggerOpen && !s.holds(compiled.window) {
                    clear(open, at: time)
                    continue
                }
            } else if time >= supervision.deadline {
                let trigger = log.records[supervision.triggerAlarm]
                let point = s.index[trigger.point] ?? 0
                let waited = supervision.deadline - supervision.startedAt
                supervision.alarm = raise(
                    s: &s, point: point, level: .interlock, kind: compiled.spec.name, value: trigger.value,
                    threshold: waited.seconds, at: supervision.deadline, critical: true,
                    message: "\(compiled.spec.name): \(missing(s: s, supervision)) not reached \(waited) after \(trigger.id)")
            }
            kept.append(supervision)
        }
        s.supervisions = kept
    }

    /// The trigger alarm cleared: an open INTERLOCK alarm clears with it; a trigger shorter than the
    /// interlock's own delay (the plant rightly did not act) ends the supervision.
    mutating func triggerCleared(s: inout Site, alarm: Int, at time: SimInstant) {
        guard !s.supervisions.isEmpty else { return }
        var kept: [Site.Supervision] = []
        for supervision in s.supervisions {
            guard supervision.triggerAlarm == alarm else {
                kept.append(supervision)
                continue
            }
            if let open = supervision.alarm {
                clear(open, at: time)
                continue
            }
            let delay = SimDuration.seconds(s.interlocks[supervision.interlock].spec.delayS)
            if time - supervision.startedAt >= delay { kept.append(supervision) }
        }
        s.supervisions = kept
    }

    func resultsReached(s: Site, _ supervision: Site.Supervision) -> Bool {
        let compiled = s.interlocks[supervision.interlock]
        return compiled.results.indices.allSatisfy { i in
            reached(s: s, point: compiled.results[i].point, target: compiled.results[i].value,
                    start: supervision.startValues[i])
        }
    }

    /// Digital/enum: equal. Analog: within tolerance, crossed (coming from the side it started on),
    /// or moved `analogProgress` of the way from its start value (first-order lags only approach).
    func reached(s: Site, point: Int, target: Double, start: Double) -> Bool {
        guard let value = s.monitors[point].lastGood else { return false }
        let spec = s.plant.points[point]
        guard spec.kind == .analog else { return value == target }
        let tolerance = (spec.rangeMax - spec.rangeMin) * rules.interlocks.analogTolerancePct / 100
        if abs(value - target) <= tolerance { return true }
        guard start.isFinite, start != target else { return false }
        if start < target ? value >= target : value <= target { return true }
        return (value - start) / (target - start) >= rules.interlocks.analogProgress
    }

    func missing(s: Site, _ supervision: Site.Supervision) -> String {
        let compiled = s.interlocks[supervision.interlock]
        return compiled.results.indices.filter { i in
            !reached(s: s, point: compiled.results[i].point, target: compiled.results[i].value,
                     start: supervision.startValues[i])
        }.map { "\(s.plant.points[compiled.results[$0].point].code)=\(compiled.results[$0].value)" }
            .joined(separator: ", ")
    }
}
