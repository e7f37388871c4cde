/// Markdown tables of the action schemas, so `docs/scenario-format.md` is generated from the same
/// tables the parser uses (a test checks the document contains exactly this text).
public enum FormatReference {
    public static func markdownTables() -> String {
        [
            table("Operations (`op:`)", OperationSchema.all),
            table("Equipment faults (`fault:`)", FaultSchema.all),
            table("Sensor faults (`sensor:`, with `point:`)", SensorFaultSchema.all),
            table("Modbus protocol faults (`modbus:`, scoped by `unit`, `table`, `address`, `count`)", ProtocolFaultSchema.all),
            table("Network faults (`network:`, between the uplink sender and the target)", NetworkFaultSchema.all),
        ].joined(separator: "\n")
    }

    static func table<A>(_ title: String, _ schemas: [ActionSchema<A>]) -> String {
        var lines = ["#### \(title)", "", "| name | parameters | meaning |", "|---|---|---|"]
        for schema in schemas {
            let parameters = schema.parameters.map(describe).joined(separator: "<br>")
            lines.append("| `\(schema.name)` | \(parameters.isEmpty ? "—" : parameters) | \(schema.summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ parameter: ActionParameter) -> String {
        var text = "`\(parameter.name)`: \(parameter.kindDescription)"
        if !parameter.unit.isEmpty { text += " (\(parameter.unit))" }
        if let value = parameter.defaultValue {
            switch value {
            case .number(let number): text += ", default \(ActionParameter.format(number))"
            case .text(let word): text += ", default \(word)"
            }
        } else {
            text += ", required"
        }
        return text + " — \(parameter.summary)"
    }
}
