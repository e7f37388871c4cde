import Foundation
import Testing

/// Issue 13's "done when": runs against one long-lived `tundish serve` (Scenarios/targets/serve.yaml)
/// pass again and again, and a second run is judged on its own events only — a platform that
/// stopped raising an alarm between the runs fails that expectation in the second run.
@Suite(.serialized) struct LiveServeTests {
    static let scenarios = ["Tests/Targets/live-pump-trip.yaml", "Tests/Targets/live-platform-steps.yaml",
                            "Tests/Targets/live-complete.yaml"]
    static let token = "serve-test-token"

    /// `tundish run` in accelerated mode against the serve at `port`.
    static func run(_ files: [String], port: Int, out: URL) throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["run"] + files + ["--mode", "accelerated", "--speed", "120", "--target",
                                               "Scenarios/targets/serve.yaml", "--quiet", "--out", out.path]
        process.currentDirectoryURL = CLIRunner.root
        var environment = ProcessInfo.processInfo.environment
        environment["TUNDISH_URL"] = "http://127.0.0.1:\(port)"
        environment["TUNDISH_TOKEN"] = token
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                     stderr: String(decoding: err, as: UTF8.self))
    }

    static func serve(db: String, rules: String? = nil) throws -> ServeProcess {
        try ServeProcess(["--plant", "Scenarios/plants/aluminium-casting.yaml", "--token", token, "--db", db]
                         + (rules.map { ["--rules", $0] } ?? []))
    }

    static func verdicts(_ dir: URL) throws -> [String: String] {
        let data = try Data(contentsOf: dir.appendingPathComponent("verdicts.json"))
        let run = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var out: [String: String] = [:]
        for scenario in run["scenarios"] as? [[String: Any]] ?? [] {
            for verdict in scenario["verdicts"] as? [[String: Any]] ?? [] {
                out["\(scenario["id"] ?? "")/\(verdict["id"] ?? "")"] = verdict["outcome"] as? String
            }
        }
        return out
    }

    @Test func aSmallSetPassesTwiceAgainstOneServeWithPlatformStepsAndReceptionCounts() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let serve = try Self.serve(db: dir.appendingPathComponent("platform.sqlite").path)
        var eventCounts: [Int] = []
        for index in 1...2 {
            let out = dir.appendingPathComponent("run\(index)")
            let run = try Self.run(Self.scenarios, port: serve.port, out: out)
            #expect(run.status == 0, "run \(index): \(run.stdout)\n\(run.stderr)")
            #expect(run.stdout.contains("3 scenarios, 6 expectations: 6 passed, 0 failed, 0 errors → PASS"), "run \(index): \(run.stdout)")
            #expect(!run.stderr.contains(": plant t+"), "--quiet: no progress lines")
            let verdicts = try Self.verdicts(out)
            #expect(verdicts["X-live-complete/complete"] == "pass", "judged on the platform's reception counts")
            let history = try String(contentsOf: out.appendingPathComponent("scenarios/X-live-platform-steps/history.jsonl"),
                                     encoding: .utf8)
            #expect(!history.contains("\"type\":\"error\""), "both platform steps were applied on the platform")
            let events = try serve.get("/api/v1/events?limit=100000").json as? [String: Any]
            eventCounts.append((events?["events"] as? [Any])?.count ?? 0)
        }
        #expect(eventCounts[0] > 0 && eventCounts[1] > eventCounts[0], "one event list, going on: \(eventCounts)")
    }

    @Test func aPlatformThatStoppedRaisingAnAlarmBetweenRunsFailsItInTheSecondRun() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("platform.sqlite").path
        let scenario = ["Tests/Targets/live-pump-trip.yaml"]
        do {
            let serve = try Self.serve(db: db)
            let first = try Self.run(scenario, port: serve.port, out: dir.appendingPathComponent("run1"))
            #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
            serve.kill()
        }
        // The same platform (same database, its events and the first run's LL alarm kept), restarted
        // with rules under which the mould-water flow's LL limit never applies.
        let defaults = try String(contentsOf: CLIRunner.root.appendingPathComponent("Scenarios/rules/default.yaml"), encoding: .utf8)
        let rules = dir.appendingPathComponent("no-flow-ll.yaml")
        try defaults.replacingOccurrences(of: "\npoints:\n", with: """

            points:
              - point: MW_Q_IN
                conditionalLevels: [LL, L]
                when: { point: CM_CASTING, equals: 5 }

            """).write(to: rules, atomically: true, encoding: .utf8)
        let serve = try Self.serve(db: db, rules: rules.path)
        let stored = (try serve.get("/api/v1/events?limit=100000").json as? [String: Any])?["events"] as? [[String: Any]] ?? []
        #expect(stored.contains { ($0["alarm"] as? [String: Any])?["level"] as? String == "LL" }, "the first run's LL alarm is stored")
        let second = try Self.run(scenario, port: serve.port, out: dir.appendingPathComponent("run2"))
        #expect(second.status == 1, "\(second.stdout)\n\(second.stderr)")
        let verdicts = try Self.verdicts(dir.appendingPathComponent("run2"))
        #expect(verdicts["X-live-pump-trip/flow-ll"] == "fail", "the first run's alarm is not this run's: \(verdicts)")
        #expect(verdicts["X-live-pump-trip/interlock"] == "pass" && verdicts["X-live-pump-trip/quiet-before"] == "pass")
    }
}
