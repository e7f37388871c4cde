import PlantModel
import Reference
import SimCore
import Testing

@Suite struct AlarmEngineTests {
    @Test func analogLevelsEscalateKeepingBothAndClearWithDeadband() throws {
        var rig = Rig()
        rig.values["T_RUN"] = 0  // no interlock supervision here
        rig.run(seconds: 5)
        rig.values["T_LVL"] = 15
        rig.run(seconds: 5)
        let low = try #require(rig.alarms("T_LVL", .l).first)
        #expect(low.raisedAt == .init(milliseconds: 5000) && low.threshold == 20 && low.critical)
        #expect(low.id == "450100TEST-T_LVL-L-1" && low.category == .hazard)
        rig.values["T_LVL"] = 8
        rig.run(seconds: 5)
        #expect(rig.alarms("T_LVL", .ll).count == 1)
        #expect(rig.core.activeAlarms().map(\.level).sorted() == [.ll, .l], "L stays open under LL")
        rig.values["T_LVL"] = 20.5  // inside L, but not by the deadband (1 % of 100 = 1)
        rig.run(seconds: 5)
        #expect(rig.alarms("T_LVL", .ll)[0].clearedAt != nil)
        #expect(rig.alarms("T_LVL", .l)[0].isActive)
        rig.values["T_LVL"] = 21.5
        rig.run(seconds: 2)
        #expect(rig.core.activeAlarms().isEmpty)
        #expect(rig.alarms("T_LVL", .l)[0].clearedAt == .init(milliseconds: 20000))
        rig.values["T_LVL"] = 95
        rig.run(seconds: 2)
        #expect(rig.core.activeAlarms().map(\.level).sorted() == [.h, .hh])
    }

    @Test func onDelayHoldsNonCriticalAlarmsBack() {
        var rig = Rig()
        rig.run(seconds: 3)
        rig.values["T_TEMP"] = 160
        rig.run(seconds: 2)  // 2 s beyond H: below the 3 s on-delay
        rig.values["T_TEMP"] = 60
        rig.run(seconds: 3)
        #expect(rig.alarms("T_TEMP").isEmpty)
        rig.values["T_TEMP"] = 160
        rig.run(seconds: 5)
        let high = rig.alarms("T_TEMP", .h)
        #expect(high.count == 1 && high[0].raisedAt.seconds == 11, "raised 3 s after it went beyond (t = 8 s)")
    }

    @Test func noisyValueHoveringAtALimitDoesNotChatter() {
        var rig = Rig()
        rig.values["T_RUN"] = 0
        var random = SeededRandom(seed: 7)
        for _ in 0..<600 {
            rig.values["T_LVL"] = 80 + 0.3 * random.nextNoise()  // σ 0.3 around H = 80, deadband 1
            rig.tick()
        }
        #expect(rig.alarms("T_LVL", .h).count == 1)
        #expect(rig.alarms("T_LVL", .hh).isEmpty)
    }

    @Test func digitalPointsAlarmAtTheValueTheirLimitMarks() throws {
        var rig = Rig()
        rig.values["T_RUN"] = 0
        rig.values["T_FLT"] = 1
        rig.values["T_PWR"] = 0
        rig.values["T_AL"] = 1
        rig.run(seconds: 2)
        let fault = try #require(rig.alarms("T_FLT").first)
        #expect(fault.level == .di && fault.limit == .h && fault.kind == "H" && fault.message.contains("fault"))
        #expect(rig.alarms("T_PWR").first?.limit == .l)
        #expect(rig.alarms("T_AL").first?.limit == .hh)
        #expect(rig.alarms("T_AL").first?.isCriticalExtreme == true)
        rig.values["T_FLT"] = 0
        rig.run(seconds: 1)
        #expect(rig.alarms("T_FLT")[0].clearedAt?.seconds == 2)
    }

