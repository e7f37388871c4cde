import ConfigText
import PlantModel
import SimCore

/// Parses and validates one plant file (`enterprise:`, `equipment:`, `points:`, `modbus:`).
struct PlantFileParser {
    let reader: YAMLReader
    let catalogue: [EquipmentType]

    static let topKeys = ["enterprise", "equipment", "points", "modbus"]
    static let enterpriseKeys = ["code", "name", "nameEn", "industry", "region"]
    static let regionKeys = ["code", "name"]
    static let equipmentKeys = ["type", "id", "params"]
    static let overrideKeys = ["limits", "samplePeriod"]
    static let limitKeys = ["ll", "l", "h", "hh"]

    var sink: DiagnosticSink { reader.sink }

    /// The validated plant file, or nil when any diagnostic was reported for this file.
    func parse(_ root: YNode) -> PlantFile? {
        let before = sink.count
        guard let map = MapReader(root, what: "plant file", keys: Self.topKeys, reader: reader) else { return nil }
        let enterprise = map.require("enterprise").flatMap(parseEnterprise)
        var equipment: [EquipmentConfig] = []
        if let node = map.require("equipment"), let items = reader.sequence(node, "a list of equipment") {
            if items.isEmpty { sink.error(node.location, "expected at least one equipment entry, found an empty list") }
            equipment = parseEquipment(items, industry: enterprise?.industry)
        }
        guard let enterprise, sink.count == before else { return nil }
        var config = PlantConfig(enterprise: enterprise, equipment: equipment)
        if let node = map.present("points") {
            config.overrides = parseOverrides(node, config: config)
        }
        var file = PlantFile(config: config)
        if let node = map.present("modbus"), sink.count == before, let (layout, port) = parseModbus(node, config: config) {
            file.modbus = layout
            file.modbusPort = port
            file.unitIdGiven = MapReader(node, what: "modbus", keys: Self.modbusKeys, reader: reader)?["unitId"] != nil
        }
        return sink.count == before ? file : nil
    }

    func parseEnterprise(_ node: YNode) -> Enterprise? {
        guard let map = MapReader(node, what: "enterprise", keys: Self.enterpriseKeys, reader: reader) else { return nil }
        let code = map.require("code").flatMap { reader.string($0, "an enterprise code") }
        let name = map.require("name").flatMap { reader.string($0) }
        let nameEn = map.present("nameEn").flatMap { reader.string($0) } ?? name
        let industry = map.require("industry").flatMap {
            reader.choice($0, Industry.allCases.map(\.rawValue), what: "industry")
        }.flatMap(Industry.init(rawValue:))
        var regionCode: String?, regionName: String?
        if let regionNode = map.require("region"),
           let region = MapReader(regionNode, what: "region", keys: Self.regionKeys, reader: reader) {
            regionCode = region.require("code").flatMap { reader.string($0, "a region code") }
            regionName = region.require("name").flatMap { reader.string($0) }
        }
        if let code, let codeNode = map["code"], code.isEmpty {
            sink.error(codeNode.location, "expected a non-empty enterprise code, found ''")
        }
        guard let code, let name, let nameEn, let industry, let regionCode, let regionName else { return nil }
        return Enterprise(code: code, name: name, nameEn: nameEn, industry: industry,
                          regionCode: regionCode, regionName: regionName)
    }

    func parseEquipment(_ items: [YNode], industry: Industry?) -> [EquipmentConfig] {
        var configs: [EquipmentConfig] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let map = MapReader(item, what: "equipment entry", keys: Self.equipmentKeys, reader: reader) else { continue }
            let id = map.require("id").flatMap { reader.string($0, "an equipment id") }
            let typeName = map.require("type").flatMap { reader.choice($0, catalogue.map(\.name), what: "equipment type") }
            if let id, let idNode = map["id"] {
                if let first = seen[id] {
                    sink.error(idNode.location, "duplicate equipment id '\(id)' (first used at line \(first.line))")
                } else {
                    seen[id] = idNode.location
                }
            }
            guard let typeName, let type = catalogue.first(where: { $0.name == typeName }) else { continue }
            if let industry, type.industry != industry, let typeNode = map["type"] {
                sink.error(typeNode.location,
                           "equipment type '\(typeName)' is \(type.industry.rawValue) equipment, "
                               + "but the enterprise's industry is \(industry.rawValue)")
            }
            let params = map.present("params").map { parseParams($0, type: type) } ?? [:]
            if let id { configs.append(EquipmentConfig(type: typeName, id: id, params: params)) }
        }
        return configs
    }

    func parseParams(_ node: YNode, type: EquipmentType) -> [String: ParameterValue] {
        let names = type.parameters.map(\.name)
        guard let map = MapReader(node, what: "params of '\(type.name)'", keys: names, reader: reader) else { return [:] }
        var params: [String: ParameterValue] = [:]
        for spec in type.parameters {
            guard let value = map.present(spec.name) else { continue }
            if let parsed = parseParam(value, spec: spec) { params[spec.name] = parsed }
        }
        return params
    }

    func parseParam(_ node: YNode, spec: ParameterSpec) -> ParameterValue? {
        switch spec.kind {
        case .number, .integer:
            let value: Double?
            if spec.kind == .integer { value = reader.integer(node).map(Double.init) } else { value = reader.number(node) }
            guard let value else { return nil }
            if let range = spec.range, !range.contains(value) {
                let bounds = "\(ActionParameter.format(range.lowerBound))…\(ActionParameter.format(range.upperBound))"
                sink.error(node.location, "parameter '\(spec.name)' is \(ActionParameter.format(value)), outside \(bounds)")
                return nil
            }
            return .number(value)
        case .flag:
            return reader.bool(node).map { .flag($0) }
        case .text:
            if spec.allowed.isEmpty { return reader.string(node).map { .text($0) } }
            return reader.choice(node, spec.allowed, what: spec.name).map { .text($0) }
        }
    }
}
