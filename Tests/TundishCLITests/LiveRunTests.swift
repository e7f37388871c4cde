import Foundation
import Testing

/// `tundish run` in accelerated mode: the plant pushed through the uplink to the embedded reference
/// platform and observed through its real HTTP API (Scenarios/targets/reference.yaml), and against
/// a target nobody answers.
@Suite(.serialized) struct LiveRunTests {
    static let scenario = "Tests/Targets/live-pump-trip.yaml"

    @Test func acceleratedRunAgainstTheReferenceAPIPasses() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["run", Self.scenario, "--mode", "accelerated", "--speed", "60", "--out", dir.path])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("1 scenarios, 3 expectations: 3 passed, 0 failed, 0 errors → PASS"))
        let history = try String(contentsOf: dir.appendingPathComponent("scenarios/X-live-pump-trip/history.jsonl"), encoding: .utf8)
        #expect(history.contains("\"type\":\"interlockActed\""), "observed through the events API")
        #expect(history.contains("\"source\":\"target\""))
        #expect(!history.contains("\"type\":\"error\""))
        let verdicts = try String(contentsOf: dir.appendingPathComponent("verdicts.json"), encoding: .utf8)
        #expect(verdicts.contains("\"mode\" : \"accelerated\""))
    }

    @Test func unreachableTargetIsAnErrorWithExitCode2() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["run", Self.scenario, "--target", "Tests/Targets/unreachable.yaml", "--mode", "accelerated",
                                     "--speed", "120", "--drain-timeout", "1", "--out", dir.path])
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("0 passed, 0 failed, 3 errors → ERROR"))
        #expect(run.stdout.contains("never reached the target"), "the loss, stamped where it began (t+0s)")
        let history = try String(contentsOf: dir.appendingPathComponent("scenarios/X-live-pump-trip/history.jsonl"), encoding: .utf8)
        #expect(history.contains("cannot connect (connection refused)\""), "the poller's error, without a stray parenthesis")
        #expect(!run.stdout.contains("PASS  "))
    }

    @Test func lockstepNeedsTheReferenceTarget() throws {
        let run = try CLIRunner.run(["run", Self.scenario, "--target", "Tests/Targets/unreachable.yaml",
                                     "--out", FileManager.default.temporaryDirectory.appendingPathComponent("x-\(UUID())").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("lockstep mode needs the embedded reference platform"))
    }

    static func history(_ dir: URL, _ id: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: dir.appendingPathComponent("scenarios/\(id)/history.jsonl"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Defect 1 of issue 13: batches the target never got must not be judged as the target's silence.
    @Test func undeliveredBatchesMakeTheRunAnErrorStampedWhereTheLossBegan() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["run", "Scenarios/aluminium/AL-01-mould-water-loss.yaml", "--mode", "accelerated",
                                     "--speed", "3000", "--drain-timeout", "0", "--out", dir.path])
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("--drain-timeout 0"), "the replay command keeps the drain timeout")
        let history = try Self.history(dir, "AL-01-mould-water-loss")
        let undelivered = history.filter { $0["type"] as? String == "delivery" && $0["kind"] as? String == "undelivered" }
        #expect(!undelivered.isEmpty)
        let loss = undelivered.compactMap { $0["t"] as? Int }.min() ?? -1
        let error = history.first { $0["type"] as? String == "error" && ($0["message"] as? String ?? "").contains("never reached") }
        #expect(error?["t"] as? Int == loss, "stamped at the earliest undelivered batch, not at the end")
        #expect(loss < 30 * 60_000)
        let summary = history.first { $0["type"] as? String == "uplink" }
        let counts = summary?["counts"] as? [Int] ?? []
        #expect(counts.count == 5 && counts[3] == undelivered.count && counts[0] >= counts[1] + counts[3])
        let runJSON = try String(contentsOf: dir.appendingPathComponent("run.json"), encoding: .utf8)
        let runId = try #require(runJSON.firstMatch(of: /"runId" : "([0-9a-z]{8})"/)?.1)
        #expect((undelivered.first?["id"] as? String)?.contains("-\(runId)-AL-01-mould-water-loss-") == true,
                "batch ids carry the run id and the scenario id")
        #expect(run.stderr.contains("run \(runId)"))
    }

    /// Defect 3 of issue 13: a target refusing our credentials ends the scenario early, as an error.
    @Test func aTargetAnswering401EndsTheScenarioEarlyNamingTheCredential() throws {
        let serve = try ServeProcess(["--token", "right-token"])
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("wrong-token.yaml")
        try """
            name: wrong-token
            uplink:
              url: http://127.0.0.1:\(serve.port)
              token: wrong-token
            observe:
              poll:
                url: http://127.0.0.1:\(serve.port)/api/v1/events?limit=1000
                intervalMs: 250
                cursor: { param: afterSeq, field: /seq, start: "0" }
                items: /events
            time: field
            """.write(to: target, atomically: true, encoding: .utf8)
        let started = Date()
        let run = try CLIRunner.run(["run", Self.scenario, "--target", target.path, "--mode", "accelerated", "--speed", "20",
                                     "--out", dir.appendingPathComponent("run").path])
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 8, "stopped at the first rejection, not after 9 s of plant time")
        let history = try Self.history(dir.appendingPathComponent("run"), "X-live-pump-trip")
        let rejected = history.filter { $0["type"] as? String == "delivery" && $0["kind"] as? String == "rejected" }
        #expect(rejected.first?["status"] as? Int == 401)
        let error = history.first { $0["type"] as? String == "error" && ($0["message"] as? String ?? "").contains("401") }
        #expect((error?["message"] as? String)?.contains("uplink.token in \(target.path)") == true)
        #expect(error?["t"] as? Int == rejected.compactMap { $0["t"] as? Int }.min())
        let end = history.first { $0["type"] as? String == "end" }?["t"] as? Int ?? .max
        #expect(end < 180_000, "the scenario ended early")
    }

    @Test func aBrokenTargetFileIsOneDiagnosticWithoutADoubledErrorPrefix() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("bad.yaml")
        try "name: x\nobserve:\n  pol: {}\n".write(to: target, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", Self.scenario, "--target", target.path, "--mode", "accelerated",
                                     "--out", dir.appendingPathComponent("run").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(target.path):3:3: error: unknown key 'pol' in observe"), "\(run.stderr)")
        #expect(!run.stderr.contains("error: \(target.path)"), "no second 'error:' in front of the diagnostic")
    }
}
