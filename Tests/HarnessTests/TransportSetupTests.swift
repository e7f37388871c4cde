import Conformance
import Harness
import ModbusMap
import PlantModel
import Scenario
import Testing

@Suite struct TransportSetupTests {
    @Test func aRegisterMapThatDoesNotGenerateIsAnErrorRecordNotSilence() throws {
        var scenario = try Library.scenario("Scenarios/aluminium/AL-01-mould-water-loss.yaml")
        scenario.modbusLayouts[0].overrides["MW_Q_IN"] = RegisterOverride(scale: 0)
        let transport = LockstepTransport(scenario: scenario, plants: scenario.plants.map { Plant(config: $0) })
        #expect(transport.setupErrors.count == 1)
        #expect(transport.setupErrors.first?.contains("scale must not be 0") == true)
        scenario.spec.duration = .seconds(20)
        let history = LockstepRun.run(scenario, rules: try Library.rules()).history
        #expect(history.contains { $0.type == .error && $0.message?.hasPrefix("no register map for ") == true })
    }
}
