/// Aluminium DC-casting equipment types.
public enum AluminiumCatalogue {
    public static let types: [EquipmentType] = [
        EquipmentType(
            name: "dcCastingLine", industry: .aluminium,
            summary: "DC (deep-well) casting line: holding furnace, launder with quick cut-off, emergency discharge "
                + "and disconnect, mould cooling water with emergency high tank, casting well, casting machine",
            parameters: CastingLineConfig.parameterSpecs,
            build: { CastingLine(config: $0) }),
    ]
}