    @Test func stateRuleRaisesOnlyWhileItsConditionHolds() throws {
        var rig = Rig()
        rig.values["T_RUN"] = 0
        rig.values["T_MODE"] = 1
        rig.run(seconds: 5)
        #expect(rig.alarms("T_MODE").isEmpty, "manual while idle is fine")
        rig.values["T_RUN"] = 1
        rig.run(seconds: 3)
        let alarm = try #require(rig.alarms("T_MODE").first)
        #expect(alarm.level == .di && alarm.kind == "DI-test-manual-while-running" && alarm.limit == .h)
        #expect(alarm.message.contains("manual"))
        rig.values["T_RUN"] = 0
        rig.run(seconds: 2)
        #expect(rig.alarms("T_MODE")[0].clearedAt != nil)
    }

    @Test func rateOfChangeAlarm() throws {
        var rig = Rig(rules: TestPlant.rules { $0.rateRules.append(RateRule(id: "RATE-test", point: "T_TEMP", maxPerS: 5)) })
        for _ in 0..<20 {  // 2 units/s: below 5/s
            rig.values["T_TEMP"]! += 2
            rig.tick()
        }
        #expect(rig.alarms("T_TEMP", .rate).isEmpty)
        rig.values["T_TEMP"]! += 12
        rig.tick()
        let rate = try #require(rig.alarms("T_TEMP", .rate).first)
        #expect(rate.kind == "RATE-test" && abs(rate.value - 12) < 1e-3 && rate.threshold == 5)
        rig.run(seconds: 2)
        #expect(rig.alarms("T_TEMP", .rate)[0].clearedAt != nil)
    }

    @Test func instrumentAlarmsReplaceHazardAlarmsForAFaultySensor() throws {
        var rig = Rig(rules: TestPlant.rules { $0.quality.offlineAfter = .seconds(30) })
        rig.values["T_RUN"] = 0
        rig.run(seconds: 5)
        // Out of physical range: T_TEMP's range is 0…200 (H 150, HH 180).
        rig.values["T_TEMP"] = 250
        // Bad quality with an LL value.
        rig.values["T_LVL"] = 3
        rig.qualities["T_LVL"] = .bad
        // Offline: T_CO sends nothing.
        rig.silent.insert("T_CO")
        rig.run(seconds: 40)
        #expect(rig.alarms("T_TEMP").map(\.kind) == ["outOfRange"])
        #expect(rig.alarms("T_LVL").map(\.kind) == ["badQuality"])
        let offline = try #require(rig.alarms("T_CO").first)
        #expect(offline.level == .instrument && offline.category == .instrument && offline.kind == "offline")
        #expect(offline.raisedAt.seconds == 34, "last seen at 4 s + 30 s")
        #expect(rig.hazard.isEmpty)
        #expect(abs(rig.core.onlineRate(of: TestPlant.code)! - 8.0 / 9.0) < 1e-9)
        // Back to sound data: instrument alarms clear, hazard evaluation resumes.
        rig.silent = []
        rig.qualities = [:]
        rig.values["T_TEMP"] = 60
        rig.run(seconds: 2)
        #expect(rig.alarms("T_TEMP").first?.isActive == true, "out of range clears only after 10 s back in range")
        rig.run(seconds: 9)
        #expect(rig.core.activeAlarms().map(\.level).sorted() == [.ll, .l], "only the now-good T_LVL's LL and L")
    }

    @Test func stuckSensorIsFrozenNotAHazard() throws {
        var rig = Rig()
        rig.values["T_RUN"] = 0
        rig.steady.insert("T_LVL")
        rig.run(seconds: 61)
        let frozen = try #require(rig.alarms("T_LVL").first)
        #expect(frozen.kind == "frozen" && frozen.raisedAt.seconds == 60)
        // While frozen nothing else is evaluated on it, not even a stuck value beyond LL.
        rig.values["T_LVL"] = 5
        rig.run(seconds: 1)  // a change of value ends the frozen state …
        #expect(rig.alarms("T_LVL", .instrument)[0].clearedAt?.seconds == 61)
        #expect(rig.alarms("T_LVL", .ll).count == 1, "… and the value is then judged")
        // Other analog points (jittering) were never frozen.
        #expect(rig.core.alarms(category: .instrument).count == 1)
    }
}
