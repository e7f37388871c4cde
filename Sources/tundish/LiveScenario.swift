import CLISupport
import Conformance
import Harness
import LiveHarness
import Reference
import Reports
import Scenario

/// One scenario in realtime or accelerated mode (`LiveRun`); its evidence saved in the run directory.
struct LiveScenario {
    var target: String
    var speed: Double
    var rules: ReferenceRules
    /// Wall seconds to wait at the end for the uplink to drain.
    var drainTimeout: Double = 30
    /// The run's id: part of every batch id, with the scenario id.
    var runId = "run"
    /// `--quiet`: no progress lines.
    var quiet = false

    func run(_ loaded: LoadedScenario, meta: ScenarioMeta, directory: RunDirectory) async throws
        -> (result: ScenarioResult, evidence: ScenarioEvidence)
    {
        let started = ContinuousClock.now
        var options = LiveRun.Options(target: target, speed: speed, rules: rules)
        options.drainTimeout = drainTimeout
        options.runId = runId
        options.quiet = quiet
        options.folder = directory.scenarioFolder(meta.id)
        options.version = TundishVersion.current
        let result: LockstepResult
        do {
            result = try await LiveRun(options).run(loaded, seed: meta.seed)
        } catch {
            return try Self.notRun(meta, reason: "\(error)", directory: directory)
        }
        let history = History(result.history)
        let series = result.series.series(PlotSelection.points(meta, history: history))
        let meta = meta.measured(since: started)
        try directory.writeScenario(meta, history: result.history, series: series)
        return (ScenarioResult.judged(meta, history: history), ScenarioEvidence(history: result.history, series: series))
    }

    /// A scenario the live run could not carry out (the target's subscription refused, its target file
    /// unusable, our slaves unable to listen): every expectation is an error with the reason, and the
    /// scenario's folder is written like any other, so the run directory holds the evidence.
    static func notRun(_ meta: ScenarioMeta, reason: String, directory: RunDirectory) throws
        -> (result: ScenarioResult, evidence: ScenarioEvidence)
    {
        let history: [HistoryRecord] = [
            .error(at: .start, source: .harness, message: "the live run could not start: \(reason)"), .end(at: .start),
        ]
        try directory.writeScenario(meta, history: history, series: [])
        Console.error(CommandLineErrors.line("\(meta.id): the live run could not start: \(reason)"))
        return (ScenarioResult.judged(meta, history: History(history)), ScenarioEvidence(history: history, series: []))
    }
}
