import Conformance
import Reference
import Reports
import Scenario

/// One scenario on wall time against a live target (being wired: needs the Observers module).
struct LiveScenario {
    var target: String
    var speed: Double
    var rules: ReferenceRules

    func run(_ loaded: LoadedScenario, meta: ScenarioMeta, directory: RunDirectory) async throws
        -> (result: ScenarioResult, evidence: ScenarioEvidence)
    {
        throw CLIError("realtime and accelerated runs are not wired yet")
    }
}
