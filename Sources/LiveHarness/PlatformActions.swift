import Conformance
import Foundation
import Observers
import SimCore
import Simulation

/// Carries a scenario's `platform:` steps (maintenance, disabled points) to an external target
/// through the requests its target file declares (`actions:`). Steps arrive from the engine's
/// thread; a task makes the requests in order. A step the target file has no request for, or whose
/// request fails, is an `error` record at the step's plant time — what depends on it cannot be
/// judged, and is never silently skipped.
final class PlatformActions: @unchecked Sendable {
    struct Step: Sendable {
        var time: SimInstant
        var name: String
        var enterprise: String
        var equipment: String?
        var detail: String
        var step: String?
    }

    let lock = NSLock()
    private var queue: [Step] = []
    private var records: [HistoryRecord] = []
    private var finished = false
    let declared: [String: LiveSettings.Request]
    let requests: TargetRequests
    let targetFile: String
    /// Unix ms of plant time zero: `${TIME_MS}` is the step's time as the target's data carries it.
    let epochUnixMs: Int64

    init(declared: [String: LiveSettings.Request], requests: TargetRequests, targetFile: String, epochUnixMs: Int64 = 0) {
        self.declared = declared; self.requests = requests; self.targetFile = targetFile; self.epochUnixMs = epochUnixMs
    }

    /// From the engine's sink.
    func enqueue(_ event: EngineEvent) {
        let step = Step(time: event.time, name: event.name, enterprise: event.plant, equipment: event.equipment,
                        detail: event.detail, step: event.step)
        lock.withLock { queue.append(step) }
    }

    /// Makes the requests until `finish()` and the queue is empty.
    func run() async {
        while true {
            let (steps, done) = lock.withLock { () -> ([Step], Bool) in
                defer { queue.removeAll() }
                return (queue, finished)
            }
            for step in steps { await apply(step) }
            if done && steps.isEmpty { return }
            if steps.isEmpty { try? await Task.sleep(for: .milliseconds(20)) }
        }
    }

    func finish() { lock.withLock { finished = true } }

    /// The error records of steps not applied.
    var errors: [HistoryRecord] { lock.withLock { records } }

    func apply(_ step: Step) async {
        let what = "platform step '\(step.name)'" + (step.step.map { " (\($0))" } ?? "") + " at \(step.time)"
        guard let request = declared[step.name] else {
            note(step, "\(what) was not applied: \(targetFile) declares no actions.\(step.name), so the target never "
                + "got it and what depends on it cannot be judged (docs/targets.md, \"hooks, epoch, actions\")")
            return
        }
        let extra = [
            "ENTERPRISE": step.enterprise, "EQUIPMENT": step.equipment ?? "", "POINT": step.detail,
            "STEP": step.step ?? "", "PLANT_MS": String(step.time.milliseconds),
            "TIME_MS": String(epochUnixMs + step.time.milliseconds),
        ]
        if let failure = await requests.perform(request, extra: extra) {
            note(step, "\(what) failed on the target: \(failure)")
        }
    }

    func note(_ step: Step, _ message: String) {
        lock.withLock { records.append(.error(at: step.time, source: .harness, message: message)) }
    }
}
