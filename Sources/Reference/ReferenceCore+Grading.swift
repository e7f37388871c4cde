import PlantModel
import SimCore

/// An enterprise's grade over time: the current grade, its reasons, and when it was last held up.
struct GradeState: Sendable {
    var grade: RiskGrade?
    var reasons: [String] = []
    /// Last evaluation at which a trigger (or the floor) held the current grade.
    var heldAt: SimInstant = .start
    var history: [GradeChange] = []
}

/// Grade evaluation every `evaluateEvery`: final = max(floor, dynamic); up at once, down one
/// level per `deescalateAfter` without a trigger at the current grade.
extension ReferenceCore {
    mutating func evaluateGrades(at time: SimInstant) {
        for site in sites.indices { evaluateGrade(site: site, at: time) }
        lastEvaluation = time
    }

    mutating func evaluateGrade(site: Int, at time: SimInstant) {
        let rate = onlineRate(site: site)
        if rate * 100 < rules.risk.onlineOrangePct {
            if sites[site].onlineBelowOrangeSince == nil { sites[site].onlineBelowOrangeSince = time }
        } else {
            sites[site].onlineBelowOrangeSince = nil
        }
        let code = sites[site].code
        let evaluator = RiskEvaluator(
            risk: rules.risk, rules: rules, time: time, since: lastEvaluation ?? start,
            alarms: desk.log.records.filter { $0.enterprise == code && !$0.excluded }, onlineRate: rate,
            onlineBelowOrangeSince: sites[site].onlineBelowOrangeSince, lastSampleAt: sites[site].lastSampleAt,
            start: start, casting: sites[site].holds(castingCondition(site: site).map { PointTest($0, index: sites[site].index) }))
        var triggers = evaluator.triggers()
        let (floor, floorReasons) = RiskEvaluator.floor(plant: sites[site].plant, rules: rules)
        if !floorReasons.isEmpty { triggers[floor, default: []].append(contentsOf: floorReasons) }
        let target = triggers.keys.max() ?? .blue
        let reasons = (triggers[target] ?? []).sorted()
        var state = sites[site].grade
        guard let current = state.grade else {
            state.grade = target
            state.reasons = reasons
            state.heldAt = time
            state.history.append(GradeChange(time: time, enterprise: code, from: nil, to: target, reasons: reasons))
            desk.events.append(.gradeChanged(state.history[state.history.count - 1]))
            sites[site].grade = state
            return
        }
        if target >= current {
            state.heldAt = time
            if target != current || reasons != state.reasons { state.reasons = reasons }
            if target > current { emit(&state, site: site, from: current, to: target, reasons: reasons, at: time) }
        } else if time - state.heldAt >= rules.risk.deescalateAfter {
            let lower = max(current.lower, target)
            let why = [RiskRuleID.deescalate] + (triggers[lower] ?? []).sorted()
            state.heldAt = time
            emit(&state, site: site, from: current, to: lower, reasons: why, at: time)
        }
        sites[site].grade = state
    }

    mutating func emit(_ state: inout GradeState, site: Int, from: RiskGrade, to: RiskGrade, reasons: [String],
                       at time: SimInstant) {
        state.grade = to
        state.reasons = reasons
        let change = GradeChange(time: time, enterprise: sites[site].code, from: from, to: to, reasons: reasons)
        state.history.append(change)
        desk.events.append(.gradeChanged(change))
    }

    /// RED-2's casting condition resolved for this enterprise (first casting-line equipment, if any).
    func castingCondition(site: Int) -> Condition? {
        guard let condition = rules.risk.castingWhen else { return nil }
        let resolver = NameResolver(index: sites[site].index)
        let equipments = [""] + sites[site].plant.equipment.map(\.id)
        for equipment in equipments {
            let resolved = resolver.resolve(condition, prefix: "", equipment: equipment)
            if resolved.points.allSatisfy({ sites[site].index[$0] != nil }) { return resolved }
        }
        return .any([])
    }

    /// Online share of the registered critical points (excluding disabled points and units in maintenance).
    func onlineRate(site: Int) -> Double {
        var registered = 0
        var online = 0
        let s = sites[site]
        for point in s.plant.points.indices
        where s.plant.points[point].critical && !(desk.checks.exclusions && s.isExcluded(point)) {
            registered += 1
            if s.monitors[point].instrumentAlarm.offline == nil { online += 1 }
        }
        return registered == 0 ? 1 : Double(online) / Double(registered)
    }
}
