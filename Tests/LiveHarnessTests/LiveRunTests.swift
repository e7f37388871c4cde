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

/// Hooks, platform actions and the epoch of a target file, in-process against the fake target.
@Suite(.serialized) struct LiveTargetFileTests {
    @Test func aFailingBeforeHookEndsTheScenarioAsAnErrorBeforeItStarts() async throws {
        let scenario = try Repository.scenario("Tests/Targets/live-pump-trip.yaml")
        let file = try FakeTarget.targetFile(port: 9, extra: """
            hooks:
              before:
                - {command: "echo 'tenant locked' >&2; exit 3"}
            """)
        let result = try await LiveRun(LiveRunTests.options(file, speed: 60)).run(scenario, seed: 11)
        let error = try #require(result.history.first { $0.type == .error })
        #expect(error.t == 0)
        #expect(error.message == "hook before[0] of \(file) failed, the scenario was not run: "
            + "command 'echo 'tenant locked' >&2; exit 3' exited with 3: tenant locked")
        #expect(result.end == .start)
        let judged = LiveRunTests.judged(scenario, result.history)
        #expect(judged.outcome == .error && judged.verdicts.allSatisfy { $0.outcome == .error })
    }

    @Test func platformStepsRunAsDeclaredActionsAndUndeclaredOnesAreErrorsAtTheirTime() async throws {
        let scenario = try Repository.scenario("Tests/Targets/live-platform-steps.yaml")
        let received = Received()
        try await FakeTarget.with(uplinkStatus: .ok, received: received) { port in
            let file = try FakeTarget.targetFile(port: port, extra: """
                actions:
                  maintenance: {url: "http://127.0.0.1:\(port)/actions/${ENTERPRISE}/${EQUIPMENT}/maintenance", body: '{"step": "${STEP}", "t": ${PLANT_MS}}'}
                hooks:
                  after:
                    - {url: "http://127.0.0.1:\(port)/actions/done/${RUN_ID}/${SCENARIO}"}
                """)
            let result = try await LiveRun(LiveRunTests.options(file, speed: 60)).run(scenario, seed: 11)
            let actions = await received.all().filter { $0.path.hasPrefix("/actions/") }
            #expect(actions.map(\.path) == ["/actions/4501810002AL/L1/maintenance", "/actions/done/t3st0001/X-live-platform-steps"])
            #expect(actions.first?.body == #"{"step": "into-maintenance", "t": 30000}"#)
            let errors = result.history.filter { $0.type == .error }
            #expect(errors.count == 1)
            #expect(errors.first?.t == 60_000)
            #expect(errors.first?.message?.contains("platform step 'disablePoint' (ew-disabled) at t+1m was not applied: "
                + "\(file) declares no actions.disablePoint") == true)
            #expect(LiveRunTests.judged(scenario, result.history).outcome == .error,
                    "the window ends after the step the target never got")
        }
    }

    @Test func liveRunsStampTodaysTimesUnlessTheTargetFileAsksForTheScenarioEpoch() async throws {
        let scenario = try Repository.scenario("Tests/Targets/live-platform-steps.yaml")
        for (extra, today) in [("", true), ("epoch: scenario\n", false)] {
            let received = Received()
            try await FakeTarget.with(uplinkStatus: .ok, received: received) { port in
                let file = try FakeTarget.targetFile(port: port, extra: extra)
                let started = Int64(Date().timeIntervalSince1970 * 1000)
                _ = try await LiveRun(LiveRunTests.options(file, speed: 240)).run(scenario, seed: 11)
                let readings = try #require(await received.all().first { $0.path.hasSuffix("/readings") })
                let object = try JSONSerialization.jsonObject(with: Data(readings.body.utf8)) as? [String: Any]
                let first = try #require((object?["datas"] as? [[String: Any]])?.first?["time"] as? Int64)
                if today {
                    #expect(abs(first - started) < 60_000, "plant time zero is the wall clock at the start")
                } else {
                    #expect(first - scenario.spec.epochUnixMs < 60_000 && first >= scenario.spec.epochUnixMs)
                }
            }
        }
    }

    @Test func receptionCountsComeFromTheDeclaredEndpointPerInterval() async throws {
        let scenario = try Repository.scenario("Tests/Targets/live-pump-trip.yaml")
        let received = Received()
        try await FakeTarget.with(uplinkStatus: .ok, received: received) { port in
            let file = try FakeTarget.targetFile(port: port, extra: """
                epoch: scenario
                reception:
                  url: "http://127.0.0.1:\(port)/received?e=${ENTERPRISE}&from=${FROM_MS}&to=${TO_MS}"
                  counts: /data
                  intervalS: 60
                """)
            let result = try await LiveRun(LiveRunTests.options(file, speed: 240)).run(scenario, seed: 11)
            let records = result.history.filter { $0.type == .received }
            #expect(records.map(\.t) == [60_000, 120_000, 180_000])
            let points = try #require(result.history.first { $0.type == .plant }?.points)
            let flow = try #require(points.firstIndex(of: "MW_Q_IN"))
            #expect(records.allSatisfy { $0.counts?[flow] == 5 && $0.counts?.reduce(0, +) == 5 && $0.source == .target })
            let queries = await received.all().filter { $0.method == "GET" }.map(\.path)
            let epoch = scenario.spec.epochUnixMs
            #expect(queries.first == "/received?e=4501810002AL&from=\(epoch)&to=\(epoch + 60_000)")
        }
    }
}
