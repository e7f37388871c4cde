import Conformance
import Harness
import LiveHarness
import Reference
import Reports
import Scenario
import Simulation

/// One scenario in lockstep with the embedded reference core; its evidence saved in the run directory.
enum LockstepScenario {
    static func run(_ loaded: LoadedScenario, meta: ScenarioMeta, rules: ReferenceRules, directory: RunDirectory)
        throws -> (result: ScenarioResult, evidence: ScenarioEvidence)
    {
        let folder = directory.scenarioFolder(meta.id)
        var trace = try TraceFileWriter(directory: folder, plants: Engine(scenario: loaded, seed: meta.seed).plants)
        let result = LockstepRun.run(loaded, rules: rules, seed: meta.seed, tee: &trace)
        trace.close()
        let history = History(result.history)
        let series = result.series.series(PlotSelection.points(meta, history: history))
        try directory.writeScenario(meta, history: result.history, series: series)
        return (ScenarioResult.judged(meta, history: history), ScenarioEvidence(history: result.history, series: series))
    }
}
