import ConfigText
import SimCore
import ModbusMap
import PlantModel

/// A plant file as loaded: the plant and its Modbus layout (`modbus:` section, all optional).
public struct PlantFile: Sendable {
    public var config: PlantConfig
    public var modbus: ModbusLayout
    /// Port the plant is served on, if the file gives its own (`modbus.port`).
    public var modbusPort: UInt16?
    /// Whether the file sets `modbus.unitId` (otherwise a server may number plants itself).
    public var unitIdGiven: Bool
    public init(config: PlantConfig, modbus: ModbusLayout = ModbusLayout(), modbusPort: UInt16? = nil, unitIdGiven: Bool = false) {
        self.config = config; self.modbus = modbus; self.modbusPort = modbusPort; self.unitIdGiven = unitIdGiven
    }
}

extension PlantFileParser {
    static let modbusKeys = ["unitId", "port", "wordOrder", "analogType", "acknowledgeCoils", "registers"]
    static let registerKeys = ["table", "address", "type", "scale", "offset", "wordOrder", "writable"]

    /// The `modbus:` section. Builds the register map to report overlaps and misplaced types.
    func parseModbus(_ node: YNode, config: PlantConfig) -> (ModbusLayout, UInt16?)? {
        guard let map = MapReader(node, what: "modbus", keys: Self.modbusKeys, reader: reader) else { return nil }
        let before = sink.count
        var layout = ModbusLayout()
        var port: UInt16?
        if let unit = map["unitId"], let value = reader.integer(unit) {
            if (1...247).contains(value) { layout.unitId = UInt8(value) } else {
                sink.error(unit.location, "unitId \(value) is outside 1…247")
            }
        }
        if let portNode = map["port"], let value = reader.integer(portNode) {
            if (0...65535).contains(value) { port = UInt16(value) } else {
                sink.error(portNode.location, "port \(value) is outside 0…65535")
            }
        }
        if let order = map["wordOrder"].flatMap({ choice($0, WordOrder.self, "word order") }) { layout.wordOrder = order }
        if let typeNode = map["analogType"], let type = choice(typeNode, DataType.self, "data type") {
            if type == .bit { sink.error(typeNode.location, "analogType cannot be bit") } else { layout.analogType = type }
        }
        if let flag = map["acknowledgeCoils"].flatMap(reader.bool) { layout.acknowledgeCoils = flag }
        if let registers = map["registers"] { layout.overrides = parseRegisters(registers, config: config) }
        guard sink.count == before else { return nil }
        do {
            _ = try UnitMap.generate(points: Plant(config: config, catalogue: catalogue).points, layout: layout)
        } catch {
            let location = map["registers"].map { reader.entryLocation($0, key: error.point) } ?? node.location
            sink.error(location, "register map: \(error.description)")
            return nil
        }
        return (layout, port)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: YNode, _: T.Type, _ what: String) -> T?
    where T.RawValue == String {
        reader.choice(node, T.allCases.map(\.rawValue), what: what).flatMap(T.init(rawValue:))
    }

    func parseRegisters(_ node: YNode, config: PlantConfig) -> [String: RegisterOverride] {
        guard case .mapping(let pairs) = node.value else {
            reader.mismatch(node, "a mapping of point codes for registers")
            return [:]
        }
        let codes = Plant(config: config, catalogue: catalogue).points.map(\.code)
        var overrides: [String: RegisterOverride] = [:]
        for pair in pairs {
            guard let code = reader.string(pair.key, "a point code") else { continue }
            guard codes.contains(code) else {
                sink.error(pair.key.location, "unknown point '\(YNode.clip(code))'",
                           suggestion: Suggest.closest(to: code, among: codes))
                continue
            }
            guard let map = MapReader(pair.value, what: "registers of '\(code)'", keys: Self.registerKeys, reader: reader)
            else { continue }
            var change = RegisterOverride()
            change.table = map["table"].flatMap { choice($0, RegisterTable.self, "table") }
            if let address = map["address"], let value = reader.integer(address) {
                if (0...65535).contains(value) { change.address = value } else {
                    sink.error(address.location, "address \(value) is outside 0…65535")
                }
            }
            change.type = map["type"].flatMap { choice($0, DataType.self, "data type") }
            change.scale = map["scale"].flatMap { reader.number($0) }
            change.offset = map["offset"].flatMap { reader.number($0) }
            change.wordOrder = map["wordOrder"].flatMap { choice($0, WordOrder.self, "word order") }
            change.writable = map["writable"].flatMap(reader.bool)
            overrides[code] = change
        }
        return overrides
    }
}

extension YAMLReader {
    /// The location of `key` in a mapping node (the node itself when absent).
    func entryLocation(_ node: YNode, key: String) -> SourceLocation {
        guard case .mapping(let pairs) = node.value else { return node.location }
        return pairs.first { $0.key.scalarText == key }?.key.location ?? node.location
    }
}
