import ArgumentParser
import CLISupport
import Conformance
import Foundation
import LiveHarness
import Reports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Work with saved results.", subcommands: [ReportMergeCommand.self])
}

struct ReportMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join shards' verdicts.json files into one result (exit 0 pass, 1 fail, 2 error).",
        discussion: "Plots are included for each part whose verdicts.json sits in its run directory.")

    @Argument(help: "verdicts.json files of the shards.")
    var parts: [String]

    @OptionGroup var reports: ReportFiles




    func run() throws { try HarnessErrors.exitCode2 { try execute() } }

    func execute() throws {
        try reports.checkWritable()
        var results: [RunResult] = []
        var evidence: [String: ScenarioEvidence] = [:]
        let reader = FileSourceReader(maxBytes: FileSourceReader.resultsLimit)
        for part in parts { try FileSourceReader.requireFile(part, limit: reader.maxBytes) }
        for part in parts {
            let text = try reader.read(part)
            let result: RunResult
            do { result = try JSONReport.parse(text, file: part) } catch { throw CLIError(error.description) }
            results.append(result)
            let directory = try RunDirectory(path: (part as NSString).deletingLastPathComponent, create: false)
            for scenario in result.scenarios {
                if let saved = try? directory.loadScenario(scenario.id) {
                    evidence[scenario.id] = ScenarioEvidence(history: saved.history, series: saved.series)
                }
            }
        }
        let merged: RunResult
        do { merged = try RunResult.merged(results) } catch { throw CLIError(error.description) }
        if let json = reports.json { try RunDirectory.write(try JSONReport.render(merged), toPath: json) }
        if let junit = reports.junit { try RunDirectory.write(JUnitReport.render(merged), toPath: junit) }
        if let html = reports.html { try RunDirectory.write(HTMLReport.render(merged, evidence: evidence), toPath: html) }
        print(TerminalSummary.render(merged), terminator: "")
        if merged.exitCode != 0 { throw ExitCode(merged.exitCode) }
    }
}
