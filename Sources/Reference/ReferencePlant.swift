import PlantModel

/// What the platform knows of one enterprise: its registry data (enterprise, equipment types and
/// parameters), its points and its interlocks. Plant data only — never a scenario's expectations.
public struct ReferencePlant: Sendable {
    public var enterprise: Enterprise
    public var points: [PointSpec]
    public var interlocks: [InterlockSpec]
    /// Equipment instances as registered (type, id, parameters with catalogue defaults filled in).
    public var equipment: [EquipmentConfig]

    public init(enterprise: Enterprise, points: [PointSpec], interlocks: [InterlockSpec], equipment: [EquipmentConfig]) {
        self.enterprise = enterprise; self.points = points; self.interlocks = interlocks; self.equipment = equipment
    }

    /// From a plant file's config: builds the plant (pure) for its point table and interlocks.
    public init(config: PlantConfig, catalogue: [EquipmentType] = EquipmentCatalogue.all) {
        let plant = Plant(config: config, catalogue: catalogue)
        let filled = config.equipment.map { entry in
            catalogue.first { $0.name == entry.type }.map { $0.withDefaults(entry) } ?? entry
        }
        self.init(enterprise: plant.enterprise, points: plant.points, interlocks: plant.interlocks, equipment: filled)
    }
}

/// Matching of rule point names against point codes.
enum PointName {
    /// `name` is the code itself, or the code's tail after an `_`-ended prefix (`INTLK_BYP`
    /// matches `BF1_INTLK_BYP`, `CM_MODE` matches `L2_CM_MODE`).
    static func matches(_ code: String, _ name: String) -> Bool {
        guard code.count >= name.count, code.hasSuffix(name) else { return false }
        if code.count == name.count { return true }
        let prefix = code.dropLast(name.count)
        return prefix.hasSuffix("_")
    }

    /// The prefix a rule name was matched under (`L2_` for `L2_CM_MODE` and `CM_MODE`).
    static func prefix(of code: String, name: String) -> String {
        String(code.dropLast(name.count))
    }
}
