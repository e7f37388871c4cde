/// Steel-works equipment types: blast furnace, converter with oxygen lance, gas holder system,
/// ladle crane and ladle (docs/plants/steel.md).
public enum SteelCatalogue {
    public static let types: [EquipmentType] = [
        BlastFurnace.equipmentType,
        Converter.equipmentType,
        GasSystem.equipmentType,
        LadleCrane.equipmentType,
        Ladle.equipmentType,
    ]
}
