import PlantModel
import Reference
import SimCore
import Testing

/// One test per default reason code: it triggers the rule and checks the grade and the reason.
@Suite struct RiskRuleTests {
    /// The grade change that first reached `grade`.
    func reached(_ rig: Rig, _ grade: RiskGrade) -> GradeChange? {
        rig.core.gradeHistory(of: TestPlant.code).first { $0.to == grade }
    }

    /// The first evaluation (every 60 s) at or after `time`.
    func tick(after time: SimInstant) -> Double { (time.seconds / 60).rounded(.up) * 60 }

    func idle() -> Rig {
        var rig = Rig()
        rig.values["T_RUN"] = 0
        return rig
    }

    @Test func red1InterlockNotReached() throws {
        var rig = Rig()
        rig.run(seconds: 10)
        rig.values["T_LVL"] = 5
        rig.run(seconds: 70)
        let change = try #require(reached(rig, .red))
        #expect(change.reasons.contains(RiskRuleID.red1) && change.time.seconds == 60)
    }

    @Test func red2CastingWithASafetyDeviceFaulted() throws {
        var rig = Rig()
        rig.values["T_FLT"] = 1
        rig.run(seconds: 61)
        #expect(reached(rig, .red)?.reasons.contains(RiskRuleID.red2) == true)
        // … or with a critical sensor faulty (an instrument alarm).
        var sensor = Rig()
        sensor.qualities["T_POS"] = .bad
        sensor.run(seconds: 61)
        #expect(reached(sensor, .red)?.reasons == [RiskRuleID.red2])
        // Not casting: no RED-2.
        var idle = idle()
        idle.values["T_FLT"] = 1
        idle.run(seconds: 61)
        #expect(reached(idle, .red) == nil)
    }

    @Test func red3CriticalUncleared30Minutes() throws {
        var rig = idle()
        rig.values["T_LVL"] = 5
        rig.run(minutes: 31, step: 5)
        #expect(reached(rig, .orange)?.reasons.contains(RiskRuleID.orange1) == true)
        #expect(reached(rig, .orange)?.time.seconds == 600)
        let red = try #require(reached(rig, .red))
        #expect(red.reasons.contains(RiskRuleID.red3) && red.time.seconds == 1800)
    }

    @Test func red4CarbonMonoxideAbove160For5Minutes() throws {
        var rig = idle()
        rig.values["T_CO"] = 200
        rig.run(minutes: 6)
        let red = try #require(reached(rig, .red))
        #expect(red.reasons == [RiskRuleID.red4] && red.time.seconds == 300)
    }

    @Test func red5AluminiumInTheWell() throws {
        var rig = idle()
        rig.run(seconds: 30)
        rig.values["T_AL"] = 1
        rig.run(seconds: 5)
        rig.values["T_AL"] = 0
        rig.run(seconds: 30)
        let red = try #require(reached(rig, .red))
        #expect(red.reasons == [RiskRuleID.red5] && red.time.seconds == 60)
    }

    @Test func orange1CriticalUncleared10Minutes() throws {
        var rig = idle()
        rig.values["T_LVL"] = 5
        rig.run(minutes: 11)
        #expect(reached(rig, .orange)?.reasons == [RiskRuleID.orange1])
    }

    @Test func orange2ThreeHighLowUncleared30Minutes() throws {
        var rig = idle()
        rig.values["T_TEMP"] = 160
        rig.values["T_LVL"] = 15
        rig.values["T_CO"] = 30
        rig.run(minutes: 32, step: 5)
        let orange = try #require(reached(rig, .orange))
        let third = try #require(rig.hazard.map(\.raisedAt).max())
        #expect(orange.reasons == [RiskRuleID.orange2] && orange.time.seconds == tick(after: third + .minutes(30)))
    }

    @Test func orange3OnlineRateBelow80ForAnHour() throws {
        var rig = Rig(rules: TestPlant.rules { $0.quality.offlineAfter = .minutes(1) })
        rig.values["T_RUN"] = 0
        rig.silent = ["T_VLV", "T_POS"]  // 7 of 9 critical points online: 78 %
        rig.run(minutes: 62, step: 5)
        #expect(reached(rig, .yellow)?.reasons == [RiskRuleID.yellow3])
        let orange = try #require(reached(rig, .orange))
        #expect(orange.reasons == [RiskRuleID.orange3])
        #expect(orange.time.seconds == 3600 + 60)
    }

