import ConfigText
import SimCore

/// The `risk:` section of a rules file: timing, the inherent floor, and one entry per rule id
/// with its parameters and `enabled`.
enum RiskRulesParser {
    static func read(_ node: RulesNode, into rules: inout ReferenceRules) throws(RulesError) {
        for (key, value) in try node.mapping("risk", allowed: ["evaluateEvery", "window", "deescalateAfter", "inherent", "rules"]) {
            switch key {
            case "evaluateEvery":
                rules.risk.evaluateEvery = try value.duration(key)
                guard rules.risk.evaluateEvery > .zero else { throw value.error("evaluateEvery must be above 0") }
            case "window": rules.risk.window = try value.duration(key)
            case "deescalateAfter": rules.risk.deescalateAfter = try value.duration(key)
            case "inherent": try readInherent(value, into: &rules.risk)
            default:
                for (id, params) in try value.mapping("risk.rules", allowed: RiskRuleID.dynamic) {
                    try readRule(id, params, into: &rules)
                }
            }
        }
    }

    static func readInherent(_ node: RulesNode, into risk: inout RiskSettings) throws(RulesError) {
        let keys = ["gasHolderTypes", "castingWellTypes", "castingWellsAtLeast", "blastFurnaceTypes",
                    "blastFurnaceVolumeParameter", "blastFurnaceVolumeAbove", "majorHazardOpen"]
        for (key, value) in try node.mapping("risk.inherent", allowed: keys) {
            switch key {
            case "gasHolderTypes": risk.gasHolderTypes = try value.texts(key)
            case "castingWellTypes": risk.castingWellTypes = try value.texts(key)
            case "castingWellsAtLeast": risk.castingWellsAtLeast = try value.count(key)
            case "blastFurnaceTypes": risk.blastFurnaceTypes = try value.texts(key)
            case "blastFurnaceVolumeParameter": risk.blastFurnaceVolumeParameter = try value.text(key)
            case "blastFurnaceVolumeAbove": risk.blastFurnaceVolumeAbove = try value.number(key)
            default: risk.majorHazardOpen = try value.texts(key)
            }
        }
    }

    /// The parameters each rule takes (besides `enabled`).
    static let parameters: [String: [String]] = [
        RiskRuleID.red1: [], RiskRuleID.red2: ["casting", "safetyFaultPoints"], RiskRuleID.red3: ["after"],
        RiskRuleID.red4: ["points", "after"], RiskRuleID.red5: ["points"], RiskRuleID.orange1: ["after"],
        RiskRuleID.orange2: ["count", "after"], RiskRuleID.orange3: ["belowPct", "for"],
        RiskRuleID.orange4: ["points", "for"], RiskRuleID.orange5: ["count"], RiskRuleID.yellow1: ["after"],
        RiskRuleID.yellow2: ["count"], RiskRuleID.yellow3: ["belowPct"], RiskRuleID.yellow4: ["after"],
        RiskRuleID.yellow5: [],
    ]

    static func readRule(_ id: String, _ node: RulesNode, into rules: inout ReferenceRules) throws(RulesError) {
        if case .scalar = node.node.value, (try? node.text(id)) == "" || (try? node.text(id)) == "~" { return }
        for (key, value) in try node.mapping(id, allowed: ["enabled"] + (parameters[id] ?? [])) {
            if key == "enabled" {
                if try value.flag(key) { rules.disabledRules.remove(id) } else { rules.disabledRules.insert(id) }
                continue
            }
            try apply(id, key, value, to: &rules.risk)
        }
    }

    static func apply(_ id: String, _ key: String, _ value: RulesNode, to risk: inout RiskSettings) throws(RulesError) {
        switch (id, key) {
        case (RiskRuleID.red2, "casting"): risk.castingWhen = try value.condition(key)
        case (RiskRuleID.red2, _): risk.safetyFaultPoints = try value.texts(key)
        case (RiskRuleID.red3, _): risk.criticalUnclearedRed = try value.duration(key)
        case (RiskRuleID.red4, "points"): risk.coPoints = try value.texts(key)
        case (RiskRuleID.red4, _): risk.coHighFor = try value.duration(key)
        case (RiskRuleID.red5, _): risk.alInWellPoints = try value.texts(key)
        case (RiskRuleID.orange1, _): risk.criticalUnclearedOrange = try value.duration(key)
        case (RiskRuleID.orange2, "count"): risk.highLowCount = try value.count(key)
        case (RiskRuleID.orange2, _): risk.highLowUncleared = try value.duration(key)
        case (RiskRuleID.orange3, "belowPct"): risk.onlineOrangePct = try value.number(key)
        case (RiskRuleID.orange3, _): risk.onlineOrangeFor = try value.duration(key)
        case (RiskRuleID.orange4, "points"): risk.bypassPoints = try value.texts(key)
        case (RiskRuleID.orange4, _): risk.bypassFor = try value.duration(key)
        case (RiskRuleID.orange5, _): risk.criticalAlarmsCount = try value.count(key)
        case (RiskRuleID.yellow1, _): risk.highLowUnclearedYellow = try value.duration(key)
        case (RiskRuleID.yellow2, _): risk.alarmsCount = try value.count(key)
        case (RiskRuleID.yellow3, _): risk.onlineYellowPct = try value.number(key)
        default: risk.dataDelay = try value.duration(key)
        }
    }
}
