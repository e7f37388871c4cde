import ConfigText
import PlantModel
import SimCore

/// A rules-file error: the one `Diagnostic` every loader reports (`file:line:col: error: …`).
public typealias RulesError = Diagnostic

/// Typed reading of position-tracking YAML nodes; the first problem is thrown, with its position.
struct RulesNode {
    let node: YNode

    func error(_ message: String) -> RulesError {
        Diagnostic(node.location, message)
    }

    /// The mapping's entries; keys outside `allowed` are an error.
    func mapping(_ what: String, allowed: [String]? = nil) throws(RulesError) -> [(key: String, value: RulesNode)] {
        guard case .mapping(let mapping) = node.value else { throw error("\(what) must be a mapping") }
        var out: [(String, RulesNode)] = []
        for (key, value) in mapping {
            guard let name = key.scalarText else { throw RulesNode(node: key).error("keys must be text") }
            if let allowed, !allowed.contains(name) {
                throw RulesNode(node: key).error(
                    "unknown key '\(name)' in \(what) (expected one of: \(allowed.joined(separator: ", ")))")
            }
            out.append((name, RulesNode(node: value)))
        }
        return out
    }

    func list(_ what: String) throws(RulesError) -> [RulesNode] {
        guard case .sequence(let sequence) = node.value else { throw error("\(what) must be a list") }
        return sequence.map { RulesNode(node: $0) }
    }

    func text(_ what: String) throws(RulesError) -> String {
        guard let text = node.scalarText else { throw error("\(what) must be text") }
        return text
    }

    func number(_ what: String) throws(RulesError) -> Double {
        guard let text = node.scalarText, let value = Double(text), value.isFinite else {
            throw error("\(what) must be a number")
        }
        return value
    }

    func count(_ what: String) throws(RulesError) -> Int {
        let value = try number(what)
        guard value >= 0, value == value.rounded(), value < 1e9 else { throw error("\(what) must be a whole number ≥ 0") }
        return Int(value)
    }

    func flag(_ what: String) throws(RulesError) -> Bool {
        switch try text(what) {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error("\(what) must be true or false")
        }
    }

    func duration(_ what: String) throws(RulesError) -> SimDuration {
        let raw = try text(what)
        guard let value = SimDuration.parse(raw), value >= .zero else {
            throw error("\(what) must be a duration with a unit, like 10s, 5m or 1h (found '\(raw)')")
        }
        return value
    }

    func texts(_ what: String) throws(RulesError) -> [String] {
        var out: [String] = []
        for item in try list(what) { out.append(try item.text("an item of \(what)")) }
        return out
    }

    func level(_ what: String) throws(RulesError) -> AlarmLevel {
        let raw = try text(what)
        guard let level = AlarmLevel(rawValue: raw), AlarmLevel.limitLevels.contains(level) else {
            throw error("\(what) must be one of LL, L, H, HH (found '\(raw)')")
        }
        return level
    }

    func levels(_ what: String) throws(RulesError) -> Set<AlarmLevel> {
        var out: Set<AlarmLevel> = []
        for item in try list(what) { out.insert(try item.level("an item of \(what)")) }
        return out
    }

    /// A list (all of), `{any: [...]}`, `{all: [...]}`, or `{point: X, equals|notEquals|atLeast|atMost: v}`.
    func condition(_ what: String) throws(RulesError) -> Condition {
        if case .sequence = node.value {
            var parts: [Condition] = []
            for item in try list(what) { parts.append(try item.condition(what)) }
            return .all(parts)
        }
        let entries = try mapping(what, allowed: ["any", "all", "point", "equals", "notEquals", "atLeast", "atMost"])
        if let any = entries.first(where: { $0.key == "any" }) {
            guard entries.count == 1 else { throw error("'any' stands alone in \(what)") }
            guard case .all(let parts) = try any.value.condition(what) else { throw error("'any' takes a list") }
            return .any(parts)
        }
        if let all = entries.first(where: { $0.key == "all" }) {
            guard entries.count == 1 else { throw error("'all' stands alone in \(what)") }
            return try all.value.condition(what)
        }
        guard let point = entries.first(where: { $0.key == "point" }) else { throw error("\(what) needs 'point'") }
        let tests = entries.filter { $0.key != "point" }
        guard tests.count == 1, let test = tests.first else {
            throw error("\(what) needs exactly one of equals, notEquals, atLeast, atMost")
        }
        let name = try point.value.text("point")
        let value = try test.value.number(test.key)
        switch test.key {
        case "equals": return .equals(point: name, value: value)
        case "notEquals": return .notEquals(point: name, value: value)
        case "atLeast": return .atLeast(point: name, value: value)
        default: return .atMost(point: name, value: value)
        }
    }
}
