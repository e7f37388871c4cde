import Conformance
import Foundation
import LiveHarness
import Reference
import Scenario
import SimCore
import Testing

/// Live runs in-process: the defects of issue 13 that made live verdicts wrong, each asserted on the
/// history a `LiveRun` returns and the verdicts the checker draws from it.
@Suite(.serialized) struct LiveRunTests {
    static func options(_ target: String, speed: Double) -> LiveRun.Options {
        var options = LiveRun.Options(target: target, speed: speed, rules: .defaults)
        options.referenceFile = Repository.path("Scenarios/targets/reference.yaml")
        options.runId = "t3st0001"
        options.log = { _ in }
        return options
    }

    static func judged(_ scenario: LoadedScenario, _ history: [HistoryRecord]) -> ScenarioResult {
        ScenarioResult.judged(ScenarioMeta(scenario, file: "x.yaml", seed: scenario.spec.seed), history: History(history))
    }

    @Test func batchesNeverDeliveredMakeTheScenarioAnErrorFromWhereTheLossBegan() async throws {
        let scenario = try Repository.scenario("Scenarios/aluminium/AL-01-mould-water-loss.yaml")
        var options = Self.options("reference", speed: 3000)
        options.drainTimeout = 0
        let result = try await LiveRun(options).run(scenario, seed: scenario.spec.seed)
        let undelivered = result.history.filter { $0.type == .delivery && $0.kind == "undelivered" }
        #expect(!undelivered.isEmpty, "at 3000× with no drain the target cannot have everything")
        let loss = try #require(undelivered.map(\.t).min())
        let error = try #require(result.history.first { $0.type == .error && $0.message?.contains("never reached") == true })
        #expect(error.t == loss, "stamped where the loss began, not at the end")
        #expect(error.message?.contains("\(undelivered.count) queued at the end") == true)
        #expect(undelivered.allSatisfy { $0.id?.contains("-t3st0001-AL-01-mould-water-loss-") == true })
        let summary = try #require(result.history.first { $0.type == .uplink })
        #expect(summary.counts?[3] == undelivered.count)
        let judged = Self.judged(scenario, result.history)
        #expect(judged.outcome == .error)
        #expect(judged.verdicts.allSatisfy { $0.outcome != .fail }, "nothing is failed on data the target never had")
    }

    @Test func aTargetAnswering401StopsTheScenarioAtTheFirstRejectionNamingTheToken() async throws {
        let scenario = try Repository.scenario("Tests/Targets/live-pump-trip.yaml")
        try await FakeTarget.with(uplinkStatus: .unauthorized) { port in
            let file = try FakeTarget.targetFile(port: port)
            let started = Date()
            let result = try await LiveRun(Self.options(file, speed: 20)).run(scenario, seed: 11)
            #expect(Date().timeIntervalSince(started) < 7, "not the 9 s the whole scenario takes at 20×")
            let rejected = result.history.filter { $0.type == .delivery && $0.kind == "rejected" }
            #expect(rejected.first?.status == 401)
            #expect(rejected.first?.message?.contains("invalid token") == true)
            let error = try #require(result.history.first { $0.type == .error && $0.message?.contains("401") == true })
            #expect(error.message?.contains("uplink.token in \(file)") == true)
            #expect(error.t == rejected.map(\.t).min())
            #expect(result.end < SimInstant(milliseconds: 180_000), "the scenario ended early")
            #expect(Self.judged(scenario, result.history).outcome == .error)
        }
    }

    @Test func otherClientErrorsAreRejectionsAndAnErrorWithoutStoppingTheScenario() async throws {
        let scenario = try Repository.scenario("Tests/Targets/live-pump-trip.yaml")
        try await FakeTarget.with(uplinkStatus: .unprocessableContent) { port in
            var options = Self.options(try FakeTarget.targetFile(port: port), speed: 90)
            options.drainTimeout = 5
            let result = try await LiveRun(options).run(scenario, seed: 11)
            #expect(result.end == SimInstant(milliseconds: 180_000))
            let rejected = result.history.filter { $0.type == .delivery && $0.kind == "rejected" }
            #expect(rejected.count > 10 && rejected.allSatisfy { $0.status == 422 })
            let error = try #require(result.history.first { $0.type == .error && $0.message?.contains("422") == true })
            #expect(error.t == 0, "the first batch (registration) was the first rejected")
            #expect(Self.judged(scenario, result.history).outcome == .error)
        }
    }
}
