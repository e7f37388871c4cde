import Conformance
import Foundation
import Hummingbird
import NIOCore
import SimCore
import Testing

@testable import Observers

/// A health endpoint whose answer a test switches, counting the checks it answered.
actor HealthSwitch {
    var status: HTTPResponse.Status = .ok
    var checks = 0
    func set(_ s: HTTPResponse.Status) { status = s }
    func answer() -> HTTPResponse.Status { checks += 1; return status }

    static func router(_ health: HealthSwitch) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("health") { _, _ -> Response in Response(status: await health.answer()) }
        return router
    }

    /// Waits until `more` further checks were answered.
    func waitFor(_ more: Int) async {
        let target = checks + more
        for _ in 0..<1000 where checks < target { try? await Task.sleep(for: .milliseconds(10)) }
    }
}

/// Evidence of observation: `observed` records over the plant time an observer can vouch for,
/// from successful polls, or from the target's own signs of life (heartbeats, a health URL).
@Suite struct ObservationEvidenceTests {
    static let start = EventMapperTests.timeMap.wallStartMs
    static func ms(_ t: Int64) -> SimInstant { SimInstant(milliseconds: t) }

    @Test func consecutiveSignsMergeIntoOneSpanAndALongGapBreaksIt() {
        var spans = ObservationSpans(.liveness)
        var out: [HistoryRecord] = []
        for t: Int64 in [0, 1_000, 2_000, 9_000, 10_000] { out += spans.sign(at: Self.ms(t), wallMs: t, maxGapMs: 5_000) }
        out += spans.sign(at: Self.ms(20_000), wallMs: 20_000, maxGapMs: 5_000)
        out += spans.finish()
        #expect(out == [.observed(from: Self.ms(0), to: Self.ms(2_000), kind: .liveness),
                        .observed(from: Self.ms(9_000), to: Self.ms(10_000), kind: .liveness)],
                "a lone sign vouches for nothing")
        var polls = ObservationSpans(.poll)
        out = polls.sign(at: Self.ms(0), wallMs: 0) + polls.sign(at: Self.ms(500), wallMs: 500_000) + polls.interrupt()
        #expect(out == [.observed(from: Self.ms(0), to: Self.ms(500), kind: .poll)], "without a gap limit only a failure breaks")
    }

    /// Each successful poll vouches from the previous successful one; a failed poll breaks the span;
    /// spans never run past the scenario's end.
    @Test func successfulPollsVouchForTheirSpanAndAFailureBreaksIt() async throws {
        let feed = EventFeed()
        try await TestServer.with(EventFeed.router(feed)) { port in
            let clock = ManualClock(Self.start + 1_000)
            var map = EventMapperTests.timeMap
            map.plantEnd = Self.ms(10_000)
            let observer = try PollingObserverTests.observer(port: port, limit: 10, timeMap: map, wallClock: clock.read)
            await observer.pollOnce()
            clock.advance(by: 1_000)
            await observer.pollOnce()
            clock.advance(by: 1_000)
            await feed.setStatus(.serviceUnavailable)
            await observer.pollOnce()
            await feed.setStatus(.ok)
            for _ in 0..<2 {
                clock.advance(by: 1_000)
                await observer.pollOnce()
            }
            clock.advance(by: 20_000)
            await observer.stop()
            let records = await observer.collect()
            #expect(records.filter { $0.type == .observed } == [
                .observed(from: Self.ms(1_000), to: Self.ms(2_000), kind: .poll),
                .observed(from: Self.ms(4_000), to: Self.ms(10_000), kind: .poll),
            ], "\(records)")
            #expect(records.filter { $0.type == .error }.map(\.t) == [3_000])
        }
    }

    @Test func heartbeatsAreSignsOfLifeEvenThoughNeverJudged() async throws {
        let clock = ManualClock(Self.start)
        let liveness = TargetSpec.Liveness(heartbeat: TargetSpec.Heartbeat(types: ["HEARTBEAT"], intervalS: 10))
        let observer = WebhookObserver(TargetSpec.Webhook(listen: "127.0.0.1:0"), mapper: ObservationStartTests.mapper,
                                       liveness: liveness, wallClock: clock.read)
        try await observer.start()
        let url = try #require(await observer.hookURL)
        let beat = #"{"type":"HEARTBEAT","timeMs":1714521600000}"#
        for step: Int64 in [0, 5_000, 5_000, 20_000, 5_000] {
            clock.advance(by: step)
            #expect(try await WebhookObserverTests.post(url, beat) == 200)
        }
        await observer.stop()
        let records = await observer.collect()
        #expect(records == [.observed(from: Self.ms(0), to: Self.ms(10_000), kind: .liveness),
                            .observed(from: Self.ms(30_000), to: Self.ms(35_000), kind: .liveness)],
                "no unknown-type error although HEARTBEAT is in neither types nor ignoreTypes: \(records)")
    }

    @Test func heartbeatLinesInAFileAreSignsOfLifeToo() async throws {
        let path = JSONLFileObserverTests.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try JSONLFileObserverTests.append("", to: path)
        let clock = ManualClock(Self.start + 2_000)
        var mapping = EventMapping()
        mapping.ignoreTypes = ["HEARTBEAT"]
        let mapper = EventMapper(mapping, epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)
        let liveness = TargetSpec.Liveness(heartbeat: TargetSpec.Heartbeat(types: ["HEARTBEAT"], intervalS: 30))
        let observer = JSONLFileObserver(TargetSpec.JSONL(path: path), mapper: mapper, liveness: liveness, wallClock: clock.read)
        try await observer.start()
        for _ in 0..<3 {
            try JSONLFileObserverTests.append(#"{"type":"HEARTBEAT","timeMs":1714521600000}"# + "\n", to: path)
            await observer.readNew()
            clock.advance(by: 25_000)
        }
        await observer.stop()
        #expect(await observer.collect() == [.observed(from: Self.ms(2_000), to: Self.ms(52_000), kind: .liveness)])
    }

    /// A health URL checked on an interval: healthy checks join into liveness spans; a failing one
    /// breaks the span and is an error record stamped when the failure began.
    @Test func aHealthURLGivesLivenessSpansAndItsFailuresAreErrors() async throws {
        let health = HealthSwitch()
        try await TestServer.with(HealthSwitch.router(health)) { port in
            let wallStart = WallClocks.system()
            let mapper = EventMapper(EventMapping(), epochUnixMs: EventMapperTests.epoch, timeMap: WallToPlant(wallStartMs: wallStart))
            var check = TargetSpec.Health(url: "http://127.0.0.1:\(port)/health", intervalS: 0.02)
            check.timeoutMs = 20_000
            let observer = WebhookObserver(TargetSpec.Webhook(listen: "127.0.0.1:0"), mapper: mapper,
                                           liveness: TargetSpec.Liveness(health: check))
            try await observer.start()
            await health.waitFor(3)
            let down = WallClocks.system() - wallStart
            await health.set(.serviceUnavailable)
            await health.waitFor(3)
            await health.set(.ok)
            let up = WallClocks.system() - wallStart
            await health.waitFor(4)
            await observer.stop()
            let records = await observer.collect()
            let spans = records.filter { $0.type == .observed }
            #expect(spans.count == 2, "before and after the failure: \(records)")
            #expect(spans.allSatisfy { $0.kind == "liveness" && ($0.fromMs ?? 0) < $0.t })
            #expect((spans.first?.t ?? .max) <= up && (spans.last?.fromMs ?? 0) >= down)
            let errors = records.filter { $0.type == .error }
            #expect(errors.first?.message?.hasPrefix("health http://127.0.0.1:\(port)/health: the target answered 503") == true)
            #expect(errors.first.map { $0.t >= down && $0.t <= up } == true, "stamped when the failure began")
        }
    }
}
