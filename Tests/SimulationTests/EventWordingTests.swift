import PlantModel
import Scenario
import Simulation
import Testing

@Suite struct EventWordingTests {
    @Test func operationsAndFaultsUseTheirScenarioFileNamesNeverSwiftTypePaths() {
        #expect(EventWording.name(Operation.startCast(speedMmPerMin: 80)) == "startCast")
        #expect(EventWording.parameters(Operation.startCast(speedMmPerMin: 80)) == "speedMmPerMin=80")
        #expect(EventWording.name(Operation.startBlow) == "startBlow")
        #expect(EventWording.parameters(Operation.startBlow) == "")
        #expect(EventWording.parameters(Operation.setCastMode(.manual)) == "manual")
        #expect(EventWording.parameters(EquipmentFault.pumpTrip(pump: .mouldWater)) == "pump=mouldWater")
        #expect(EventWording.parameters(EquipmentFault.coLeak(location: "CO_TUY", ppm: 300, rampS: 60.5))
            == "location=CO_TUY ppm=300 rampS=60.5")
        #expect(EventWording.describe(EquipmentFault.powerLoss) == "powerLoss")
        #expect(EventWording.parameters(SensorFault.drift(perMin: 0.5)) == "perMin=0.5")
        #expect(EventWording.parameters(NetworkFault.latency(delayMs: 250)) == "delayMs=250")
        #expect(!EventWording.describe(EquipmentFault.valveStuck(valve: .quickCutOff)).contains("PlantModel."))
    }
}
