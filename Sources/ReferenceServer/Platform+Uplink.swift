import Foundation
import PlantModel
import Reference
import SimCore
import UplinkProfile

extension Platform {
    /// Registers (or re-registers) an enterprise from its basic data. A new enterprise rebuilds the
    /// core with it and replays the stored inputs (registrations are rare; the core stays exact).
    public func register(_ basic: BasicData) throws -> Int {
        let json = try JSONText.encode(basic)
        try store.saveRegistration(code: basic.companyCode, json: json)
        let plant = Self.referencePlant(basic)
        var plants = universe.filter { $0.enterprise.code != basic.companyCode }
        // An enterprise from a plant file keeps its interlocks; uplink registration cannot carry them.
        if let known = universe.first(where: { $0.enterprise.code == basic.companyCode }), !known.interlocks.isEmpty {
            return basic.targets.count
        }
        plants.append(plant)
        try rebuild(plants: plants)
        return basic.targets.count
    }

    static func referencePlant(_ basic: BasicData) -> ReferencePlant {
        let equipment = basic.equipments.map { entry in
            EquipmentConfig(
                type: entry.equipType, id: entry.equipCode,
                params: (entry.params ?? [:]).mapValues { scalar -> ParameterValue in
                    switch scalar {
                    case .number(let value): .number(value)
                    case .flag(let value): .flag(value)
                    case .text(let value): .text(value)
                    }
                })
        }
        return ReferencePlant(enterprise: basic.enterprise(), points: basic.pointSpecs(), interlocks: [], equipment: equipment)
    }

    /// Enterprises registered over the uplink (from the store), for start-up.
    static func registeredPlants(_ store: PlatformStore) throws -> [ReferencePlant] {
        try store.registrations().compactMap { json in
            (try? JSONDecoder().decode(BasicData.self, from: Data(json.utf8))).map(referencePlant)
        }
    }

    func rebuild(plants: [ReferencePlant]) throws {
        let start = try store.meta("startMs").flatMap(Int64.init).map { SimInstant(milliseconds: $0) } ?? core.start
        var fresh = ReferenceCore(plants: plants, rules: rules, start: start)
        var waiting: [PlatformInput] = []
        for input in try store.inputs() { Self.apply(input, to: &fresh, pending: &waiting, universe: plants) }
        _ = fresh.drainEvents()
        core = fresh
        universe = plants
        pending = waiting
    }

    /// Whether the enterprise and point are known (uplink readings for unknown ones are refused).
    public func knows(enterprise: String) -> Bool { core.enterpriseIndex(enterprise) != nil }

    /// Plant-side alarms and heartbeats are recorded (deduplicated by batch id) for the record;
    /// the platform raises its own alarms from the readings.
    public func record(_ payload: Payload) throws -> Bool {
        if try store.hasBatch(payload.batchId) { return false }
        try store.recordPayload(batchId: payload.batchId, kind: payload.kind.rawValue, company: payload.companyCode,
                                json: try JSONText.encode(AnyPayload(payload)), atMs: core.now.milliseconds)
        return true
    }
}

/// Encodes whichever payload a `Payload` holds.
struct AnyPayload: Encodable {
    let payload: Payload
    init(_ payload: Payload) { self.payload = payload }
    func encode(to encoder: any Encoder) throws { try payload.body.encode(to: encoder) }
}
