import Conformance
import Harness
import ModbusMap
import PlantModel
import Scenario
import SimCore
import Simulation
import Testing

/// The lockstep model of transport faults, on the shipped aluminium plant (unit 2; MW_Q_IN is a
/// float32 ABCD in holding registers 10–11, WELL_T_OUT in 14–15).
@Suite struct LockstepTransportTests {
    static func transport(_ steps: [(SimInstant, SimDuration, StepAction)]) throws -> (LockstepTransport, Plant) {
        var scenario = try Library.scenario("Scenarios/aluminium/AL-01-mould-water-loss.yaml")
        let here = SourceLocation(file: "t", line: 1, column: 1)
        scenario.spec.timeline = steps.enumerated().map { i, step in
            TimelineStep(name: "s\(i)", time: step.0, plant: nil, equipment: nil, action: step.2, duration: step.1,
                         location: here)
        }
        let plant = Plant(config: scenario.plants[0])
        return (LockstepTransport(scenario: scenario, plants: [plant]), plant)
    }

    static func sample(_ plant: Plant, _ code: String, at seconds: Double, _ value: Double) -> Sample {
        Sample(time: .start + .seconds(seconds), plant: 0, point: plant.points.firstIndex { $0.code == code }!,
               value: value, quality: .good)
    }

    @Test func outageHoldsReadingsAndBackfillsThemInOrder() throws {
        var (t, plant) = try Self.transport([(.start + .seconds(10), .seconds(30), .networkFault(.outage))])
        var out: [Sample] = []
        t.pass(Self.sample(plant, "MW_Q_IN", at: 5, 100), into: &out)
        t.pass(Self.sample(plant, "MW_Q_IN", at: 12, 101), into: &out)
        t.pass(Self.sample(plant, "MW_Q_IN", at: 13, 102), into: &out)
        #expect(out.map(\.value) == [100])
        t.release(at: .start + .seconds(39), into: &out)
        #expect(out.count == 1)
        t.release(at: .start + .seconds(40), into: &out)
        #expect(out.map(\.value) == [100, 101, 102])
        #expect(out.map(\.time.milliseconds) == [5000, 12000, 13000], "backfill keeps the readings' own timestamps")
    }

    @Test func exceptionOnThePointsRegistersLosesOnlyThatPoint() throws {
        let fault = ProtocolFault(kind: .exception(code: 4), unitId: 2, table: .holdingRegisters, addresses: 10..<12)
        var (t, plant) = try Self.transport([(.start, .minutes(1), .protocolFault(fault))])
        var out: [Sample] = []
        t.pass(Self.sample(plant, "MW_Q_IN", at: 1, 100), into: &out)
        t.pass(Self.sample(plant, "WELL_T_OUT", at: 1, 30), into: &out)
        #expect(out.map(\.value) == [30])
        t.pass(Self.sample(plant, "MW_Q_IN", at: 61, 100), into: &out)
        #expect(out.map(\.value) == [30, 100], "the fault ends after its duration")
    }

    @Test func freezeHoldsTheLastValueAndSwapGarblesIt() throws {
        let freeze = ProtocolFault(kind: .freeze, unitId: 2, table: .holdingRegisters, addresses: 14..<16)
        let swap = ProtocolFault(kind: .wordOrderSwap, unitId: 2, table: .holdingRegisters, addresses: 10..<12)
        var (t, plant) = try Self.transport([(.start + .seconds(2), .minutes(1), .protocolFault(freeze)),
                                             (.start + .seconds(2), .minutes(1), .protocolFault(swap))])
        var out: [Sample] = []
        t.pass(Self.sample(plant, "WELL_T_OUT", at: 1, 30.5), into: &out)
        t.pass(Self.sample(plant, "WELL_T_OUT", at: 3, 31.7), into: &out)
        t.pass(Self.sample(plant, "WELL_T_OUT", at: 4, 33.2), into: &out)
        #expect(out.map(\.value) == [30.5, 30.5, 30.5])
        t.pass(Self.sample(plant, "MW_Q_IN", at: 3, 110.25), into: &out)
        let registers = RegisterEncoding.encode(110.25, type: .float32, order: .ABCD)
        #expect(out.last?.value == RegisterEncoding.decode(registers, type: .float32, order: .CDAB))
        #expect(out.last?.value != 110.25)
    }

    @Test func noFaultsIsTransparent() throws {
        let (t, _) = try Self.transport([])
        #expect(t.isTransparent)
    }
}
