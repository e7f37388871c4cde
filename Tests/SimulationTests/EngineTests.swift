import PlantModel
import Scenario
import SimCore
import Simulation
import Testing

@Suite struct EngineTests {
    func run(_ spec: ScenarioSpec, plants: [PlantConfig] = [Fixtures.plant()], seed: UInt64? = nil) -> MemoryTrace {
        var engine = Engine(spec: spec, plantConfigs: plants, seed: seed, catalogue: Fixtures.catalogue)
        var trace = MemoryTrace()
        engine.run(into: &trace)
        return trace
    }

    func values(_ trace: MemoryTrace, point: Int) -> [Double] {
        trace.samples.filter { $0.point == point }.map(\.value)
    }

    @Test func samplesEachPointAtItsPeriodIncludingBothEnds() {
        let trace = run(Fixtures.scenario(duration: .minutes(1), timeline: []))
        // 1 s level: t = 0…60 → 61 samples; 5 s valve: 13 samples.
        #expect(trace.samples.filter { $0.point == 0 }.count == 61)
        #expect(trace.samples.filter { $0.point == 1 }.count == 13)
        #expect(trace.samples.map(\.time) == trace.samples.map(\.time).sorted())
    }

    @Test func sameSeedIsIdenticalAndAnotherSeedChangesOnlyTheNoise() {
        let pumpTrip = Fixtures.step("trip", at: 30, .equipmentFault(.pumpTrip(pump: .mouldWater)))
        let spec = Fixtures.scenario(timeline: [pumpTrip])
        let a = run(spec), b = run(spec), c = run(spec, seed: 8)
        #expect(a.samples == b.samples)
        #expect(a.events == b.events)
        #expect(values(a, point: 0) != values(c, point: 0))
        // The story is the same: the interlock trips in both, at nearly the same time.
        let tripA = a.events.first { $0.kind == .interlockTripped }
        let tripC = c.events.first { $0.kind == .interlockTripped }
        #expect(tripA != nil && tripC != nil)
        if let tripA, let tripC { #expect(abs((tripA.time - tripC.time).seconds) < 2) }
    }

    @Test func equipmentFaultDrivesThePhysicsAndTheInterlock() throws {
        let spec = Fixtures.scenario(timeline: [Fixtures.step("trip", at: 10, .equipmentFault(.pumpTrip(pump: .mouldWater)))])
        let trace = run(spec)
        let trip = try #require(trace.events.first { $0.kind == .interlockTripped })
        #expect(trip.name == "lowLevel")
        // Level rises 1 %/s from 50 to 60 by t = 10 s, then falls 2 %/s: LL (20) is crossed at about 30 s.
        #expect(abs(trip.time.seconds - 30) < 1.5)
        let valveAfter = trace.samples.filter { $0.point == 1 && $0.time > trip.time }
        #expect(!valveAfter.isEmpty && valveAfter.allSatisfy { $0.value == 1 })
        let injected = try #require(trace.events.first { $0.kind == .faultInjected })
        #expect(injected.step == "trip" && injected.time.seconds == 10 && injected.equipment == "T1")
    }

    @Test func faultWithDurationEndsOnTimeAndClearEndsEarly() throws {
        let timed = run(Fixtures.scenario(timeline: [
            Fixtures.step("trip", at: 10, .equipmentFault(.pumpTrip(pump: .mouldWater)), duration: .seconds(5))
        ]))
        let cleared = try #require(timed.events.first { $0.kind == .faultCleared })
        #expect(cleared.time.seconds == 15)
        #expect(!timed.events.contains { $0.kind == .interlockTripped })

        let manual = run(Fixtures.scenario(timeline: [
            Fixtures.step("trip", at: 10, .equipmentFault(.pumpTrip(pump: .mouldWater)), duration: .seconds(60)),
            Fixtures.step("fix", at: 12, .clear(step: "trip")),
        ]))
        let ends = manual.events.filter { $0.kind == .faultCleared }
        #expect(ends.count == 1)
        #expect(ends.first?.time.seconds == 12)
        #expect(ends.first?.detail == "cleared by fix")
    }

    @Test func bypassedInterlockIsRecordedAsFailed() {
        let trace = run(Fixtures.scenario(timeline: [
            Fixtures.step(at: 1, .equipmentFault(.interlockBypassed(interlock: "lowLevel"))),
            Fixtures.step(at: 10, .equipmentFault(.pumpTrip(pump: .mouldWater))),
        ]))
        #expect(trace.events.contains { $0.kind == .interlockFailed && $0.name == "lowLevel" })
        #expect(!trace.events.contains { $0.kind == .interlockTripped })
    }

    @Test func operationsReachOnlyTheNamedEquipment() {
        let spec = Fixtures.scenario(timeline: [
            Fixtures.step(at: 5, .operation(.startCast(speedMmPerMin: 80)), equipment: "T2")
        ])
        let trace = run(spec, plants: [Fixtures.plant(tanks: ["T1", "T2"])])
        let applied = trace.events.filter { $0.kind == .operationApplied }
        #expect(applied.map(\.equipment) == ["T2"])
        #expect(trace.events.contains { $0.kind == .stateChanged && $0.equipment == "T2" && $0.name == "castStarted" })
    }

    @Test func severalPlantsRunSideBySideAndStepsCanAddressOne() {
        let plants = [Fixtures.plant(code: "A"), Fixtures.plant(code: "B")]
        let trace = run(
            Fixtures.scenario(timeline: [Fixtures.step(at: 10, .equipmentFault(.pumpTrip(pump: .mouldWater)), plant: "B")]),
            plants: plants)
        let trips = trace.events.filter { $0.kind == .interlockTripped }
        #expect(trips.map(\.plant) == ["B"])
        #expect(Set(trace.samples.map(\.plant)) == [0, 1])
    }
}
