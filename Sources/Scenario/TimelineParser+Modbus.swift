import ConfigText
import ModbusMap

extension TimelineParser {
    /// `modbus: <fault>` with optional scope `unit`, `table`, `address` + `count` (default 1).
    func parseProtocolFault(_ node: YNode, _ map: MapReader) -> StepAction? {
        guard let name = reader.choice(node, ProtocolFaultSchema.all.map(\.name), what: "protocol fault"),
            let schema = ProtocolFaultSchema.named(name), let kind = schema.read(map, reader: reader)
        else { return nil }
        var fault = ProtocolFault(kind: kind)
        var ok = true
        if let unit = map["unit"], let value = reader.integer(unit) {
            if (0...255).contains(value) { fault.unitId = UInt8(value) } else {
                sink.error(unit.location, "unit \(value) is outside 0…255")
                ok = false
            }
        }
        if let table = map["table"] {
            let name = reader.choice(table, RegisterTable.allCases.map(\.rawValue), what: "table")
            fault.table = name.flatMap(RegisterTable.init(rawValue:))
            ok = ok && fault.table != nil
        }
        if let address = map["address"], let start = reader.integer(address) {
            let count = map["count"].flatMap { reader.integer($0) } ?? 1
            if start < 0 || count < 1 || start + count > 65536 {
                sink.error(address.location, "register range \(start) + \(count) is outside 0…65535")
                ok = false
            } else {
                fault.addresses = start..<(start + count)
            }
        } else if let count = map["count"] {
            sink.error(count.location, "'count' needs 'address'")
            ok = false
        }
        return ok ? .protocolFault(fault) : nil
    }
}
