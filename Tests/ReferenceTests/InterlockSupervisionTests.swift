import PlantModel
import Reference
import SimCore
import Testing

@Suite struct InterlockSupervisionTests {
    /// T_LVL falls below LL at t = 10 s; the plant acts after `actAfter` seconds (nil: bypassed).
    func trip(actAfter: Int?, running: Bool = true, rules: ReferenceRules = TestPlant.rules()) -> Rig {
        var rig = Rig(rules: rules)
        rig.values["T_RUN"] = running ? 1 : 0
        rig.run(seconds: 10)
        rig.values["T_LVL"] = 5
        for second in 0..<40 {
            if let actAfter, second == actAfter {
                rig.values["T_VLV"] = 1
                rig.values["T_POS"] = 5  // a third of the way from 1.5 to 12: counts as moving there
            }
            rig.tick()
        }
        return rig
    }

    @Test func interlockThatActsRaisesNothing() {
        let rig = trip(actAfter: 3)
        #expect(rig.alarms("T_LVL", .interlock).isEmpty)
        #expect(rig.alarms("T_LVL", .ll).count == 1)
    }

    @Test func interlockActingLateOrNeverRaisesInterlockAtTheDeadline() throws {
        let bypassed = trip(actAfter: nil)
        let alarm = try #require(bypassed.alarms("T_LVL", .interlock).first)
        #expect(alarm.kind == "lowLevel" && alarm.critical && alarm.category == .hazard)
        #expect(alarm.raisedAt.seconds == 22, "LL at 10 s + delay 2 s + grace 10 s")
        #expect(alarm.message.contains("T_VLV=1.0") && alarm.message.contains("T_POS=12.0"))
        #expect(alarm.isActive)
        let late = trip(actAfter: 20)
        let lateAlarm = try #require(late.alarms("T_LVL", .interlock).first)
        #expect(lateAlarm.clearedAt?.seconds == 30, "cleared once the results are reached")
    }

    @Test func outsideItsActiveWindowTheInterlockIsNotSupervised() {
        #expect(trip(actAfter: nil, running: false).alarms("T_LVL", .interlock).isEmpty)
    }

    @Test func supervisionCanBeDisabledById() {
        let rules = TestPlant.rules { $0.disabledRules.insert("INTERLOCK-supervision") }
        #expect(trip(actAfter: nil, rules: rules).alarms("T_LVL", .interlock).isEmpty)
    }

    @Test func aTriggerShorterThanTheInterlockDelayIsNotSupervised() {
        var rig = Rig()
        rig.run(seconds: 10)
        rig.values["T_LVL"] = 5
        rig.tick()  // 1 s below LL, delay is 2 s
        rig.values["T_LVL"] = 50
        rig.run(seconds: 30)
        #expect(rig.alarms("T_LVL", .interlock).isEmpty)
    }
}
