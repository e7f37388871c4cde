/// The stable public names the engine's events use (events.jsonl, history `step` records): the
/// scenario-file names of operations and faults (`startCast`, `pumpTrip`, `noReply`) and their
/// parameters as `key=value` words (`speedMmPerMin=80`, `pump=mouldWater`) — never Swift type
/// paths such as `PlantModel.Pump.mouldWater`. docs/trace-format.md documents them.
public enum EventWording {
    /// The case name of an enum value: `startCast` for `.startCast(speedMmPerMin: 80)`.
    public static func name(_ value: Any) -> String {
        // A case without parameters has no children and prints as its bare name (`startBlow`).
        Mirror(reflecting: value).children.first?.label ?? "\(value)"
    }

    /// The case's parameters: `speedMmPerMin=80`, `location=CO_1 ppm=300 rampS=60`, `auto` (an
    /// unlabelled one), or empty.
    public static func parameters(_ value: Any) -> String {
        guard let payload = Mirror(reflecting: value).children.first?.value else { return "" }
        let fields = Mirror(reflecting: payload)
        guard fields.displayStyle == .tuple else { return word(payload) }
        return fields.children.map { field in
            let text = word(field.value)
            guard let label = field.label, !label.hasPrefix(".") else { return text }
            return "\(label)=\(text)"
        }.joined(separator: " ")
    }

    /// `name` and `parameters` together (`pumpTrip pump=mouldWater`, `powerLoss`).
    public static func describe(_ value: Any) -> String {
        let parameters = parameters(value)
        return parameters.isEmpty ? name(value) : "\(name(value)) \(parameters)"
    }

    /// A parameter value: numbers without a needless `.0`, enums by their raw value or case name.
    static func word(_ value: Any) -> String {
        switch value {
        case let d as Double:
            return d.isFinite && d == d.rounded() && d.magnitude < 1e15 ? String(Int64(d)) : "\(d)"
        case let s as String: return s
        case let r as any RawRepresentable: return "\(r.rawValue)"
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .enum && !mirror.children.isEmpty { return describe(value) }
            return "\(value)"
        }
    }
}
