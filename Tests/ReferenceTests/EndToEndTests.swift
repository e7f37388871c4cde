import PlantModel
import Reference
import struct Scenario.LoadedScenario
import struct Scenario.ScenarioSpec
import enum Scenario.StepAction
import struct Scenario.TimelineStep
import SimCore
import Simulation
import Testing

/// Shipped scenarios run through the engine with the core in lockstep (the core sees samples only).
@Suite struct EndToEndTests {
    func time(_ spec: ScenarioSpec, step name: String) throws -> SimInstant {
        try #require(spec.timeline.first { $0.name == name }).time
    }

    @Test func al01MouldWaterLoss() throws {
        let loaded = try Shipped.scenario("Scenarios/aluminium/AL-01-mould-water-loss.yaml")
        let feed = Shipped.run(loaded.spec, plants: loaded.plants)
        let trip = try time(loaded.spec, step: "pump_trip")
        let core = feed.core
        let code = loaded.plants[0].enterprise.code
        let ll = try #require(core.alarms(enterprise: code, point: "MW_Q_IN", level: .ll).first)
        #expect(ll.raisedAt > trip && ll.raisedAt - trip <= .seconds(10))
        #expect(core.alarms(category: .hazard).allSatisfy { $0.raisedAt >= trip }, "no hazard alarm before the trip")
        #expect(core.alarms(level: .interlock).isEmpty, "the plant's interlock acts")
        #expect(feed.events.contains { $0.kind == .interlockTripped && $0.name == "mouldWaterLow" })
        #expect(core.alarms(category: .instrument).isEmpty)
        // The interlock's cut-off empties the launder: its L/LL stay open (the line is stopped but the
        // levels are genuinely low), and the trip's burst counts 10+ critical alarms within a minute.
        let history = core.gradeHistory(of: code)
        #expect(history.first?.to == .blue, "one casting line, no gas holder: floor blue")
        let orange = try #require(history.first { $0.to >= .orange })
        #expect(orange.time > trip && orange.time - trip <= .minutes(15))
        #expect(orange.time == trip + .minutes(1) && orange.reasons == [RiskRuleID.orange5])
        #expect(!history.contains { $0.to == .red })
        #expect(core.grade(of: code)?.grade == .orange)
        #expect(core.grade(of: code)?.reasons.contains(RiskRuleID.orange1) == true, "launder LL open > 10 min")
    }

    @Test func st01LanceWaterLeak() throws {
        let loaded = try Shipped.scenario("Scenarios/steel/ST-01-lance-water-leak.yaml")
        let feed = Shipped.run(loaded.spec, plants: loaded.plants)
        let leak = try time(loaded.spec, step: "leak")
        let core = feed.core
        let code = loaded.plants[0].enterprise.code
        let hh = try #require(core.alarms(enterprise: code, point: "BOF1_LNC_DQ", level: .hh).first)
        #expect(hh.raisedAt > leak && hh.raisedAt - leak <= .seconds(30))
        #expect(core.alarms(category: .hazard).allSatisfy { $0.raisedAt >= leak }, "no hazard alarm before the leak")
        #expect(core.alarms(level: .interlock).isEmpty, "the lance lifts and the oxygen closes")
        #expect(core.alarms(category: .instrument).isEmpty)
        #expect(feed.events.contains { $0.kind == .interlockTripped && $0.name == "lanceWaterLeak" })
        // Floor yellow (gas holder, BF 1080 m³ > 1000); the leak goes on, so the HH stays open: orange
        // once it is 10 minutes old.
        let history = core.gradeHistory(of: code)
        #expect(history.first?.to == .yellow)
        #expect(history.first?.reasons == [RiskRuleID.floorBlastFurnace, RiskRuleID.floorGasHolder])
        let orange = try #require(history.first { $0.to == .orange })
        #expect(orange.reasons == [RiskRuleID.orange1])
        #expect(orange.time == SimInstant(milliseconds: 17 * 60_000), "HH at 6m15s + 10 min → the 17m evaluation")
        #expect(!history.contains { $0.to == .red })
    }
}

