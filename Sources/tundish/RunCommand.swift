import ArgumentParser
import CLISupport
import Conformance
import Foundation
import LiveHarness
import Reference
import Reports
import Scenario

enum RunMode: String, ExpressibleByArgument, CaseIterable {
    case lockstep, realtime, accelerated
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenarios against a target and judge every expectation (exit 0 pass, 1 fail, 2 error).",
        discussion: """
            With no arguments: the whole library under Scenarios/ in lockstep against the embedded reference \
            platform. The run directory keeps inputs' digests, seed, version, history, verdicts and reports; \
            `tundish check RUN_DIR` re-judges it.
            """)

    @Argument(help: "Scenario files or folders.")
    var paths: [String] = ["Scenarios"]

    @OptionGroup var reports: ReportFiles

    @Option(help: "Target: 'reference' (embedded platform) or a target file (Scenarios/targets/*.yaml).")
    var target = "reference"

    @Option(help: "lockstep (reference only, no wall clock), realtime, or accelerated (--speed).")
    var mode: RunMode = .lockstep

    @Option(help: "Plant seconds per wall second; accelerated mode only (default: \(Int(RunCommand.defaultSpeed))).")
    var speed: Double?

    @Option(help: "Seed for every scenario (default: each scenario's own). The seed is the run's identity.")
    var seed: UInt64?

    @Option(help: "Run directory (default: runs/<UTC time>).")
    var out: String?

    @Option(help: "Realtime and accelerated modes: wall seconds to wait at the end for the uplink spool to drain (default: 30).")
    var drainTimeout: Double?

    @Option(help: "Run one shard of the library: i/n (1-based), every n-th scenario from the i-th.")
    var shard: String?

    @Option(help: "Reference platform rules file (default: Scenarios/rules/default.yaml, else built-in).")
    var rules: String?

    @Option(name: .customLong("disable-rule"), help: ArgumentHelp("Disable a reference rule by id (negative control).", visibility: .hidden))
    var disabledRules: [String] = []

    @Flag(help: "No banner and no progress lines (results and errors only).")
    var quiet = false

    static let defaultSpeed: Double = 10

    /// Options that would do nothing in the chosen mode are refused, before any work.
    func validate() throws {
        if let speed, mode != .accelerated {
            throw ValidationError("--speed \(speed) applies to --mode accelerated only (\(mode.rawValue) runs "
                + (mode == .realtime ? "at speed 1" : "on the virtual clock, as fast as it can") + ")")
        }
        if let speed, !(speed > 0 && speed.isFinite) { throw ValidationError("--speed expects a positive number; found \(speed)") }
        if target != "reference", rules != nil || !disabledRules.isEmpty {
            throw ValidationError("--rules and --disable-rule apply to the embedded reference platform (--target reference) only")
        }
        if drainTimeout != nil, mode == .lockstep {
            throw ValidationError("--drain-timeout applies to --mode realtime or accelerated only (lockstep has no uplink)")
        }
        if let shard {
            do { _ = try ScenarioDiscovery.shard([], shard) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws { try await HarnessErrors.exitCode2 { try await execute() } }

    func execute() async throws {
        let started = Date()
        if mode == .lockstep, target != "reference" {
            throw CLIError("lockstep mode needs the embedded reference platform (--target reference); "
                + "use --mode realtime or accelerated for \(target)")
        }
        if target != "reference" { try FileSourceReader.requireFile(target) }
        if mode != .lockstep { try LiveConnection.check(target: target) }
        let files = try ScenarioDiscovery.shard(try ScenarioDiscovery.scenarioFiles(under: paths), shard)
        guard !files.isEmpty else { throw CLIError("no scenario files under \(paths.joined(separator: " "))") }
        let (ruleSet, rulesInput) = try RulesLoading.load(rules, disabling: disabledRules)
        let runPath = out ?? Self.defaultOut(started)
        try OutputPaths.checkFolder(runPath, option: "--out")
        try reports.checkWritable()
        let directory = try RunDirectory(path: runPath, create: true)
        var generator = SystemRandomNumberGenerator()
        let runId = RunId.make(using: &generator)
        if !quiet { Console.error("tundish \(TundishVersion.current) · \(mode.rawValue) · target \(target) · "
            + "\(files.count) scenario\(files.count == 1 ? "" : "s") · seed \(seed.map(String.init) ?? "per scenario") · "
            + "rules \(rulesInput.file) (\(rulesInput.digest.prefix(12)))" + (shard.map { " · shard \($0)" } ?? "")
            + " · run \(runId)") }
        var progress = Progress(total: files.count, quiet: quiet)
        var results: [ScenarioResult] = []
        var evidence: [String: ScenarioEvidence] = [:]
        var inputs: [RunInfo.Input] = []
        for file in files {
            let outcome = try await runOne(file, rules: ruleSet, directory: directory, runId: runId)
            results.append(outcome.result)
            evidence[outcome.result.id] = outcome.evidence
            inputs.append(RunInfo.Input(file: file, digest: outcome.result.digest))
            progress.finished(outcome.result)
        }
        let replay = replayCommand(paths, seed: seed)
        var run = RunResult(
            tundishVersion: TundishVersion.current, seed: seed, mode: mode.rawValue, target: target, shard: shard,
            startedAt: ISO8601DateFormatter().string(from: started), replay: replay, scenarios: results,
            rules: RulesIdentity(file: rulesInput.file, digest: rulesInput.digest,
                                 disabled: disabledRules.isEmpty ? nil : disabledRules))
        run.runId = runId
        var info = RunInfo(tundishVersion: run.tundishVersion, startedAt: run.startedAt, mode: run.mode, target: target,
                           seed: seed, shard: shard, rules: rulesInput, disabledRules: disabledRules, scenarios: inputs,
                           replay: replay)
        info.runId = runId
        try directory.writeJSON(info, to: "run.json")
        try directory.writeReports(run, evidence: evidence, junit: reports.junit, json: reports.json, html: reports.html)
        print(TerminalSummary.render(run), terminator: "")
        print("run directory \(directory.path) (verdicts.json, junit.xml, report.html)")
        // A scenario that did not load has no seed to replay: the summary above gives its reason.
        for s in results where s.outcome != .pass && !s.digest.isEmpty {
            print("replay \(s.id): \(replayCommand([s.file], seed: s.seed, sharded: false))")
        }
        print("replay all: \(replay)")
        if run.exitCode != 0 { throw ExitCode(run.exitCode) }
    }

    func runOne(_ file: String, rules: ReferenceRules, directory: RunDirectory, runId: String = "run") async throws
        -> (result: ScenarioResult, evidence: ScenarioEvidence)
    {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader(reader: FileSourceReader()).loadScenario(path: file)
        } catch {
            Console.error(error.description)
            return (Self.unloadable(file, error.description), ScenarioEvidence(history: [], series: []))
        }
        let seed = seed ?? loaded.spec.seed
        let meta = ScenarioMeta(loaded, file: file, seed: seed)
        switch mode {
        case .lockstep:
            return try LockstepScenario.run(loaded, meta: meta, rules: rules, directory: directory)
        case .realtime, .accelerated:
            return try await LiveScenario(
                target: target, speed: mode == .realtime ? 1 : (speed ?? Self.defaultSpeed), rules: rules,
                drainTimeout: drainTimeout ?? 30, runId: runId, quiet: quiet
            ).run(loaded, meta: meta, directory: directory)
        }
    }

    /// A file that did not load is a harness error for the run (exit 2), not a skipped scenario.
    static func unloadable(_ file: String, _ message: String) -> ScenarioResult {
        let id = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return ScenarioResult(id: id, titleZh: "", titleEn: "", file: file, digest: "", seed: 0, enterprises: [],
                              clauses: [], durationMs: 0, verdicts: [], quality: .empty, error: message)
    }

    func replayCommand(_ paths: [String], seed: UInt64?, sharded: Bool = true) -> String {
        var parts = ["tundish", "run"] + paths + ["--target", target, "--mode", mode.rawValue]
        if let seed { parts += ["--seed", String(seed)] }
        if let speed, mode == .accelerated { parts += ["--speed", String(speed)] }
        if let drainTimeout, mode != .lockstep { parts += ["--drain-timeout", String(drainTimeout)] }
        if let rules { parts += ["--rules", rules] }
        if let shard, sharded { parts += ["--shard", shard] }
        for id in disabledRules { parts += ["--disable-rule", id] }
        return parts.joined(separator: " ")
    }

    static func defaultOut(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "runs/\(formatter.string(from: date))"
    }
}
