import PlantModel
@testable import Reference
import SimCore
import Testing

@Suite struct AlarmWordingTests {
    static let lance = PointSpec(
        code: "BOF1_LNC_DQ", nameZh: "氧枪进出水流量差", nameEn: "Lance cooling-water flow difference", unit: "m³/h",
        range: 0...50, equipment: "BOF1")

    @Test func aLimitMessageNamesThePointInChineseAndEnglishWithARoundedValueAndItsUnit() {
        #expect(AlarmWording.limit(Self.lance, value: 4.043040441960673, level: .h, limit: 4.0)
            == "氧枪进出水流量差 Lance cooling-water flow difference 4.04 m³/h ≥ H 4.0")
        #expect(AlarmWording.limit(Self.lance, value: 0.049999, level: .ll, limit: 0.05)
            == "氧枪进出水流量差 Lance cooling-water flow difference 0.0500 m³/h ≤ LL 0.05")
    }

    @Test(arguments: [
        (4.043040441960673, "4.04"), (0.05, "0.0500"), (251.4, "251"), (1532.7, "1533"), (-0.012345, "-0.0123"),
        (0, "0"), (9.9951, "10.00"), (Double.nan, "–"), (-4.2e-7, "-0.000000420"),
    ] as [(Double, String)])
    func valuesHaveThreeSignificantFigures(value: Double, text: String) {
        #expect(AlarmWording.number(value) == text)
    }

    @Test func theEngineWordsItsAlarmsThisWay() throws {
        var rig = Rig()
        rig.values["T_RUN"] = 0
        rig.run(seconds: 5)
        rig.values["T_LVL"] = 95.123456
        rig.run(seconds: 5)
        let high = try #require(rig.alarms("T_LVL", .hh).first)
        // The test plant names its points by their codes (one name, not twice).
        #expect(high.message == "T_LVL 95.1 u ≥ HH 90.0")
        #expect(!high.message.contains("95.123456"))
    }
}