/// AL-01 variants: the same trip with the interlock bypassed, and with a faulty flow sensor.
@Suite struct EndToEndVariantTests {
    func variant(_ extra: [(SimInstant, StepAction)]) throws -> (LoadedScenario, LockstepFeed) {
        var loaded = try Shipped.scenario("Scenarios/aluminium/AL-01-mould-water-loss.yaml")
        let template = loaded.spec.timeline[0]
        for (time, action) in extra {
            var step = template
            step.name = nil
            step.time = time
            step.action = action
            step.equipment = nil
            loaded.spec.timeline.append(step)
        }
        loaded.spec.timeline.sort { $0.time < $1.time }
        return (loaded, Shipped.run(loaded.spec, plants: loaded.plants))
    }

    @Test func bypassedInterlockRaisesInterlockAndRed() throws {
        let (loaded, feed) = try variant([(.init(milliseconds: 600_000), .equipmentFault(.interlockBypassed(interlock: "mouldWaterLow")))])
        let code = loaded.plants[0].enterprise.code
        #expect(feed.events.contains { $0.kind == .interlockFailed })
        let ll = try #require(feed.core.alarms(enterprise: code, point: "MW_Q_IN", level: .ll).first)
        let interlock = try #require(feed.core.alarms(level: .interlock).first)
        #expect(interlock.kind == "mouldWaterLow" && interlock.raisedAt - ll.raisedAt <= .seconds(12))
        let red = try #require(feed.core.gradeHistory(of: code).first { $0.to == .red })
        #expect(red.reasons.contains(RiskRuleID.red1) && red.time - interlock.raisedAt <= .seconds(60))
    }

    @Test func stuckFlowSensorGivesAnInstrumentAlarmNotAHazard() throws {
        let (loaded, feed) = try variant([(.init(milliseconds: 300_000), .sensorFault(point: "MW_Q_IN", .stuck))])
        let code = loaded.plants[0].enterprise.code
        let alarms = feed.core.alarms(enterprise: code, point: "MW_Q_IN")
        #expect(alarms.first?.kind == "frozen" && alarms.first?.category == .instrument)
        #expect(!alarms.contains { $0.category == .hazard }, "the stuck sensor hides the trip from MW_Q_IN")
        // MW_P_IN still sees the trip, and the plant's interlock (on its own true values) still acts.
        #expect(!feed.core.alarms(enterprise: code, point: "MW_P_IN", level: .ll).isEmpty)
    }
}

/// Two hours of normal operation with no fault: the models must not make the platform alarm.
@Suite struct SteadyRunTests {
    func steady(_ relative: String, operations: [(String, Double, Operation)]) throws -> LockstepFeed {
        var loaded = try Shipped.scenario(relative)
        loaded.spec.duration = .hours(2)
        // 1 s physics steps (samples are 1 s or slower anyway): a tenth of the engine's work.
        loaded.spec.step = .seconds(1)
        let template = loaded.spec.timeline[0]
        loaded.spec.timeline = operations.map { name, seconds, operation in
            var step = template
            step.name = name
            step.time = SimInstant(milliseconds: Int64(seconds * 1000))
            step.action = .operation(operation)
            step.duration = nil
            return step
        }
        return Shipped.run(loaded.spec, plants: loaded.plants)
    }

    @Test func aluminiumLineCastsForTwoHoursWithoutAHazardAlarm() throws {
        let feed = try steady("Scenarios/aluminium/AL-01-mould-water-loss.yaml",
                              operations: [("cast", 60, .startCast(speedMmPerMin: 90))])
        let hazard = feed.core.alarms(category: .hazard)
        #expect(hazard.isEmpty, "false alarms: \(hazard.map(\.id))")
        #expect(feed.core.alarms(category: .instrument).isEmpty,
                "instrument: \(feed.core.alarms(category: .instrument).map(\.id))")
    }

    @Test func steelWorksBlowsForTwoHoursWithoutAHazardAlarm() throws {
        let feed = try steady("Scenarios/steel/ST-01-lance-water-leak.yaml",
                              operations: [("lower", 60, .lowerLance), ("blow", 90, .startBlow)])
        let hazard = feed.core.alarms(category: .hazard)
        #expect(hazard.isEmpty, "false alarms: \(hazard.map(\.id))")
        #expect(feed.core.alarms(category: .instrument).isEmpty,
                "instrument: \(feed.core.alarms(category: .instrument).map(\.id))")
    }
}
