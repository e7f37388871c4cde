import PlantModel
import SimCore

extension BasicData {
    /// The registration of a built plant: its enterprise, every equipment instance and every point
    /// with its range and limits. `equipment` (the plant file's entries) adds the parameters; without
    /// it the type names still come from the catalogue.
    public init(
        plant: Plant, gatewayCode: String, batchId: String, sentAt: Int64, equipment: [EquipmentConfig] = [],
        catalogue: [EquipmentType] = EquipmentCatalogue.all
    ) {
        let enterprise = plant.enterprise
        let configs = Dictionary(equipment.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Self.typeNames(of: catalogue)
        let entries = plant.equipment.map { instance -> EquipmentEntry in
            let config = configs[instance.id]
            let type = config?.type ?? names[ObjectIdentifier(Swift.type(of: instance))] ?? "unknown"
            let params = config.map { $0.params.mapValues(ParameterScalar.init) }
            return EquipmentEntry(equipCode: instance.id, equipType: type, params: params?.isEmpty == true ? nil : params)
        }
        self.init(
            batchId: batchId, companyCode: enterprise.code, companyName: enterprise.name,
            companyNameEn: enterprise.nameEn, industry: enterprise.industry, regionCode: enterprise.regionCode,
            regionName: enterprise.regionName, gatewayCode: gatewayCode, sentAt: sentAt, equipments: entries,
            targets: plant.points.map(Target.init(point:)),
            interlocks: plant.interlocks.isEmpty ? nil : plant.interlocks.map(InterlockEntry.init))
    }

    /// The enterprise that registered.
    public func enterprise() -> Enterprise {
        Enterprise(
            code: companyCode, name: companyName, nameEn: companyNameEn, industry: industry, regionCode: regionCode,
            regionName: regionName)
    }

    /// The registered points as the plant model holds them (measurement noise is not carried: 0).
    public func pointSpecs() -> [PointSpec] { targets.map { $0.pointSpec() } }

    /// Catalogue type name by the Swift type each entry builds (every type built once, with defaults).
    static func typeNames(of catalogue: [EquipmentType]) -> [ObjectIdentifier: String] {
        if catalogue.map(\.name) == EquipmentCatalogue.all.map(\.name) { return defaultTypeNames }
        return buildTypeNames(catalogue)
    }

    static let defaultTypeNames = buildTypeNames(EquipmentCatalogue.all)

    static func buildTypeNames(_ catalogue: [EquipmentType]) -> [ObjectIdentifier: String] {
        var names: [ObjectIdentifier: String] = [:]
        for type in catalogue {
            let instance = type.build(type.withDefaults(EquipmentConfig(type: type.name, id: "X")))
            names[ObjectIdentifier(Swift.type(of: instance))] = names[ObjectIdentifier(Swift.type(of: instance))] ?? type.name
        }
        return names
    }
}

extension BasicData.Target {
    /// The upload form of a point.
    public init(point: PointSpec) {
        self.init(
            targetCode: point.code, targetName: point.nameZh, targetNameEn: point.nameEn, equipCode: point.equipment,
            unit: point.unit, kind: point.kind, states: point.states.isEmpty ? nil : point.states,
            lowValue: point.rangeMin, topValue: point.rangeMax, lowValue01: point.limits.ll,
            lowValue02: point.limits.l, topValue01: point.limits.h, topValue02: point.limits.hh,
            samplePeriodMs: point.samplePeriod.milliseconds, critical: point.critical, clause: point.clause)
    }

    /// The point as the plant model holds it. A missing range becomes 0…1 for a digital point,
    /// 0…(states − 1) for an enum and ±greatest finite for an analog one (no out-of-range check).
    public func pointSpec() -> PointSpec {
        let fallback: ClosedRange<Double> =
            switch kind {
            case .digital: 0...1
            case .enumeration: 0...Double(max((states?.count ?? 1) - 1, 0))
            case .analog: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
            }
        let low = lowValue.flatMap { $0.isNaN ? nil : $0 } ?? fallback.lowerBound
        let top = topValue.flatMap { $0.isNaN ? nil : $0 } ?? fallback.upperBound
        return PointSpec(
            code: targetCode, nameZh: targetName, nameEn: targetNameEn, unit: unit, kind: kind,
            range: min(low, top)...max(low, top), limits: limits, samplePeriod: .ms(samplePeriodMs),
            equipment: equipCode, critical: critical, states: states ?? [], noiseSigma: 0, clause: clause)
    }
}
