/// The industries of the seed's two modules.
public enum Industry: String, Hashable, Sendable, Codable, CaseIterable {
    case steel
    case aluminium
}

/// A parameter value from a plant file.
public enum ParameterValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
    case flag(Bool)
    case text(String)

    public var number: Double? { if case .number(let v) = self { v } else { nil } }
    public var flag: Bool? { if case .flag(let v) = self { v } else { nil } }
    public var text: String? { if case .text(let v) = self { v } else { nil } }

    public var description: String {
        switch self {
        case .number(let v): v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        case .flag(let v): String(v)
        case .text(let v): v
        }
    }
}

/// The declared shape of one equipment parameter, so plant files can be validated with positions.
public struct ParameterSpec: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case number, integer, flag, text }
    public var name: String
    public var kind: Kind
    public var defaultValue: ParameterValue
    public var range: ClosedRange<Double>?
    /// For `text`: the allowed values, if restricted.
    public var allowed: [String]
    public var summary: String

    public init(
        _ name: String, _ kind: Kind, default defaultValue: ParameterValue, range: ClosedRange<Double>? = nil,
        allowed: [String] = [], summary: String
    ) {
        self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.range = range
        self.allowed = allowed; self.summary = summary
    }
}

/// One equipment instance as a plant file declares it (already validated against its type).
public struct EquipmentConfig: Hashable, Sendable {
    public var type: String
    public var id: String
    public var params: [String: ParameterValue]

    public init(type: String, id: String, params: [String: ParameterValue] = [:]) {
        self.type = type; self.id = id; self.params = params
    }

    public func number(_ name: String, default fallback: Double) -> Double { params[name]?.number ?? fallback }
    public func int(_ name: String, default fallback: Int) -> Int { params[name]?.number.map { Int($0) } ?? fallback }
    public func flag(_ name: String, default fallback: Bool) -> Bool { params[name]?.flag ?? fallback }
    public func text(_ name: String, default fallback: String) -> String { params[name]?.text ?? fallback }
}

/// A catalogue entry: a kind of equipment with its parameters and a builder.
public struct EquipmentType: Sendable {
    public var name: String
    public var industry: Industry
    public var summary: String
    public var parameters: [ParameterSpec]
    public var build: @Sendable (EquipmentConfig) -> any Equipment

    public init(
        name: String, industry: Industry, summary: String, parameters: [ParameterSpec],
        build: @escaping @Sendable (EquipmentConfig) -> any Equipment
    ) {
        self.name = name; self.industry = industry; self.summary = summary; self.parameters = parameters
        self.build = build
    }

    /// The config with every missing parameter set to its default.
    public func withDefaults(_ config: EquipmentConfig) -> EquipmentConfig {
        var filled = config
        for spec in parameters where filled.params[spec.name] == nil { filled.params[spec.name] = spec.defaultValue }
        return filled
    }
}

/// Every equipment type Tundish can simulate.
public enum EquipmentCatalogue {
    public static let all: [EquipmentType] = SteelCatalogue.types + AluminiumCatalogue.types

    public static func type(named name: String) -> EquipmentType? { all.first { $0.name == name } }
}
