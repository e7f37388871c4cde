import SimCore

/// Who runs the plant: the enterprise identity the regulator sees.
public struct Enterprise: Hashable, Sendable, Codable {
    /// 企业编码 (built on the administrative-division code, e.g. `4501270001AL`).
    public var code: String
    public var name: String
    public var nameEn: String
    public var industry: Industry
    /// Administrative division (county/district) code, e.g. `450127`.
    public var regionCode: String
    public var regionName: String

    public init(code: String, name: String, nameEn: String, industry: Industry, regionCode: String, regionName: String) {
        self.code = code; self.name = name; self.nameEn = nameEn; self.industry = industry
        self.regionCode = regionCode; self.regionName = regionName
    }
}

/// Per-point settings a plant file may override.
public struct PointOverride: Hashable, Sendable {
    public var limits: Limits?
    public var samplePeriod: SimDuration?
    public init(limits: Limits? = nil, samplePeriod: SimDuration? = nil) {
        self.limits = limits; self.samplePeriod = samplePeriod
    }
}

/// A plant as declared by a plant file, before it is built.
public struct PlantConfig: Hashable, Sendable {
    public var enterprise: Enterprise
    public var equipment: [EquipmentConfig]
    public var overrides: [String: PointOverride]

    public init(enterprise: Enterprise, equipment: [EquipmentConfig], overrides: [String: PointOverride] = [:]) {
        self.enterprise = enterprise; self.equipment = equipment; self.overrides = overrides
    }
}

/// A built plant: its equipment instances and the flat point table they fill.
public struct Plant: Sendable {
    public let enterprise: Enterprise
    public private(set) var equipment: [any Equipment]
    /// All points, equipment by equipment, in the order of `values`.
    public let points: [PointSpec]
    /// Where each equipment's points start in `points`.
    public let offsets: [Int]
    public let pointIndex: [String: Int]

    /// Builds every instance through the catalogue (defaults filled in) and applies overrides.
    /// The config must already be validated (unknown types are a programming error here).
    public init(config: PlantConfig, catalogue: [EquipmentType] = EquipmentCatalogue.all) {
        enterprise = config.enterprise
        var built: [any Equipment] = []
        var offsets: [Int] = []
        var points: [PointSpec] = []
        for entry in config.equipment {
            guard let type = catalogue.first(where: { $0.name == entry.type }) else {
                preconditionFailure("unknown equipment type \(entry.type); validate the plant file first")
            }
            let instance = type.build(type.withDefaults(entry))
            offsets.append(points.count)
            points.append(contentsOf: instance.points)
            built.append(instance)
        }
        for index in points.indices {
            guard let override = config.overrides[points[index].code] else { continue }
            if let limits = override.limits { points[index].limits = limits }
            if let period = override.samplePeriod { points[index].samplePeriod = period }
        }
        equipment = built
        self.offsets = offsets
        self.points = points
        var index: [String: Int] = [:]
        for (i, point) in points.enumerated() { index[point.code] = i }
        pointIndex = index
    }

    public var interlocks: [InterlockSpec] { equipment.flatMap(\.interlocks) }

    /// Indices of the equipment instances an operation or fault addresses: `target` if named,
    /// otherwise every instance that accepts it.
    public func targets(of operation: Operation, target: String?) -> [Int] {
        equipment.indices.filter { (target == nil || equipment[$0].id == target) && equipment[$0].accepts(operation) }
    }

    public func targets(of fault: EquipmentFault, target: String?) -> [Int] {
        equipment.indices.filter { (target == nil || equipment[$0].id == target) && equipment[$0].accepts(fault) }
    }

    public mutating func apply(_ operation: Operation, to index: Int, now: SimInstant, events: inout [PlantEvent]) {
        equipment[index].apply(operation, now: now, events: &events)
    }

    public mutating func inject(_ fault: EquipmentFault, to index: Int, now: SimInstant, events: inout [PlantEvent]) {
        equipment[index].inject(fault, now: now, events: &events)
    }

    public mutating func clear(_ fault: EquipmentFault, on index: Int, now: SimInstant, events: inout [PlantEvent]) {
        equipment[index].clear(fault, now: now, events: &events)
    }

    /// Advance every instance; `rngs[i]` is instance i's own stream.
    public mutating func step(now: SimInstant, dt: Double, rngs: inout [SeededRandom], events: inout [PlantEvent]) {
        // Unsafe buffers: one uniqueness check per array instead of one per instance and tick.
        equipment.withUnsafeMutableBufferPointer { instances in
            rngs.withUnsafeMutableBufferPointer { streams in
                for index in instances.indices {
                    instances[index].step(now: now, dt: dt, rng: &streams[index], events: &events)
                }
            }
        }
    }

    /// True values of every point, in `points` order.
    public func write(into values: inout [Double]) {
        for index in equipment.indices { equipment[index].write(into: &values, at: offsets[index]) }
    }

    /// The same as `write(into:)`, reached through a mutating (in-place) access so the engine's
    /// hot path does not copy the plant value; nothing is changed.
    public mutating func writeInPlace(into values: inout [Double]) {
        equipment.withUnsafeMutableBufferPointer { instances in
            for index in instances.indices { instances[index].write(into: &values, at: offsets[index]) }
        }
    }
}
