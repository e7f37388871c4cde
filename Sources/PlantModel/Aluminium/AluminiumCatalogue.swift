/// Aluminium DC-casting equipment types (filled in by the casting-line model).
public enum AluminiumCatalogue {
    public static let types: [EquipmentType] = []
}
