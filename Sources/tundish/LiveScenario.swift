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
        let result = try await LiveRun(options).run(loaded, seed: meta.seed)
        let history = History(result.history)
        let series = result.series.series(PlotSelection.points(meta, history: history))
        let meta = meta.measured(since: started)
        try directory.writeScenario(meta, history: result.history, series: series)
        return (ScenarioResult.judged(meta, history: history), ScenarioEvidence(history: result.history, series: series))
    }
}
