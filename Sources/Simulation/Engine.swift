import PlantModel
import Scenario
import SimCore

/// The deterministic engine: a fixed-step run of the scenario's plants and timeline on a virtual
/// clock. Same scenario, plants and seed give the same samples and events, bit for bit.
///
/// Each tick at time t: due timeline actions apply (in file order), the physics advances by one
/// step (ending at t), then every point whose sampling time has come is measured (true value +
/// seeded noise, clamped to the instrument range, then sensor faults) and recorded.
public struct Engine: Sendable {
    public let spec: ScenarioSpec
    public let seed: UInt64
    public internal(set) var plants: [Plant]
    public internal(set) var clock = VirtualClock()
    /// Last measured value and quality of every point, per plant (what a gateway would serve).
    public private(set) var latestValues: [[Double]]
    public private(set) var latestQuality: [[Quality]]

    var equipmentRngs: [[SeededRandom]]
    var noiseRngs: [SeededRandom]
    var faultRngs: [SeededRandom]
    var overlays: [SensorOverlay]
    var trueValues: [[Double]]
    var nextDueMs: [[Int64]]
    /// Per plant, per point: what measuring needs, flattened out of `PointSpec` (no strings
    /// copied on the hot path). Noise sigma is 0 for non-analog points.
    let measuring: [[PointMeasuring]]
    /// Per plant: the earliest next sampling time of any point.
    var earliestDueMs: [Int64]
    var nextTimelineIndex = 0
    /// Faults with a `duration`, ordered by end time: (end, timeline index).
    var pendingEnds: [(end: SimInstant, step: Int)] = []
    /// Timeline index → where an equipment fault was injected (plant index, equipment indices).
    var injected: [Int: [(plant: Int, equipment: [Int])]] = [:]
    /// Timeline index → where a sensor fault was started (plant index, point index).
    var sensorFaulted: [Int: [(plant: Int, point: Int)]] = [:]
    /// Timeline indices of protocol faults still active (the slave applies them; the engine logs them).
    var protocolFaulted: Set<Int> = []
    var plantEvents: [PlantEvent] = []
    private var finished = false

    /// - Parameters:
    ///   - seed: overrides the scenario's seed (the run's identity).
    public init(
        spec: ScenarioSpec, plantConfigs: [PlantConfig], seed: UInt64? = nil,
        catalogue: [EquipmentType] = EquipmentCatalogue.all
    ) {
        self.spec = spec
        self.seed = seed ?? spec.seed
        let root = SeededRandom(seed: self.seed)
        plants = plantConfigs.map { Plant(config: $0, catalogue: catalogue) }
        equipmentRngs = plants.map { plant in
            let stream = root.fork(label: "plant/\(plant.enterprise.code)")
            return plant.equipment.map { stream.fork(label: "equipment/\($0.id)") }
        }
        noiseRngs = plants.map { root.fork(label: "plant/\($0.enterprise.code)").fork(label: "noise") }
        faultRngs = plants.map { root.fork(label: "plant/\($0.enterprise.code)").fork(label: "sensor-faults") }
        overlays = plants.map { SensorOverlay(pointCount: $0.points.count) }
        trueValues = plants.map { Array(repeating: 0, count: $0.points.count) }
        latestValues = plants.map { Array(repeating: .nan, count: $0.points.count) }
        latestQuality = plants.map { Array(repeating: .offline, count: $0.points.count) }
        nextDueMs = plants.map { Array(repeating: 0, count: $0.points.count) }
        measuring = plants.map { plant in
            plant.points.map {
                PointMeasuring(
                    noiseSigma: $0.kind == .analog ? $0.noiseSigma : 0, rangeMin: $0.rangeMin, rangeMax: $0.rangeMax,
                    periodMs: max(1, $0.samplePeriod.milliseconds))
            }
        }
        earliestDueMs = plants.map { _ in 0 }
    }

    public init(scenario: LoadedScenario, seed: UInt64? = nil, catalogue: [EquipmentType] = EquipmentCatalogue.all) {
        self.init(spec: scenario.spec, plantConfigs: scenario.plants, seed: seed, catalogue: catalogue)
    }

