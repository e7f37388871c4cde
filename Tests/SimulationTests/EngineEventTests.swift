import PlantModel
import Scenario
import SimCore
import Simulation
import Testing

@Suite struct EngineEventTests {
    func run(_ timeline: [TimelineStep], plants: [PlantConfig] = [Fixtures.plant()]) -> MemoryTrace {
        var engine = Engine(spec: Fixtures.scenario(timeline: timeline), plantConfigs: plants, catalogue: Fixtures.catalogue)
        var trace = MemoryTrace()
        engine.run(into: &trace)
        return trace
    }

    @Test func aPlatformStepCarriesItsActionTypedAndKeepsItsPublicWording() throws {
        let trace = run([Fixtures.step("off", at: 5, .platform(.pointDisabled(point: "T1_LVL", true)))])
        let event = try #require(trace.events.first { $0.kind == .platformAction })
        #expect(event.payload == .platform(.pointDisabled(point: "T1_LVL", true)))
        #expect(event.name == "disablePoint" && event.detail == "T1_LVL" && event.step == "off")
    }

    @Test func aPlantReactionCarriesThePlantEventAndATimelineStepItsWording() throws {
        let trace = run([Fixtures.step("trip", at: 10, .equipmentFault(.pumpTrip(pump: .mouldWater)))])
        let fault = try #require(trace.events.first { $0.kind == .faultInjected })
        #expect(fault.payload == .step(.init(kind: .faultInjected, name: "pumpTrip", detail: "pump=mouldWater")))
        let trip = try #require(trace.events.first { $0.kind == .interlockTripped })
        guard case .plant(let plantEvent) = trip.payload else { Issue.record("not a plant event"); return }
        #expect(plantEvent.name == "lowLevel" && trip.name == "lowLevel" && trip.equipment == "T1")
    }

    @Test func aMaintenanceStepGoesOnlyToThePlantsThatHaveTheUnitUnlessNoneHasIt() {
        let plants = [Fixtures.plant(code: "A", tanks: ["T1"]), Fixtures.plant(code: "B", tanks: ["T2"])]
        let known = run([Fixtures.step("m", at: 5, .platform(.maintenance(true)), equipment: "T2")], plants: plants)
        #expect(known.events.filter { $0.kind == .platformAction }.map(\.plant) == ["B"])
        let unknown = run([Fixtures.step("m", at: 5, .platform(.maintenance(true)), equipment: "T9")], plants: plants)
        #expect(unknown.events.filter { $0.kind == .platformAction }.map(\.plant) == ["A", "B"])
        #expect(unknown.events.filter { $0.kind == .platformAction }.allSatisfy { $0.equipment == "T9" })
    }
}
