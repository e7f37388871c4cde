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
        #expect(run.stdout.contains("connection refused"))
        #expect(!run.stdout.contains("PASS  "))
    }

    @Test func lockstepNeedsTheReferenceTarget() throws {
        let run = try CLIRunner.run(["run", Self.scenario, "--target", "Tests/Targets/unreachable.yaml",
                                     "--out", FileManager.default.temporaryDirectory.appendingPathComponent("x-\(UUID())").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("lockstep mode needs the embedded reference platform"))
    }
}
