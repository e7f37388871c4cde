import Foundation
import Testing

/// `tundish run`, `check` and `report merge` on the built binary, against the embedded reference
/// platform in lockstep.
@Suite struct RunCommandTests {
    static let shipped = ["Scenarios/aluminium/AL-01-mould-water-loss.yaml", "Scenarios/steel/ST-01-lance-water-leak.yaml"]

    struct Verdicts: Decodable {
        struct Scenario: Decodable {
            var id: String
            var digest: String
            var verdicts: [Verdict]
        }
        struct Verdict: Decodable {
            var id: String
            var kind: String
            var outcome: String
            var observed: String
            var latencyMs: Int64?
        }
        var schemaVersion: Int
        var scenarios: [Scenario]
        var replay: String
    }

    static func verdicts(_ dir: URL) throws -> Verdicts {
        try JSONDecoder().decode(Verdicts.self, from: Data(contentsOf: dir.appendingPathComponent("verdicts.json")))
    }

    @Test func shippedScenariosPassAndCheckReJudgesTheSameVerdicts() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["run"] + Self.shipped + ["--out", dir.path, "--junit", dir.appendingPathComponent("extra.xml").path])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("tundish 0.1.0 · lockstep · target reference · 2 scenarios"))
        #expect(run.stdout.contains("2 scenarios, 7 expectations: 7 passed, 0 failed, 0 errors → PASS"))
        let first = try Self.verdicts(dir)
        #expect(first.schemaVersion == 1)
        #expect(first.scenarios.map(\.id) == ["AL-01-mould-water-loss", "ST-01-lance-water-leak"])
        #expect(first.scenarios.allSatisfy { $0.digest.count == 64 && $0.verdicts.allSatisfy { $0.outcome == "pass" } })
        #expect(first.scenarios[0].verdicts.first { $0.id == "flow-ll" }?.latencyMs ?? -1 >= 0)
        for file in ["run.json", "junit.xml", "report.html", "extra.xml", "scenarios/AL-01-mould-water-loss/history.jsonl",
                     "scenarios/AL-01-mould-water-loss/trace.csv", "scenarios/AL-01-mould-water-loss/series.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) missing")
        }
        let before = try Data(contentsOf: dir.appendingPathComponent("verdicts.json"))
        let check = try CLIRunner.run(["check", dir.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("verdicts.json")) == before)
    }

    /// Negative control: with interlock supervision disabled, exactly the interlock expectations fail.
    @Test func disablingARuleFailsExactlyTheExpectationsItServes() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["run"] + Self.shipped + ["--out", dir.path, "--disable-rule", "INTERLOCK-supervision", "--quiet"])
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        let result = try Self.verdicts(dir)
        let failed = result.scenarios.flatMap { s in s.verdicts.filter { $0.outcome != "pass" }.map { "\(s.id)/\($0.id)" } }
        let interlock = result.scenarios.flatMap { s in s.verdicts.filter { $0.kind == "interlockTripped" }.map { "\(s.id)/\($0.id)" } }
        #expect(!interlock.isEmpty)
        #expect(failed == interlock)
        #expect(result.scenarios[0].verdicts.first { $0.kind == "interlockTripped" }?.observed.contains("the plant tripped it at") == true)
        #expect(run.stdout.contains("replay AL-01-mould-water-loss: tundish run \(Self.shipped[0]) --target reference --mode lockstep --seed 20240218 --disable-rule INTERLOCK-supervision"))
    }

    @Test func brokenScenarioIsAHarnessErrorWithItsLocation() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "id: X\ntitle: { zh: 坏, en: Bad }\nplant: nowhere.yaml\nduration: 1m\ntimeline: []\nexpect: []\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", bad.path, "--out", dir.appendingPathComponent("out").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.yaml:3:"))
        let unknownRule = try CLIRunner.run(["run", Self.shipped[0], "--disable-rule", "RED-1-interlock", "--out", dir.path])
        #expect(unknownRule.status == 2)
        #expect(unknownRule.stderr.contains("did you mean 'RED-1-interlock-not-reached'?"))
    }

    @Test func shardsMergeIntoTheWholeRun() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 1...2 {
            let run = try CLIRunner.run(["run"] + Self.shipped + ["--shard", "\(i)/2", "--quiet", "--out", dir.appendingPathComponent("s\(i)").path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try Self.verdicts(dir.appendingPathComponent("s\(i)")).scenarios.count == 1)
        }
        let merged = dir.appendingPathComponent("merged.json"), html = dir.appendingPathComponent("merged.html")
        let merge = try CLIRunner.run(["report", "merge", dir.appendingPathComponent("s1/verdicts.json").path,
                                       dir.appendingPathComponent("s2/verdicts.json").path, "--json", merged.path,
                                       "--html", html.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        let whole = try JSONDecoder().decode(Verdicts.self, from: Data(contentsOf: merged))
        #expect(whole.scenarios.map(\.id) == ["AL-01-mould-water-loss", "ST-01-lance-water-leak"])
        #expect(!whole.replay.contains("--shard"))
        let twice = try CLIRunner.run(["report", "merge", dir.appendingPathComponent("s1/verdicts.json").path,
                                       dir.appendingPathComponent("s1/verdicts.json").path])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("appears in more than one part"))
    }
}
