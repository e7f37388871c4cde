import ConfigText
import SimCore

/// Reads a rules file (`Scenarios/rules/default.yaml` format) over `ReferenceRules.defaults`:
/// a key given replaces that default (lists are replaced whole). Errors carry `file:line:col`.
public enum RulesParser {
    /// The largest rules file read.
    public static let maxBytes = 1 << 20

    public static func parse(_ text: String, file: String = "rules.yaml", over base: ReferenceRules = .defaults)
        throws(RulesError) -> ReferenceRules
    {
        let sink = DiagnosticSink()
        guard let root = YAMLDocument.parse(text: text, file: file, maxBytes: maxBytes, maxNodes: 100_000,
                                            emptyIsNull: true, into: sink)
        else { throw sink.sorted.first ?? Diagnostic(SourceLocation(file: file, line: 1, column: 1), "unreadable") }
        if root.isNull { return base }
        var rules = base
        let top = try RulesNode(node: root).mapping("the rules file", allowed: [
            "schemaVersion", "alarms", "quality", "points", "stateRules", "rateRules", "interlocks", "exclusions",
            "risk", "disabledRules",
        ])
        for (key, value) in top {
            switch key {
            case "schemaVersion":
                guard try value.count("schemaVersion") == 1 else { throw value.error("schemaVersion must be 1") }
            case "alarms": try readAlarms(value, into: &rules.alarms)
            case "quality": try readQuality(value, into: &rules.quality)
            case "points":
                rules.points = []
                for item in try value.list("points") { rules.points.append(try readPoint(item)) }
            case "stateRules":
                rules.stateRules = []
                for item in try value.list("stateRules") { rules.stateRules.append(try readStateRule(item)) }
            case "rateRules":
                rules.rateRules = []
                for item in try value.list("rateRules") { rules.rateRules.append(try readRateRule(item)) }
            case "interlocks": try readInterlocks(value, into: &rules.interlocks)
            case "exclusions": try readExclusions(value, into: &rules.exclusions)
            case "risk": try RiskRulesParser.read(value, into: &rules)
            default:
                let ids = try value.texts("disabledRules")
                rules.disabledRules.formUnion(ids)
            }
        }
        return rules
    }

    static func readAlarms(_ node: RulesNode, into alarms: inout AlarmSettings) throws(RulesError) {
        for (key, value) in try node.mapping("alarms", allowed: ["deadbandPct", "onDelay", "criticalOnDelay"]) {
            switch key {
            case "deadbandPct": alarms.deadbandPct = try value.number(key)
            case "onDelay": alarms.onDelay = try value.duration(key)
            default: alarms.criticalOnDelay = try value.duration(key)
            }
        }
    }

    static func readQuality(_ node: RulesNode, into quality: inout QualitySettings) throws(RulesError) {
        for (key, value) in try node.mapping("quality", allowed: ["offlineAfter", "frozenAfter", "frozenExempt", "rangeClearAfter"]) {
            switch key {
            case "offlineAfter": quality.offlineAfter = try value.duration(key)
            case "frozenAfter": quality.frozenAfter = try value.duration(key)
            case "rangeClearAfter": quality.rangeClearAfter = try value.duration(key)
            default: quality.frozenExempt = try value.texts(key)
            }
        }
    }

    static func readPoint(_ node: RulesNode) throws(RulesError) -> PointRule {
        let entries = try node.mapping("a point rule", allowed: [
            "point", "enterprise", "deadband", "onDelay", "disabledLevels", "conditionalLevels", "when",
        ])
        guard let point = entries.first(where: { $0.key == "point" }) else { throw node.error("a point rule needs 'point'") }
        var rule = PointRule(point: try point.value.text("point"))
        for (key, value) in entries {
            switch key {
            case "enterprise": rule.enterprise = try value.text(key)
            case "deadband": rule.deadband = try value.number(key)
            case "onDelay": rule.onDelay = try value.duration(key)
            case "disabledLevels": rule.disabledLevels = try value.levels(key)
            case "conditionalLevels": rule.conditionalLevels = try value.levels(key)
            case "when": rule.when = try value.condition(key)
            default: break
            }
        }
        if rule.when != nil && rule.conditionalLevels.isEmpty {
            throw node.error("'when' needs 'conditionalLevels' (the levels it gates)")
        }
        return rule
    }

    static func readStateRule(_ node: RulesNode) throws(RulesError) -> StateRule {
        let entries = try node.mapping("a state rule", allowed: ["id", "point", "equals", "when", "limit", "critical"])
        let get = { (name: String) throws(RulesError) -> RulesNode in
            guard let entry = entries.first(where: { $0.key == name }) else { throw node.error("a state rule needs '\(name)'") }
            return entry.value
        }
        var rule = StateRule(id: try get("id").text("id"), point: try get("point").text("point"),
                             equals: try get("equals").number("equals"))
        for (key, value) in entries {
            switch key {
            case "when": rule.when = try value.condition(key)
            case "limit": rule.limit = try value.level(key)
            case "critical": rule.critical = try value.flag(key)
            default: break
            }
        }
        return rule
    }

    static func readRateRule(_ node: RulesNode) throws(RulesError) -> RateRule {
        let entries = try node.mapping("a rate rule", allowed: ["id", "point", "maxPerS", "window", "clearBelowPct"])
        let get = { (name: String) throws(RulesError) -> RulesNode in
            guard let entry = entries.first(where: { $0.key == name }) else { throw node.error("a rate rule needs '\(name)'") }
            return entry.value
        }
        var rule = RateRule(id: try get("id").text("id"), point: try get("point").text("point"),
                            maxPerS: try get("maxPerS").number("maxPerS"))
        for (key, value) in entries {
            switch key {
            case "window": rule.window = try value.duration(key)
            case "clearBelowPct": rule.clearBelowPct = try value.number(key)
            default: break
            }
        }
        return rule
    }

    static func readInterlocks(_ node: RulesNode, into settings: inout InterlockSettings) throws(RulesError) {
        for (key, value) in try node.mapping("interlocks", allowed: ["grace", "analogTolerancePct", "analogProgress", "windows"]) {
            switch key {
            case "grace": settings.grace = try value.duration(key)
            case "analogTolerancePct": settings.analogTolerancePct = try value.number(key)
            case "analogProgress": settings.analogProgress = try value.number(key)
            default:
                settings.windows = [:]
                for (name, window) in try value.mapping("windows") { settings.windows[name] = try window.condition(name) }
            }
        }
    }

    static func readExclusions(_ node: RulesNode, into exclusions: inout Exclusions) throws(RulesError) {
        for (key, value) in try node.mapping("exclusions", allowed: ["disabledPoints", "maintenance"]) {
            let field = key == "disabledPoints" ? "point" : "equipment"
            var scoped: [Exclusions.Scoped] = []
            for item in try value.list(key) {
                let entries = try item.mapping("an item of \(key)", allowed: ["enterprise", field])
                guard let name = entries.first(where: { $0.key == field }) else { throw item.error("needs '\(field)'") }
                let enterprise = try entries.first { $0.key == "enterprise" }.map { entry throws(RulesError) in
                    try entry.value.text("enterprise")
                }
                scoped.append(Exclusions.Scoped(enterprise: enterprise, name: try name.value.text(field)))
            }
            if key == "disabledPoints" { exclusions.disabledPoints = scoped } else { exclusions.maintenance = scoped }
        }
    }
}
