/// Steel-works equipment types (filled in by the steel models).
public enum SteelCatalogue {
    public static let types: [EquipmentType] = [
        BlastFurnace.equipmentType,
        Converter.equipmentType,
        GasSystem.equipmentType,
    ]
}