    @Test func orange4InterlockBypassedFor2Hours() throws {
        var rig = idle()
        rig.values["T1_INTLK_BYP"] = 1
        rig.run(minutes: 125, step: 10)
        let orange = try #require(reached(rig, .orange))
        let bypass = try #require(rig.alarms("T1_INTLK_BYP").first)
        #expect(orange.reasons == [RiskRuleID.orange4] && orange.time.seconds == tick(after: bypass.raisedAt + .hours(2)))
    }

    @Test func orange5TenCriticalAlarmsIn24Hours() throws {
        var rig = idle()
        for _ in 0..<10 {
            rig.values["T_FLT"] = 1
            rig.tick()
            rig.values["T_FLT"] = 0
            rig.tick()
        }
        rig.run(seconds: 60)
        let orange = try #require(reached(rig, .orange))
        #expect(orange.reasons == [RiskRuleID.orange5])
    }

    @Test func yellow1HighLowUncleared30Minutes() throws {
        var rig = idle()
        rig.values["T_TEMP"] = 160
        rig.run(minutes: 32, step: 5)
        let yellow = try #require(reached(rig, .yellow))
        let high = try #require(rig.alarms("T_TEMP").first)
        #expect(yellow.reasons == [RiskRuleID.yellow1] && yellow.time.seconds == tick(after: high.raisedAt + .minutes(30)))
    }

    @Test func yellow2FiveAlarmsIn24Hours() throws {
        var rig = idle()
        for _ in 0..<5 {
            rig.values["T_TEMP"] = 160
            rig.run(seconds: 4)
            let open = try #require(rig.core.activeAlarms().first)
            try rig.core.handle(alarmId: open.id, handler: "op", result: "ok", at: rig.time)
            rig.values["T_TEMP"] = 60
            rig.run(seconds: 2)
        }
        rig.run(seconds: 60)
        #expect(rig.hazard.count == 5)
        #expect(reached(rig, .yellow)?.reasons == [RiskRuleID.yellow2])
    }

    @Test func yellow3OnlineRateBelow95() throws {
        var rig = Rig(rules: TestPlant.rules { $0.quality.offlineAfter = .minutes(1) })
        rig.values["T_RUN"] = 0
        rig.silent = ["T_POS"]
        rig.run(minutes: 3)
        #expect(reached(rig, .yellow)?.reasons == [RiskRuleID.yellow3])
    }

    @Test func yellow4DataDelayedOver5Minutes() throws {
        var rig = Rig(rules: TestPlant.rules { $0.disabledRules.insert(RiskRuleID.yellow3) })
        rig.values["T_RUN"] = 0  // running with offline critical sensors would be RED-2
        rig.run(seconds: 10)
        rig.silent = Set(TestPlant.points.map(\.code))
        rig.run(minutes: 7)
        let yellow = try #require(reached(rig, .yellow))
        #expect(yellow.reasons == [RiskRuleID.yellow4] && yellow.time.seconds == 360)
    }

    @Test func yellow5AlarmClearedWithoutHandling() throws {
        var rig = idle()
        rig.values["T_TEMP"] = 160
        rig.run(seconds: 5)
        rig.values["T_TEMP"] = 60
        rig.run(seconds: 60)
        #expect(reached(rig, .yellow)?.reasons == [RiskRuleID.yellow5])
        // Handled before it cleared: no YELLOW-5.
        var handled = idle()
        handled.values["T_TEMP"] = 160
        handled.run(seconds: 5)
        for alarm in handled.core.activeAlarms() {
            try handled.core.handle(alarmId: alarm.id, handler: "op", result: "ok", at: handled.time)
        }
        handled.values["T_TEMP"] = 60
        handled.run(seconds: 60)
        #expect(reached(handled, .yellow) == nil)
    }
}
