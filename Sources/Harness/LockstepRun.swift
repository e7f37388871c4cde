import Conformance
import PlantModel
import Reference
import Scenario
import SimCore
import Simulation

/// What a lockstep run produced: the history the checker judges, the plot series, and figures.
public struct LockstepResult: Sendable {
    public var history: [HistoryRecord]
    public var series: SeriesRecorder
    public var samples: Int
    public var end: SimInstant
}

/// Runs a scenario's engine in lockstep with the reference platform's core: no wall clock, no
/// transport. Every sample goes straight into the core; after every engine tick the core's timers
/// run to the same plant time and its events become the target's side of the history.
///
/// Protocol and network faults act on the way readings reach the platform (`LockstepTransport`);
/// realtime and accelerated runs apply them to real sockets instead.
public enum LockstepRun {
    public static func run(_ scenario: LoadedScenario, rules: ReferenceRules, seed: UInt64? = nil,
                           receivedEvery: SimDuration = .seconds(10), plotBuckets: Int = 400) -> LockstepResult {
        var none = NoTrace()
        return run(scenario, rules: rules, seed: seed, receivedEvery: receivedEvery, plotBuckets: plotBuckets,
                   tee: &none)
    }

    /// The same, also handing every sample and engine event to `tee` (e.g. a trace file writer).
    public static func run<Tee: TraceSink>(_ scenario: LoadedScenario, rules: ReferenceRules, seed: UInt64? = nil,
                                           receivedEvery: SimDuration = .seconds(10), plotBuckets: Int = 400,
                                           tee: inout Tee) -> LockstepResult {
        var engine = Engine(scenario: scenario, seed: seed)
        let plants = engine.plants
        var sink = LockstepSink(
            tee: tee, transport: LockstepTransport(scenario: scenario, plants: plants),
            core: ReferenceCore(plants: scenario.plants.map { ReferencePlant(config: $0) }, rules: rules),
            codes: plants.map(\.enterprise.code),
            counts: plants.map { Array(repeating: 0, count: $0.points.count) },
            series: HistoryMapping.seriesRecorder(plants, duration: scenario.spec.duration, buckets: plotBuckets))
        sink.history = HistoryMapping.plantRecords(plants)
        var nextReceived = SimInstant.start + receivedEvery
        while !engine.isFinished {
            let now = engine.now
            engine.tick(into: &sink)
            sink.releaseDue(at: now)
            sink.core.advance(to: now)
            sink.drainCore()
            if now >= nextReceived {
                sink.flushCounts(at: now)
                nextReceived = now + receivedEvery
            }
        }
        sink.flushCounts(at: engine.now)
        sink.history.append(.end(at: engine.now))
        if let back = sink.tee as? Tee { tee = back }
        return LockstepResult(history: sink.history, series: sink.series, samples: sink.samples, end: engine.now)
    }
}

/// The engine's sink in a lockstep run: feeds the core, counts what it received, keeps plot data,
/// and turns engine events into history records.
/// Not generic on purpose: unspecialised generic code reached the core through copies of it.
struct LockstepSink: TraceSink {
    var tee: any TraceSink
    var transport: LockstepTransport
    var delivered: [Sample] = []
    var core: ReferenceCore
    let codes: [String]
    var counts: [[Int]]
    var series: SeriesRecorder
    var history: [HistoryRecord] = []
    var samples = 0

    mutating func record(_ sample: Sample) {
        tee.record(sample)
        samples += 1
        if sample.quality != .offline {
            series.record(plant: sample.plant, point: sample.point, timeMs: sample.time.milliseconds, value: sample.value)
        }
        if transport.isTransparent { return deliver(sample) }
        transport.pass(sample, into: &delivered)
        deliverBuffered()
    }

    /// Backfilled and delayed readings whose time has come.
    mutating func releaseDue(at time: SimInstant) {
        guard !transport.isTransparent else { return }
        transport.release(at: time, into: &delivered)
        deliverBuffered()
    }

    mutating func deliverBuffered() {
        guard !delivered.isEmpty else { return }
        for sample in delivered { deliver(sample) }
        delivered.removeAll(keepingCapacity: true)
    }

    /// What the platform receives: ingested, and counted when it carries a reading.
    mutating func deliver(_ sample: Sample) {
        core.ingest(enterprise: sample.plant, point: sample.point, time: sample.time, value: sample.value,
                    quality: sample.quality)
        if sample.quality != .offline { counts[sample.plant][sample.point] += 1 }
    }

    mutating func record(_ event: EngineEvent) {
        tee.record(event)
        history.append(HistoryMapping.record(event))
        if event.kind == .platformAction { applyPlatformAction(event) }
    }

    /// A `platform:` step: the enterprise's setting made on the reference platform.
    mutating func applyPlatformAction(_ event: EngineEvent) {
        switch event.name {
        case "maintenance", "endMaintenance":
            guard let unit = event.equipment else { return }
            try? core.setMaintenance(enterprise: event.plant, equipment: unit, event.name == "maintenance")
        default:
            try? core.setPointDisabled(enterprise: event.plant, point: event.detail, event.name == "disablePoint")
        }
    }

    mutating func drainCore() {
        guard !core.events.isEmpty else { return }
        for event in core.drainEvents() { history.append(HistoryMapping.record(event)) }
    }

    mutating func flushCounts(at time: SimInstant) {
        for plant in codes.indices {
            history.append(.received(at: time, enterprise: codes[plant], counts: counts[plant]))
            for i in counts[plant].indices { counts[plant][i] = 0 }
        }
    }
}

/// A sink that keeps nothing.
public struct NoTrace: TraceSink {
    public init() {}
    public mutating func record(_ sample: Sample) {}
    public mutating func record(_ event: EngineEvent) {}
}