    public var now: SimInstant { clock.now }
    public var end: SimInstant { SimInstant.start + spec.duration }
    public var isFinished: Bool { finished }

    /// Processes the tick at `now`, then advances the clock by one step.
    public mutating func tick<Sink: TraceSink>(into sink: inout Sink) {
        guard !finished else { return }
        let time = clock.now
        applyDueActions(at: time, into: &sink)
        if time > .start { stepPhysics(at: time, into: &sink) }
        sampleDuePoints(at: time, into: &sink)
        if time >= end {
            finished = true
        } else {
            clock.advance(by: spec.step)
        }
    }

    /// Runs to the scenario's end.
    public mutating func run<Sink: TraceSink>(into sink: inout Sink) {
        while !finished { tick(into: &sink) }
    }

    /// Runs every tick whose time is ≤ `limit` (lockstep with another component).
    public mutating func run<Sink: TraceSink>(until limit: SimInstant, into sink: inout Sink) {
        while !finished && clock.now <= limit { tick(into: &sink) }
    }

    mutating func stepPhysics<Sink: TraceSink>(at time: SimInstant, into sink: inout Sink) {
        let dt = spec.step.seconds
        for index in plants.indices {
            plants[index].step(now: time, dt: dt, rngs: &equipmentRngs[index], events: &plantEvents)
            if !plantEvents.isEmpty { flushPlantEvents(plant: index, into: &sink) }
        }
    }

    mutating func flushPlantEvents<Sink: TraceSink>(plant: Int, into sink: inout Sink) {
        guard !plantEvents.isEmpty else { return }
        let code = plants[plant].enterprise.code
        for event in plantEvents { sink.record(EngineEvent(event, plant: code)) }
        plantEvents.removeAll(keepingCapacity: true)
    }

    mutating func sampleDuePoints<Sink: TraceSink>(at time: SimInstant, into sink: inout Sink) {
        let nowMs = time.milliseconds
        for plant in plants.indices where earliestDueMs[plant] <= nowMs {
            // Take the per-plant rows out while sampling, so each write is a plain array store.
            var truth = trueValues[plant], due = nextDueMs[plant]
            var values = latestValues[plant], qualities = latestQuality[plant]
            var noise = noiseRngs[plant]
            trueValues[plant] = []
            writeTrueValues(plant: plant, into: &truth)
            nextDueMs[plant] = []
            latestValues[plant] = []
            latestQuality[plant] = []
            let anyFaults = overlays[plant].faultedPoints > 0
            var earliest = Int64.max
            measuring[plant].withUnsafeBufferPointer { specs in
                for point in 0..<specs.count {
                    if due[point] <= nowMs {
                        let spec = specs[point]
                        var value = truth[point]
                        if spec.noiseSigma > 0 { value += spec.noiseSigma * noise.nextNoise() }
                        value = min(max(value, spec.rangeMin), spec.rangeMax)
                        var quality = Quality.good
                        if anyFaults && overlays[plant].hasFaults(point) {
                            (value, quality) = overlays[plant].apply(
                                point: point, value: value, now: time, rng: &faultRngs[plant])
                        }
                        values[point] = value
                        qualities[point] = quality
                        sink.record(Sample(time: time, plant: plant, point: point, value: value, quality: quality))
                        due[point] = (nowMs / spec.periodMs + 1) * spec.periodMs
                    }
                    earliest = min(earliest, due[point])
                }
            }
            noiseRngs[plant] = noise
            trueValues[plant] = truth
            nextDueMs[plant] = due
            latestValues[plant] = values
            latestQuality[plant] = qualities
            earliestDueMs[plant] = earliest
        }
    }

    /// Reaches the plant in place (a plain `plants[plant].write` copies the whole struct).
    mutating func writeTrueValues(plant: Int, into values: inout [Double]) {
        plants[plant].writeInPlace(into: &values)
    }

}

/// What measuring one point needs, flattened out of `PointSpec` (no strings copied on the hot
/// path): true value + seeded instrument noise, clamped to the instrument range, then faults.
struct PointMeasuring: Sendable {
    /// 0 for digital and enum points.
    var noiseSigma: Double
    var rangeMin: Double
    var rangeMax: Double
    var periodMs: Int64
}
