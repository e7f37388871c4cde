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

    public init(history: [HistoryRecord], series: SeriesRecorder, samples: Int, end: SimInstant) {
        self.history = history; self.series = series; self.samples = samples; self.end = end
    }
}

/// Runs a scenario's engine in lockstep with the reference platform's core: no wall clock, no
/// transport. Every sample goes straight into the core; after every engine tick the core's timers
/// run to the same plant time and its events become the target's side of the history.
///
/// Protocol and network faults act on the way readings reach the platform (`LockstepTransport`);
/// realtime and accelerated runs apply them to real sockets instead.
public enum LockstepRun {
    public static func run(_ scenario: LoadedScenario, rules: ReferenceRules, seed: UInt64? = nil,
                           receivedEvery: SimDuration = .seconds(10), plotBuckets: Int = 400,
                           pipelined: Bool = true) -> LockstepResult {
        var none = NoTrace()
        return run(scenario, rules: rules, seed: seed, receivedEvery: receivedEvery, plotBuckets: plotBuckets,
                   pipelined: pipelined, tee: &none)
    }

    /// The same, also handing every sample and engine event to `tee` (e.g. a trace file writer).
    ///
    /// - Parameter pipelined: run the platform on a second thread, fed the engine's output in
    ///   batches of whole ticks (`LockstepPipeline`); the history is the same record for record.
    public static func run<Tee: TraceSink>(_ scenario: LoadedScenario, rules: ReferenceRules, seed: UInt64? = nil,
                                           receivedEvery: SimDuration = .seconds(10), plotBuckets: Int = 400,
                                           pipelined: Bool = true, tee: inout Tee) -> LockstepResult {
        var engine = Engine(scenario: scenario, seed: seed)
        let plants = engine.plants
        let sink = LockstepSink(
            transport: LockstepTransport(scenario: scenario, plants: plants),
            core: ReferenceCore(plants: scenario.plants.map { ReferencePlant(config: $0) }, rules: rules),
            plants: plants, receivedEvery: receivedEvery,
            series: HistoryMapping.seriesRecorder(plants, duration: scenario.spec.duration, buckets: plotBuckets))
        if pipelined { return LockstepPipeline.run(engine: &engine, sink: sink, tee: &tee) }
        var teed = TeeSink(tee: tee, sink: sink)
        while !engine.isFinished {
            let now = engine.now
            engine.tick(into: &teed)
            teed.sink.endTick(at: now)
        }
        tee = teed.tee
        return teed.sink.finish(at: engine.now)
    }
}

/// Hands every sample and event to a tee, then to the lockstep sink (the one-thread path).
struct TeeSink<Tee: TraceSink>: TraceSink {
    var tee: Tee
    var sink: LockstepSink

    mutating func record(_ sample: Sample) {
        tee.record(sample)
        sink.record(sample)
    }

    mutating func record(_ event: EngineEvent) {
        tee.record(event)
        sink.record(event)
    }
}

/// The engine's sink in a lockstep run: feeds the core, counts what it received, keeps plot data,
/// and turns engine events into history records.
/// Not generic on purpose: unspecialised generic code reached the core through copies of it.
struct LockstepSink: TraceSink, Sendable {
    var transport: LockstepTransport
    var delivered: [Sample] = []
    var core: ReferenceCore
    let codes: [String]
    /// Equipment ids by enterprise code (a `platform:` maintenance step names one).
    let units: [String: Set<String>]
    /// Readings received per point since the last `received` record: one flat row, plant `p`'s
    /// points from `countBase[p]` (one uniqueness check per sample, not two).
    var counts: [Int]
    let countBase: [Int]
    var series: SeriesRecorder
    var history: [HistoryRecord]
    var samples = 0
    let receivedEvery: SimDuration
    var nextReceived: SimInstant

    init(transport: LockstepTransport, core: ReferenceCore, plants: [Plant], receivedEvery: SimDuration,
         series: SeriesRecorder) {
        self.transport = transport
        self.core = core
        codes = plants.map(\.enterprise.code)
        units = Dictionary(plants.map { ($0.enterprise.code, Set($0.equipment.map(\.id))) }, uniquingKeysWith: { a, _ in a })
        countBase = plants.indices.map { p in plants[..<p].map(\.points.count).reduce(0, +) }
        counts = Array(repeating: 0, count: plants.map(\.points.count).reduce(0, +))
        self.series = series
        history = HistoryMapping.plantRecords(plants)
        for problem in transport.setupErrors { history.append(.error(at: .start, source: .harness, message: problem)) }
        self.receivedEvery = receivedEvery
        nextReceived = .start + receivedEvery
    }

    /// After each engine tick: delayed readings due, the platform's timers, its events into the
    /// history, and the reception counts every `receivedEvery`.
    mutating func endTick(at now: SimInstant) {
        releaseDue(at: now)
        core.advance(to: now)
        drainCore()
        if now >= nextReceived {
            flushCounts(at: now)
            nextReceived = now + receivedEvery
        }
    }

    /// The run's result once the engine has finished at `end`.
    mutating func finish(at end: SimInstant) -> LockstepResult {
        flushCounts(at: end)
        // The core's events are the target's whole state: the history vouches for every instant.
        history.append(.observed(from: .start, to: end, kind: .complete))
        history.append(.end(at: end))
        return LockstepResult(history: history, series: series, samples: samples, end: end)
    }

    mutating func record(_ sample: Sample) {
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
        if sample.quality != .offline { counts[countBase[sample.plant] + sample.point] += 1 }
    }

    mutating func record(_ event: EngineEvent) {
        history.append(HistoryMapping.record(event))
        if case .platform(let action) = event.payload { apply(action, of: event) }
    }

    /// A `platform:` step: the enterprise's setting made on the reference platform. One that
    /// cannot apply (a unit or point the enterprise does not have) is an error record.
    mutating func apply(_ action: PlatformAction, of event: EngineEvent) {
        do {
            switch action {
            case .maintenance(let on):
                let unit = event.equipment ?? ""
                guard units[event.plant]?.contains(unit) == true else {
                    throw ReferenceError("unknown equipment '\(unit)' of \(event.plant)")
                }
                try core.setMaintenance(enterprise: event.plant, equipment: unit, on)
            case .pointDisabled(let point, let disabled):
                try core.setPointDisabled(enterprise: event.plant, point: point, disabled)
            }
        } catch {
            history.append(.error(at: event.time, source: .harness,
                                  message: "platform step \(event.step.map { "'\($0)' " } ?? "")(\(action.name)) cannot apply: \(error)"))
        }
    }

    mutating func drainCore() {
        guard !core.events.isEmpty else { return }
        for event in core.drainEvents() { history.append(HistoryMapping.record(event)) }
    }

    mutating func flushCounts(at time: SimInstant) {
        for plant in codes.indices {
            let end = plant + 1 < countBase.count ? countBase[plant + 1] : counts.count
            history.append(.received(at: time, enterprise: codes[plant], counts: Array(counts[countBase[plant]..<end])))
        }
        for i in counts.indices { counts[i] = 0 }
    }
}

/// A sink that keeps nothing.
public struct NoTrace: TraceSink {
    public init() {}
    public mutating func record(_ sample: Sample) {}
    public mutating func record(_ event: EngineEvent) {}
}
