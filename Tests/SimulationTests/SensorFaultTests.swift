import PlantModel
import Scenario
import SimCore
import Simulation
import Testing

@Suite struct SensorFaultTests {
    /// Level samples (point 0) of a one-minute run with one sensor fault from t = 20 s to 40 s.
    func levelSamples(_ fault: SensorFault) -> [Sample] {
        let spec = Fixtures.scenario(duration: .minutes(1), timeline: [
            Fixtures.step("f", at: 20, .sensorFault(point: "T1_LVL", fault), duration: .seconds(20))
        ])
        var engine = Engine(spec: spec, plantConfigs: [Fixtures.plant()], catalogue: Fixtures.catalogue)
        var trace = MemoryTrace()
        engine.run(into: &trace)
        return trace.samples.filter { $0.point == 0 }
    }

    func during(_ samples: [Sample]) -> [Sample] { samples.filter { $0.time.seconds >= 20 && $0.time.seconds < 40 } }
    func outside(_ samples: [Sample]) -> [Sample] { samples.filter { $0.time.seconds < 20 || $0.time.seconds >= 40 } }

    @Test func stuckFreezesTheLastValue() {
        let samples = levelSamples(.stuck)
        let frozen = during(samples).map(\.value)
        #expect(Set(frozen).count == 1)
        #expect(frozen.first == samples.first { $0.time.seconds == 19 }?.value)
        #expect(Set(outside(samples).suffix(10).map(\.value)).count > 1)
    }

    @Test func driftGrowsWithTime() {
        let clean = levelSamples(.noise(sigma: 0))
        let drifted = levelSamples(.drift(perMin: 6))
        let at39 = { (s: [Sample]) in s.first { $0.time.seconds == 39 }!.value }
        // 19 s of drift at 6/min ≈ 1.9 units above the clean run (same seed, same noise draws).
        #expect(abs(at39(drifted) - at39(clean) - 1.9) < 0.01)
    }

    @Test func offlineHasNoValueAndOfflineQuality() {
        let samples = levelSamples(.offline)
        #expect(during(samples).allSatisfy { $0.quality == .offline && $0.value.isNaN })
        #expect(outside(samples).allSatisfy { $0.quality == .good && $0.value.isFinite })
    }

    @Test func outOfRangeAndBadQuality() {
        #expect(during(levelSamples(.outOfRange(value: -5))).allSatisfy { $0.value == -5 && $0.quality == .good })
        #expect(during(levelSamples(.badQuality)).allSatisfy { $0.quality == .bad && $0.value.isFinite })
    }

    @Test func spikeHitsOneSampleOnly() {
        let clean = levelSamples(.noise(sigma: 0))
        let spiked = levelSamples(.spike(magnitude: 30))
        let differences = zip(clean, spiked).filter { $0.value != $1.value }
        #expect(differences.count == 1)
        #expect(differences.first?.0.time.seconds == 20)
    }

    @Test func noiseFaultDoesNotShiftOtherDraws() {
        // The fault's own noise comes from a separate stream: outside the window the values match a clean run.
        let clean = levelSamples(.noise(sigma: 0))
        let noisy = levelSamples(.noise(sigma: 3))
        #expect(outside(clean).map(\.value) == outside(noisy).map(\.value))
        #expect(during(clean).map(\.value) != during(noisy).map(\.value))
    }
}
