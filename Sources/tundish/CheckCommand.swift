import ArgumentParser
import CLISupport
import Conformance
import Foundation
import Reports

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-judge a saved run from its history (exit 0 pass, 1 fail, 2 error).",
        discussion: "Reads RUN_DIR/run.json and each scenario's scenario.json and history.jsonl; rewrites verdicts.json, junit.xml and report.html.")

    @Argument(help: "A run directory written by `tundish run`.")
    var runDirectory: String

    @OptionGroup var reports: ReportFiles




    func run() throws { try HarnessErrors.exitCode2 { try execute() } }

    func execute() throws {
        try reports.checkWritable()
        let directory = try RunDirectory(path: runDirectory, create: false)
        let info = try directory.readJSON(RunInfo.self, from: "run.json")
        var results: [ScenarioResult] = []
        var evidence: [String: ScenarioEvidence] = [:]
        for input in info.scenarios {
            let id = try Self.scenarioId(directory, input)
            guard let id else {
                results.append(RunCommand.unloadable(input.file, "the run could not load this scenario"))
                continue
            }
            let saved = try directory.loadScenario(id)
            results.append(ScenarioResult.judged(saved.meta, history: History(saved.history)))
            evidence[id] = ScenarioEvidence(history: saved.history, series: saved.series)
        }
        var run = RunResult(
            tundishVersion: info.tundishVersion, seed: info.seed, mode: info.mode, target: info.target,
            shard: info.shard, startedAt: info.startedAt, replay: info.replay, scenarios: results,
            rules: RulesIdentity(file: info.rules.file, digest: info.rules.digest,
                                 disabled: info.disabledRules.isEmpty ? nil : info.disabledRules))
        run.runId = info.runId
        try directory.writeReports(run, evidence: evidence, junit: reports.junit, json: reports.json, html: reports.html)
        print(TerminalSummary.render(run), terminator: "")
        if run.exitCode != 0 { throw ExitCode(run.exitCode) }
    }

    /// The scenario folder saved for an input (matched by file and digest); nil when it never loaded.
    static func scenarioId(_ directory: RunDirectory, _ input: RunInfo.Input) throws -> String? {
        guard !input.digest.isEmpty else { return nil }
        let root = directory.file("scenarios")
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for id in ids.sorted() {
            guard let meta = try? directory.readJSON(ScenarioMeta.self, from: "scenarios/\(id)/scenario.json") else { continue }
            if meta.file == input.file && meta.digest == input.digest { return id }
        }
        throw CLIError("\(root): no saved scenario for \(input.file) (digest \(input.digest.prefix(12)))")
    }
}
