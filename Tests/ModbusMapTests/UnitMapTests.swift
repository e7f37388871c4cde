import ModbusMap
import PlantModel
import Testing

@Suite struct UnitMapTests {
    static let points: [PointSpec] = [
        PointSpec(code: "P1", nameZh: "压力", nameEn: "pressure", unit: "MPa", range: 0...1, equipment: "E"),
        PointSpec(code: "D1", nameZh: "阀", nameEn: "valve", unit: "", kind: .digital, range: 0...1, equipment: "E"),
        PointSpec(code: "M1", nameZh: "模式", nameEn: "mode", unit: "", kind: .enumeration, range: 0...2, equipment: "E"),
        PointSpec(code: "T1", nameZh: "温度", nameEn: "temperature", unit: "°C", range: 0...100, equipment: "E"),
    ]

    @Test func defaultMapIsContiguousAndDocumented() throws {
        let map = try UnitMap.generate(points: Self.points, layout: ModbusLayout(unitId: 7))
        #expect(map.unitId == 7)
        let p1 = try #require(map.binding(for: "P1"))
        #expect((p1.table, p1.address, p1.type) == (.holdingRegisters, 0, .float32))
        let m1 = try #require(map.binding(for: "M1"))
        #expect((m1.table, m1.address, m1.type) == (.holdingRegisters, 2, .uint16))
        let t1 = try #require(map.binding(for: "T1"))
        #expect((t1.table, t1.address) == (.holdingRegisters, 3))
        let d1 = try #require(map.binding(for: "D1"))
        #expect((d1.table, d1.address, d1.type) == (.discreteInputs, 0, .bit))
        #expect(map.sizes[.holdingRegisters] == 5)
        #expect(map.sizes[.inputRegisters] == 1003)  // quality 0…3, then the clock at 1000…1002
        #expect(map.isDefined(.inputRegisters, 0..<4))
        #expect(!map.isDefined(.inputRegisters, 4..<5))
        #expect(map.isDefined(.inputRegisters, 1000..<1003))
        #expect(map.isDefined(.holdingRegisters, 0..<5))
        #expect(!map.isDefined(.holdingRegisters, 0..<6))
        #expect(map.isWritable(.coils, 0..<4))
        #expect(!map.isWritable(.holdingRegisters, 0..<1))
    }

    @Test func overridesMoveAndRetypeOnePoint() throws {
        let layout = ModbusLayout(overrides: [
            "T1": RegisterOverride(table: .inputRegisters, address: 100, type: .int16, scale: 0.1),
            "P1": RegisterOverride(wordOrder: .CDAB, writable: true),
        ])
        let map = try UnitMap.generate(points: Self.points, layout: layout)
        let t1 = try #require(map.binding(for: "T1"))
        #expect((t1.table, t1.address, t1.type, t1.scale) == (.inputRegisters, 100, .int16, 0.1))
        #expect(!map.isDefined(.inputRegisters, 4..<100))
        #expect(map.binding(for: "P1")?.wordOrder == .CDAB)
        #expect(map.isWritable(.holdingRegisters, 0..<2))
    }

    @Test func overlapsAndMisplacedTypesAreRejected() {
        let overlap = ModbusLayout(overrides: ["T1": RegisterOverride(address: 1)])
        #expect(throws: LayoutError.self) { try UnitMap.generate(points: Self.points, layout: overlap) }
        let wrongTable = ModbusLayout(overrides: ["P1": RegisterOverride(table: .coils, type: .float32)])
        #expect(throws: LayoutError.self) { try UnitMap.generate(points: Self.points, layout: wrongTable) }
        let readOnly = ModbusLayout(overrides: ["T1": RegisterOverride(table: .inputRegisters, address: 50, writable: true)])
        #expect(throws: LayoutError.self) { try UnitMap.generate(points: Self.points, layout: readOnly) }
    }

    @Test func imageRendersValuesQualitiesAndFaults() throws {
        let map = try UnitMap.generate(points: Self.points, layout: ModbusLayout())
        var image = RegisterImage(map: map)
        let values = [0.25, 1, 2, 37.5]
        image.render(values: values, qualities: [.good, .good, .bad, .offline], timeMs: 70_123_456)
        #expect(image.holdingRegisters[0...1] == [0x3E80, 0x0000])
        #expect(image.discreteInputs == [1])
        #expect(image.holdingRegisters[2] == 2)
        #expect(image.inputRegisters[0..<4] == [0, 0, 1, 2])
        // 70,123 s = 0x0001_11EB, then 456 ms.
        #expect(image.inputRegisters[1000...1002] == [0x0001, 0x11EB, 456])
        #expect(image.read(try #require(map.binding(for: "T1"))) == 37.5)

        image.render(values: [0.5, 0, 0, 40], qualities: [.good, .good, .good, .good], skip: { $0.point == "T1" })
        #expect(image.read(try #require(map.binding(for: "T1"))) == 37.5)
        #expect(image.read(try #require(map.binding(for: "P1"))) == 0.5)

        image.render(values: [0.25, 0, 0, 40], qualities: [.good, .good, .good, .good], swapWords: { $0.point == "P1" })
        #expect(image.holdingRegisters[0...1] == [0x0000, 0x3E80])
    }
}
