import PlantModel
import Reference
import SimCore
import Testing

@Suite struct GradeTests {
    func equipment(_ type: String, _ id: String, _ params: [String: ParameterValue] = [:]) -> EquipmentConfig {
        EquipmentConfig(type: type, id: id, params: params)
    }

    func floor(_ equipment: [EquipmentConfig], rules: ReferenceRules = TestPlant.rules()) -> GradeStatus? {
        var core = ReferenceCore(plants: [TestPlant.plant(equipment: equipment)], rules: rules)
        core.advance(to: .start)
        return core.grade(of: TestPlant.code)
    }

    @Test func inherentFloorFromTheRegistry() {
        #expect(floor([equipment("gasSystem", "GH1")])?.floorReasons == [RiskRuleID.floorGasHolder])
        #expect(floor([equipment("gasSystem", "GH1")])?.grade == .yellow)
        #expect(floor([equipment("dcCastingLine", "L1")])?.grade == .blue)
        #expect(floor([equipment("dcCastingLine", "L1"), equipment("dcCastingLine", "L2")])?.floorReasons
            == [RiskRuleID.floorCastingWells])
        #expect(floor([equipment("blastFurnace", "BF1", ["volumeM3": .number(1080)])])?.floorReasons
            == [RiskRuleID.floorBlastFurnace])
        #expect(floor([equipment("blastFurnace", "BF1", ["volumeM3": .number(800)])])?.grade == .blue)
        let hazard = TestPlant.rules { $0.risk.majorHazardOpen = [TestPlant.code] }
        #expect(floor([], rules: hazard)?.grade == .orange)
        #expect(floor([], rules: hazard)?.reasons == [RiskRuleID.floorMajorHazard])
        let off = TestPlant.rules { $0.disabledRules.insert(RiskRuleID.floorGasHolder) }
        #expect(floor([equipment("gasSystem", "GH1")], rules: off)?.grade == .blue)
    }

    @Test func firstGradeIsAnEventFromNothing() throws {
        var rig = Rig()
        rig.run(seconds: 1)
        let first = try #require(rig.core.gradeHistory(of: TestPlant.code).first)
        #expect(first.from == nil && first.to == .blue && first.time == .start && first.reasons.isEmpty)
    }

    @Test func deEscalationIsOneLevelPerHourWithoutANewTrigger() throws {
        var rig = Rig()
        rig.values["T_RUN"] = 0
        rig.values["T_CO"] = 200
        rig.run(minutes: 6)
        #expect(rig.grade?.grade == .red)
        for alarm in rig.core.activeAlarms() {
            try rig.core.handle(alarmId: alarm.id, handler: "op", result: "ventilated", at: rig.time)
        }
        rig.values["T_CO"] = 2
        rig.run(minutes: 190, step: 10)
        let history = rig.core.gradeHistory(of: TestPlant.code)
        #expect(history.map(\.to) == [.blue, .red, .orange, .yellow, .blue])
        // Red at 300 s, last held at 360 s (the CO alarm was still active then), then one step per hour.
        let expected: [Double] = [0, 300, 3960, 7560, 11160]
        #expect(history.map(\.time.seconds) == expected)
        #expect(history[2].reasons == [RiskRuleID.deescalate])
        #expect(rig.grade?.grade == .blue)
    }

    @Test func aNewTriggerHoldsTheGradeAndTheFloorIsNeverUndercut() throws {
        var rig = Rig(plants: [TestPlant.plant(equipment: [EquipmentConfig(type: "gasSystem", id: "GH1")])])
        rig.values["T_RUN"] = 0
        rig.values["T_CO"] = 200
        rig.run(minutes: 6)
        for alarm in rig.core.activeAlarms() {
            try rig.core.handle(alarmId: alarm.id, handler: "op", result: "ok", at: rig.time)
        }
        rig.values["T_CO"] = 2
        rig.run(minutes: 300, step: 10)
        let history = rig.core.gradeHistory(of: TestPlant.code)
        #expect(history.map(\.to) == [.yellow, .red, .orange, .yellow])
        #expect(history.last?.reasons == [RiskRuleID.deescalate, RiskRuleID.floorGasHolder])
    }

    @Test func disablingARuleRemovesItsTrigger() {
        var rig = Rig(rules: TestPlant.rules { $0.disabledRules.insert(RiskRuleID.red4) })
        rig.values["T_RUN"] = 0
        rig.values["T_CO"] = 200
        rig.run(minutes: 8)
        #expect(rig.grade?.grade == .blue)
        #expect(rig.alarms("T_CO", .hh).count == 1, "the alarm is still raised; only the grading rule is off")
    }

    @Test func regulatorViewPerRegion() throws {
        let other = Enterprise(code: "450200OTHER", name: "乙", nameEn: "B", industry: .steel, regionCode: "450200",
                               regionName: "乙区")
        var rig = Rig(plants: [TestPlant.plant(), TestPlant.plant(enterprise: other)])
        rig.values["T_RUN"] = 0
        rig.values["T_AL"] = 1
        rig.run(seconds: 70)
        let view = rig.core.regulatorView()
        #expect(view.regions.map(\.code) == ["450100", "450200"])
        let region = view.regions[0]
        #expect(region.gradeCounts[.red] == 1 && region.gradeCounts[.blue] == 0 && region.enterprises == [TestPlant.code])
        #expect(region.unhandled.count == 1 && region.unhandled[0].age.seconds == 69 && region.unhandled[0].active)
        #expect(region.onlineRate == 1)
        #expect(view.regions[1].gradeCounts[.blue] == 1 && view.regions[1].unhandled.isEmpty)
    }
}
