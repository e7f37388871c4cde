import PlantModel
import Reference
import SimCore
import Testing

@Suite struct LifecycleTests {
    @Test func raisedHandledClearedWithDurationsAndEventsInOrder() throws {
        var rig = Rig()
        rig.run(seconds: 5)
        rig.values["T_TEMP"] = 190
        rig.run(seconds: 10)
        let alarm = try #require(rig.alarms("T_TEMP", .hh).first)
        #expect(alarm.raisedAt.seconds == 8 && !alarm.isHandled)
        let handled = try rig.core.handle(alarmId: alarm.id, handler: "张三", result: "减负荷", at: rig.time)
        #expect(handled.handler == "张三" && handled.result == "减负荷" && handled.timeToHandle?.seconds == 7)
        #expect(throws: ReferenceError.self) {
            try rig.core.handle(alarmId: alarm.id, handler: "李四", result: "again", at: rig.time)
        }
        #expect(throws: ReferenceError.self) { try rig.core.handle(alarmId: "nope", handler: "x", result: "y", at: rig.time) }
        rig.values["T_TEMP"] = 60
        rig.run(seconds: 2)
        let done = try #require(rig.core.alarm(id: alarm.id))
        #expect(done.clearedAt?.seconds == 15 && done.timeToClear?.seconds == 7)
        #expect(done.activeDuration(at: rig.time).seconds == 7)
        let lifecycle = rig.core.events.filter { $0.alarm?.id == alarm.id }
        #expect(lifecycle.map { event -> String in
            switch event {
            case .alarmRaised: "raised"
            case .alarmHandled: "handled"
            case .alarmCleared: "cleared"
            case .gradeChanged, .interlockActed: "other"
            }
        } == ["raised", "handled", "cleared"])
        let times = rig.core.events.map(\.time)
        #expect(times == times.sorted())
    }

    @Test func disabledPointsAndUnitsInMaintenanceAreLoggedButExcluded() throws {
        var rules = TestPlant.rules()
        rules.exclusions.disabledPoints = [.init(enterprise: TestPlant.code, name: "T_CO")]
        var rig = Rig(rules: rules)
        rig.values["T_CO"] = 300
        rig.run(minutes: 7)
        let co = rig.alarms("T_CO")
        #expect(co.count == 2 && co.allSatisfy(\.excluded))
        #expect(rig.grade?.grade == .blue, "an excluded CO HH does not give RED-4")
        try rig.core.setMaintenance(enterprise: TestPlant.code, equipment: "T1", true)
        rig.values["T_FLT"] = 1
        rig.run(seconds: 90)
        #expect(rig.alarms("T_FLT").first?.excluded == true)
        #expect(rig.grade?.grade == .blue, "casting with a faulted gate is not counted in maintenance")
        #expect(rig.core.onlineRate(of: TestPlant.code) == 1)
        try rig.core.setMaintenance(enterprise: TestPlant.code, equipment: "T1", false)
        rig.values["T_FLT"] = 0
        rig.tick()
        rig.values["T_FLT"] = 1
        rig.run(seconds: 61)
        #expect(rig.alarms("T_FLT").last?.excluded == false)
        #expect(rig.grade?.grade == .red)
    }
}
