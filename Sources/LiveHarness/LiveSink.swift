import Conformance
import Harness
import PlantModel
import SimCore
import Simulation
import Uplink

/// The engine's sink in a live run: the trace file (when there is one), the uplink gateways, the
/// plant side of the history (steps and plant events), and the plot series.
struct LiveSink: TraceSink {
    var writer: TraceFileWriter?
    var uplink: UplinkPipeline?
    let clock: PlantTimeBox
    var series: SeriesRecorder
    /// Carries `platform:` steps to the target.
    var actions: PlatformActions?
    var history: [HistoryRecord] = []
    var samples = 0

    mutating func record(_ sample: Sample) {
        samples += 1
        writer?.record(sample)
        clock.now = sample.time
        uplink?.record(sample)
        series.record(plant: sample.plant, point: sample.point, timeMs: sample.time.milliseconds, value: sample.value)
    }

    mutating func record(_ event: EngineEvent) {
        writer?.record(event)
        history.append(HistoryMapping.record(event))
        if event.kind == .platformAction { actions?.enqueue(event) }
    }

    /// Ends the uplink's batches and the trace; a trace write that failed is thrown here.
    mutating func finish(at time: SimInstant) throws {
        uplink?.finish(at: time)
        try writer?.finish()
    }
}
