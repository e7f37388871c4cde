import Foundation
import Testing

@Suite struct SimulateCommandTests {
    static let scenario = "Scenarios/aluminium/AL-01-mould-water-loss.yaml"

    func simulate(seed: UInt64, into directory: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(["simulate", Self.scenario, "--seed", String(seed), "--out", directory.path])
    }

    @Test func sameSeedGivesIdenticalFilesAndAnotherSeedDifferent() throws {
        let base = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let a = base.appendingPathComponent("a"), b = base.appendingPathComponent("b"), c = base.appendingPathComponent("c")
        for (seed, dir) in [(11 as UInt64, a), (11, b), (12, c)] {
            let result = try simulate(seed: seed, into: dir)
            #expect(result.status == 0, "\(result.stderr)")
        }
        for file in ["trace.csv", "events.jsonl"] {
            let da = try Data(contentsOf: a.appendingPathComponent(file))
            let db = try Data(contentsOf: b.appendingPathComponent(file))
            let dc = try Data(contentsOf: c.appendingPathComponent(file))
            #expect(da == db, "\(file) differs between two runs with the same seed")
            #expect(!da.isEmpty)
            if file == "trace.csv" { #expect(da != dc, "a different seed must change the noise") }
        }
        let trace = try String(contentsOf: a.appendingPathComponent("trace.csv"), encoding: .utf8)
        #expect(trace.hasPrefix("time,point,value,quality\n0.000,"))
    }

    @Test func printsSummaryAndReplayCommand() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try simulate(seed: 5, into: dir)
        #expect(result.status == 0)
        #expect(result.stderr.contains("seed 5"))
        #expect(result.stderr.contains("digest "))
        #expect(result.stdout.contains("interlock trips: "))
        #expect(result.stdout.contains("replay        tundish simulate \(Self.scenario) --seed 5 --out \(dir.path)"))
        let events = try String(contentsOf: dir.appendingPathComponent("events.jsonl"), encoding: .utf8)
        #expect(events.contains("\"kind\":\"interlockTripped\""))
    }

    @Test func brokenScenarioFailsWithPosition() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.yaml")
        try "id: x\nduration: soon\n".write(to: broken, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["simulate", broken.path, "--out", dir.appendingPathComponent("o").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.yaml:2:11"))
    }
}
