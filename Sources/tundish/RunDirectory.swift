import CLISupport
import Conformance
import Foundation
import Reports

/// What `run.json` records about a run: identity, inputs and how to reproduce it.
struct RunInfo: Codable {
    typealias Input = FileInput
    var tundishVersion: String
    var startedAt: String
    var mode: String
    var target: String
    var seed: UInt64?
    var shard: String?
    var rules: Input
    var disabledRules: [String]
    var scenarios: [Input]
    var replay: String
    /// The run's id (part of every uplink batch id in live modes).
    var runId: String?
}

/// The run directory: `run.json`, `verdicts.json`, `junit.xml`, `report.html`, and per scenario
/// `scenarios/<id>/{scenario.json, history.jsonl, series.json, trace.csv, events.jsonl}`.
struct RunDirectory {
    let path: String

    init(path: String, create: Bool) throws {
        self.path = path
        if create { try FileSystem.createDirectory(path) }
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    func scenarioFolder(_ id: String) -> String { file("scenarios/\(id)") }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    func write(_ text: String, to name: String) throws {
        try Self.write(text, toPath: file(name))
    }

    /// Writes a file at a path as given (absolute, or relative to the working directory; a bare
    /// name is written in the working directory).
    static func write(_ text: String, toPath target: String) throws {
        try FileSystem.createDirectory((target as NSString).deletingLastPathComponent)
        do { try text.write(toFile: target, atomically: true, encoding: .utf8) } catch {
            throw CLIError("cannot write \(target): \(FileSystem.reason(error))")
        }
    }

    func read(_ name: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: file(name)) else {
            throw CLIError("\(file(name)): no such file (is \(path) a run directory?)")
        }
        return data
    }

    func writeJSON<T: Encodable>(_ value: T, to name: String) throws {
        let data = try Self.encoder(pretty: true).encode(value)
        try write(String(decoding: data, as: UTF8.self) + "\n", to: name)
    }

    func readJSON<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        do { return try JSONDecoder().decode(type, from: try read(name)) } catch let error as CLIError { throw error } catch {
            throw CLIError("\(file(name)): \(error)")
        }
    }

    func writeScenario(_ meta: ScenarioMeta, history: [HistoryRecord], series: [PointSeries]) throws {
        try writeJSON(meta, to: "scenarios/\(meta.id)/scenario.json")
        let encoder = Self.encoder(pretty: false)
        var lines = ""
        for record in history { lines += String(decoding: try encoder.encode(record), as: UTF8.self) + "\n" }
        try write(lines, to: "scenarios/\(meta.id)/history.jsonl")
        try writeJSON(series, to: "scenarios/\(meta.id)/series.json")
    }

    /// A saved scenario: its meta, history (line numbers in errors) and plot series.
    func loadScenario(_ id: String) throws -> (meta: ScenarioMeta, history: [HistoryRecord], series: [PointSeries]) {
        let meta = try readJSON(ScenarioMeta.self, from: "scenarios/\(id)/scenario.json")
        let name = "scenarios/\(id)/history.jsonl"
        let text = String(decoding: try read(name), as: UTF8.self)
        var records: [HistoryRecord] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do { records.append(try JSONDecoder().decode(HistoryRecord.self, from: Data(line.utf8))) } catch {
                throw CLIError("\(file(name)):\(n + 1): not a history record (\(error))")
            }
        }
        let series = (try? readJSON([PointSeries].self, from: "scenarios/\(id)/series.json")) ?? []
        return (meta, records, series)
    }

    /// Writes `verdicts.json`, `junit.xml`, `report.html` here, and copies where asked.
    func writeReports(_ run: RunResult, evidence: [String: ScenarioEvidence], junit: String?, json: String?,
                      html: String?) throws {
        let rendered = [
            ("verdicts.json", json, try JSONReport.render(run)), ("junit.xml", junit, JUnitReport.render(run)),
            ("report.html", html, HTMLReport.render(run, evidence: evidence)),
        ]
        for (name, extra, text) in rendered {
            try write(text, to: name)
            if let extra { try Self.write(text, toPath: extra) }
        }
    }
}
