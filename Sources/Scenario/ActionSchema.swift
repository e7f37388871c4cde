import ConfigText

/// The shape of one parameter of a scenario action (operation, equipment fault, sensor fault).
public struct ActionParameter: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A finite number, optionally within a range.
        case number(ClosedRange<Double>?)
        /// A whole number within a range.
        case integer(ClosedRange<Int>)
        /// One of a fixed set of names.
        case choice([String])
        /// Free text.
        case text
    }

    public var name: String
    public var kind: Kind
    /// Unit, for documentation (`mm/min`, `kPa`, `%`, ``).
    public var unit: String
    /// Used when the key is absent; nil means the key is required.
    public var defaultValue: ActionValue?
    public var summary: String

    public init(_ name: String, _ kind: Kind, unit: String = "", default defaultValue: ActionValue? = nil, _ summary: String) {
        self.name = name; self.kind = kind; self.unit = unit; self.defaultValue = defaultValue; self.summary = summary
    }

    public var kindDescription: String {
        switch kind {
        case .number(let range): range.map { "number \(Self.format($0.lowerBound))…\(Self.format($0.upperBound))" } ?? "number"
        case .integer(let range): "integer \(range.lowerBound)…\(range.upperBound)"
        case .choice(let names): names.joined(separator: " \\| ")
        case .text: "text"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// A validated parameter value.
public enum ActionValue: Sendable, Equatable {
    case number(Double)
    case text(String)
}

/// Parameters by name, as handed to a schema's builder (already validated and defaulted).
public struct ActionArguments: Sendable {
    public var values: [String: ActionValue]
    public init(_ values: [String: ActionValue]) { self.values = values }

    public func number(_ name: String) -> Double {
        if case .number(let value)? = values[name] { return value }
        return 0
    }
    public func int(_ name: String) -> Int {
        let value = number(name)
        return Int(exactly: value.rounded()) ?? 0
    }
    public func text(_ name: String) -> String {
        if case .text(let value)? = values[name] { return value }
        return ""
    }
}

/// One entry of an action table: the name used in scenario files, its parameters and a builder.
public struct ActionSchema<Action: Sendable>: Sendable {
    public var name: String
    public var summary: String
    public var parameters: [ActionParameter]
    public var build: @Sendable (ActionArguments) -> Action

    public init(_ name: String, _ summary: String, _ parameters: [ActionParameter] = [],
                build: @escaping @Sendable (ActionArguments) -> Action) {
        self.name = name; self.summary = summary; self.parameters = parameters; self.build = build
    }
}

extension ActionSchema {
    /// Reads the schema's parameters from `map` (other keys were checked by the caller).
    /// Returns nil, with diagnostics, when any is missing or malformed.
    func read(_ map: MapReader, reader: YAMLReader) -> Action? {
        var values: [String: ActionValue] = [:]
        var ok = true
        for parameter in parameters {
            guard let node = map.present(parameter.name) else {
                if let fallback = parameter.defaultValue {
                    values[parameter.name] = fallback
                } else {
                    reader.sink.error(map.node.location, "missing required key '\(parameter.name)' for '\(name)'")
                    ok = false
                }
                continue
            }
            if let value = parameter.read(node, reader: reader) { values[parameter.name] = value } else { ok = false }
        }
        return ok ? build(ActionArguments(values)) : nil
    }
}

extension ActionParameter {
    func read(_ node: YNode, reader: YAMLReader) -> ActionValue? {
        switch kind {
        case .number(let range):
            guard let value = reader.number(node) else { return nil }
            if let range, !range.contains(value) {
                let bounds = "\(Self.format(range.lowerBound))…\(Self.format(range.upperBound))"
                reader.sink.error(node.location, "\(name) \(Self.format(value)) is outside \(bounds)\(unitSuffix)")
                return nil
            }
            return .number(value)
        case .integer(let range):
            guard let value = reader.integer(node) else { return nil }
            guard range.contains(value) else {
                reader.sink.error(node.location, "\(name) \(value) is outside \(range.lowerBound)…\(range.upperBound)")
                return nil
            }
            return .number(Double(value))
        case .choice(let names):
            return reader.choice(node, names, what: name).map { .text($0) }
        case .text:
            return reader.string(node).map { .text($0) }
        }
    }

    var unitSuffix: String { unit.isEmpty ? "" : " \(unit)" }
}
