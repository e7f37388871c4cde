import Conformance
import Reports
import Testing

@Suite struct TerminalSummaryTests {
    static func verdict(_ id: String, _ outcome: Outcome, latency: Int64? = nil) -> Verdict {
        Verdict(id: id, kind: "alarmRaised", outcome: outcome, expected: "LL alarm on P raised in [t+0s, t+10s]",
                observed: outcome == .pass ? "P LL raised at t+2s" : "no matching alarm raised in the window",
                windowStartMs: 0, windowEndMs: 10_000, anchor: nil, latencyMs: latency, location: "s.yaml:3:5")
    }

    static func run(_ verdicts: [Verdict]) -> RunResult {
        let scenario = ScenarioResult(
            id: "S-1", titleZh: "测试", titleEn: "Test", file: "s.yaml", digest: "d", seed: 1, enterprises: ["E"],
            clauses: [], durationMs: 60_000, verdicts: verdicts, quality: .empty)
        return RunResult(tundishVersion: "0", seed: nil, mode: "lockstep", target: "reference", startedAt: "now",
                         replay: "tundish run", scenarios: [scenario])
    }

    @Test func passingRunShowsWorstLatencyAndTotals() {
        let text = TerminalSummary.render(Self.run([Self.verdict("a", .pass, latency: 2000), Self.verdict("b", .pass, latency: 500)]))
        #expect(text.contains("S-1       PASS    2     0     0      2s"))
        #expect(text.hasSuffix("1 scenarios, 2 expectations: 2 passed, 0 failed, 0 errors → PASS\n"))
    }

    @Test func failureIsExplainedWithLocation() {
        let run = Self.run([Self.verdict("a", .pass, latency: 2000), Self.verdict("b", .fail)])
        let text = TerminalSummary.render(run)
        #expect(text.contains("S-1 / b: FAIL at s.yaml:3:5"))
        #expect(text.contains("observed: no matching alarm raised in the window"))
        #expect(run.exitCode == 1)
    }
}
