import PlantModel
import SimCore

/// The dynamic risk rules of §8 [P], evaluated for one enterprise at one evaluation time.
/// An alarm counts as active at an evaluation if it was active at any moment since the previous
/// evaluation (so an alarm shorter than the 60 s tick is not missed); durations run to its clear.
struct RiskEvaluator {
    let risk: RiskSettings
    let rules: ReferenceRules
    let time: SimInstant
    let since: SimInstant
    /// The enterprise's non-excluded alarms.
    let alarms: [AlarmRecord]
    let onlineRate: Double
    let onlineBelowOrangeSince: SimInstant?
    let lastSampleAt: SimInstant?
    let start: SimInstant
    let casting: Bool

    func counts(_ alarm: AlarmRecord) -> Bool { alarm.clearedAt.map { $0 > since } ?? true }
    func lasted(_ alarm: AlarmRecord, _ duration: SimDuration) -> Bool {
        counts(alarm) && alarm.activeDuration(at: time) >= duration
    }
    func inWindow(_ alarm: AlarmRecord) -> Bool { time - alarm.raisedAt < risk.window }
    func on(_ alarm: AlarmRecord, _ names: [String]) -> Bool { names.contains { PointName.matches(alarm.point, $0) } }

    /// Rule id → does it trigger now. Disabled rules are left out.
    func triggers() -> [RiskGrade: [String]] {
        let hazard = alarms.filter { $0.category == .hazard }
        let checks: [(String, RiskGrade, Bool)] = [
            (RiskRuleID.red1, .red, hazard.contains { $0.level == .interlock && counts($0) }),
            (RiskRuleID.red2, .red, casting && castingWithFault()),
            (RiskRuleID.red3, .red, hazard.contains { $0.isCriticalExtreme && lasted($0, risk.criticalUnclearedRed) }),
            (RiskRuleID.red4, .red, hazard.contains {
                $0.limit == .hh && on($0, risk.coPoints) && lasted($0, risk.coHighFor)
            }),
            (RiskRuleID.red5, .red, hazard.contains { on($0, risk.alInWellPoints) && inWindow($0) }),
            (RiskRuleID.orange1, .orange, hazard.contains {
                $0.isCriticalExtreme && lasted($0, risk.criticalUnclearedOrange)
            }),
            (RiskRuleID.orange2, .orange,
             hazard.filter { $0.isHighOrLow && lasted($0, risk.highLowUncleared) }.count >= risk.highLowCount),
            (RiskRuleID.orange3, .orange, onlineBelowOrangeSince.map { time - $0 >= risk.onlineOrangeFor } ?? false),
            (RiskRuleID.orange4, .orange, hazard.contains { on($0, risk.bypassPoints) && lasted($0, risk.bypassFor) }),
            (RiskRuleID.orange5, .orange,
             hazard.filter { $0.critical && inWindow($0) }.count >= risk.criticalAlarmsCount),
            (RiskRuleID.yellow1, .yellow, hazard.contains { $0.isHighOrLow && lasted($0, risk.highLowUnclearedYellow) }),
            (RiskRuleID.yellow2, .yellow, hazard.filter { inWindow($0) }.count >= risk.alarmsCount),
            (RiskRuleID.yellow3, .yellow, onlineRate * 100 < risk.onlineYellowPct),
            (RiskRuleID.yellow4, .yellow, time - (lastSampleAt ?? start) > risk.dataDelay),
            (RiskRuleID.yellow5, .yellow, hazard.contains {
                $0.clearedAt.map { time - $0 < risk.window } == true && $0.handledAt == nil
            }),
        ]
        var out: [RiskGrade: [String]] = [:]
        for (id, grade, fired) in checks where fired && rules.isEnabled(id) { out[grade, default: []].append(id) }
        return out
    }

    /// RED-2: casting while a safety device is faulted (an active hazard alarm on one of
    /// `safetyFaultPoints`) or a critical sensor is faulty (an active instrument alarm on a critical point).
    func castingWithFault() -> Bool {
        alarms.contains { alarm in
            guard counts(alarm) else { return false }
            if alarm.category == .instrument { return alarm.critical }
            return on(alarm, risk.safetyFaultPoints)
        }
    }

    /// G0 from the registry and the floor it gives (§8): orange G0 → floor yellow; an open
    /// major-hazard item → floor orange. Returns the floor and its reason codes.
    static func floor(plant: ReferencePlant, rules: ReferenceRules) -> (RiskGrade, [String]) {
        let risk = rules.risk
        let code = plant.enterprise.code
        if risk.majorHazardOpen.contains(code), rules.isEnabled(RiskRuleID.floorMajorHazard) {
            return (.orange, [RiskRuleID.floorMajorHazard])
        }
        let types = plant.equipment.map(\.type)
        var reasons: [String] = []
        if types.contains(where: risk.gasHolderTypes.contains) { reasons.append(RiskRuleID.floorGasHolder) }
        if types.filter(risk.castingWellTypes.contains).count >= risk.castingWellsAtLeast {
            reasons.append(RiskRuleID.floorCastingWells)
        }
        let bigFurnace = plant.equipment.contains { entry in
            risk.blastFurnaceTypes.contains(entry.type)
                && (entry.params[risk.blastFurnaceVolumeParameter]?.number ?? 0) > risk.blastFurnaceVolumeAbove
        }
        if bigFurnace { reasons.append(RiskRuleID.floorBlastFurnace) }
        reasons = reasons.filter(rules.isEnabled)
        return reasons.isEmpty ? (.blue, []) : (.yellow, reasons)
    }
}
