import Conformance
import Foundation
import Hummingbird
import NIOCore
import SimCore
import Testing

@testable import Observers

/// A fake target's event store: `GET /api/v1/events?afterSeq=N&limit=M` like the reference platform.
actor EventFeed {
    var events: [String] = []
    var afterSeqs: [String] = []
    var inclusive = false
    var status: HTTPResponse.Status = .ok
    /// How long one answer takes (the others are immediate), and which (1: the first).
    var delayMs = 0
    var delayedAnswer = 1
    /// Added to every event's time (negative: events from before the scenario's start).
    var timeOffsetMs: Int64 = 0

    func add(_ count: Int) {
        for _ in 0..<count {
            let seq = events.count + 1
            events.append(#"{"seq":\#(seq),"type":"gradeChanged","timeMs":\#(EventMapperTests.epoch + Int64(seq) * 1000),"#
                + #""enterprise":"GT-001","grade":{"to":"yellow","from":"blue","reasons":["r\#(seq)"]}}"#)
        }
    }
    /// Events stamped `offsetMs` away from their usual time.
    func add(_ count: Int, offsetMs: Int64) {
        let before = events.count
        add(count)
        for i in before..<events.count {
            let seq = i + 1
            let usual = EventMapperTests.epoch + Int64(seq) * 1000
            events[i] = events[i].replacingOccurrences(of: "\(usual)", with: "\(usual + offsetMs)")
        }
    }
    /// Sends every event twice in each page.
    func doubleEvery() { events = events.flatMap { [$0, $0] } }
    func setInclusive(_ on: Bool) { inclusive = on }
    func setStatus(_ s: HTTPResponse.Status) { status = s }
    func delayAnswer(_ number: Int, ms: Int) { delayedAnswer = number; delayMs = ms }
    /// The delay for the answer being made now.
    func delayNow() -> Int { afterSeqs.count == delayedAnswer ? delayMs : 0 }

    func page(afterSeq: String?, limit: Int) -> (HTTPResponse.Status, String) {
        afterSeqs.append(afterSeq ?? "-")
        let after = Int(afterSeq ?? "0") ?? 0
        let from = inclusive ? max(0, after - 1) : after
        let slice = events.dropFirst(from).prefix(limit)
        return (status, status == .ok ? #"{"events":["# + slice.joined(separator: ",") + "]}" : "maintenance")
    }

    static func router(_ feed: EventFeed) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("api/v1/events") { request, _ -> Response in
            let q = request.uri.queryParameters
            let (status, body) = await feed.page(afterSeq: q.get("afterSeq"), limit: Int(q.get("limit") ?? "") ?? 1000)
            let delay = await feed.delayNow()
            if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
            return Response(status: status, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return router
    }
}

@Suite struct PollingObserverTests {
    static func observer(port: Int, limit: Int = 2, cursor: TargetSpec.Cursor? = .reference, timeMap: WallToPlant = EventMapperTests.timeMap,
                         wallClock: WallClock? = nil) throws -> PollingObserver {
        var poll = TargetSpec.Poll(url: "http://127.0.0.1:\(port)/api/v1/events?limit=\(limit)")
        poll.cursor = cursor
        poll.intervalMs = 20
        poll.timeoutMs = 20_000  // generous: the suite runs many tests at once on two cores
        let mapper = EventMapper(EventMapping(), epochUnixMs: EventMapperTests.epoch, timeMap: timeMap)
        return PollingObserver(poll, mapper: mapper, wallClock: wallClock ?? { EventMapperTests.timeMap.wallStartMs + 500 })
    }

    @Test func pagesAdvanceTheCursorWithoutDuplicates() async throws {
        let feed = EventFeed()
        await feed.add(5)
        try await TestServer.with(EventFeed.router(feed)) { port in
            let observer = try Self.observer(port: port)
            #expect(await observer.pollOnce() == true)
            #expect(await observer.pollOnce() == true)
            #expect(await observer.pollOnce() == true)
            #expect(await observer.pollOnce() == false, "an empty page")
            var records = await observer.collect()
            #expect(records.map { $0.reasons ?? [] } == (1...5).map { ["r\($0)"] })
            #expect(records.map(\.t) == [1000, 2000, 3000, 4000, 5000])
            #expect(await feed.afterSeqs == ["0", "2", "4", "5"])
            #expect(await observer.currentCursor == "5")
            // The loop picks up what arrives later, once.
            try await observer.start()
            await feed.add(3)
            records = await collect(observer, count: 3)
            await observer.stop()
            records += await observer.collect()
            #expect(records.map(\.reasons) == [["r6"], ["r7"], ["r8"]])
            #expect(records.allSatisfy { $0.type == .grade })
        }
    }

    /// Stopping while a poll is in flight abandons that poll on purpose (stop polls again to catch
    /// up): no error record for the cancelled request, and nothing lost.
    @Test func stoppingDuringAPollIsNotAnError() async throws {
        let feed = EventFeed()
        await feed.delayAnswer(2, ms: 5_000)
        try await TestServer.with(EventFeed.router(feed)) { port in
            let observer = try Self.observer(port: port, limit: 10)
            try await observer.start()
            await feed.add(2)
            for _ in 0..<500 where await feed.afterSeqs.count < 2 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(await feed.afterSeqs.count == 2, "the first poll after the start is in flight (its answer takes 5 s)")
            await observer.stop()
            let records = await observer.collect()
            #expect(!records.contains { $0.type == .error }, "\(records.filter { $0.type == .error })")
            #expect(records.map(\.reasons) == [["r1"], ["r2"]])
        }
    }

    @Test func aTargetRepeatingTheLastEventDoesNotDuplicateIt() async throws {
        let feed = EventFeed()
        await feed.add(3)
        await feed.setInclusive(true)
        try await TestServer.with(EventFeed.router(feed)) { port in
            let observer = try Self.observer(port: port, limit: 10)
            await observer.pollOnce()
            await observer.pollOnce()
            await feed.add(1)
            await observer.pollOnce()
            let records = await observer.collect()
            await observer.stop()
            #expect(records.map(\.reasons) == [["r1"], ["r2"], ["r3"], ["r4"]])
        }
    }

    @Test func aClosedPortIsAnErrorRecordNotSilence() async throws {
        let port = try await TestServer.closedPort()
        let observer = try Self.observer(port: port)
        await observer.pollOnce()
        await observer.pollOnce()
        await observer.pollOnce()
        var records = await observer.collect()
        #expect(records.count == 1, "one record for a streak of identical failures")
        #expect(records.first?.type == .error)
        #expect(records.first?.source == .target)
        #expect(records.first?.t == 500)
        #expect(records.first?.message?.hasPrefix("poll http://127.0.0.1:\(port)/api/v1/events?limit=2&afterSeq=0: cannot connect") == true,
                "\(records.first?.message ?? "")")
        await observer.stop()
        records = await observer.collect()
        #expect(records.count == 1)
        #expect(records.first?.message?.contains("4 times in a row") == true, "\(records.first?.message ?? "")")
    }

    @Test func nonSuccessAndNonsenseAnswersAreErrors() async throws {
        let feed = EventFeed()
        await feed.add(1)
        await feed.setStatus(.serviceUnavailable)
        try await TestServer.with(EventFeed.router(feed)) { port in
            let observer = try Self.observer(port: port)
            await observer.pollOnce()
            let down = await observer.collect()
            #expect(down.count == 1)
            #expect(down.first?.message?.contains("the target answered 503: maintenance") == true)
            await feed.setStatus(.ok)
            await observer.pollOnce()
            let back = await observer.collect()
            #expect(back.map(\.type) == [.grade], "recovery after one failure adds no summary")
            await observer.stop()
        }
        let wrong = PollingObserver(TargetSpec.Poll(url: "http://unused"), mapper: Self.mapper, client: .shared, wallClock: { 0 })
        #expect(await wrong.take(Array(#"{"items":[]}"#.utf8), url: "u") == nil)
        #expect(await wrong.collect().first?.message == "poll u: expected an array of events at /events of the response, found nothing")
        #expect(await wrong.take(Array("<html>".utf8), url: "u") == nil)
        #expect(await wrong.collect().first?.message?.hasPrefix("poll u: the response is not JSON") == true)
    }

    static let mapper = EventMapper(EventMapping(), epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)

    @Test func cursorGoesIntoTheQuery() async {
        var poll = TargetSpec.Poll(url: "http://h/e")
        poll.cursor = TargetSpec.Cursor(param: "after", field: JSONPointer(valid: "/id"), start: nil)
        let observer = PollingObserver(poll, mapper: Self.mapper, client: .shared, wallClock: { 0 })
        #expect(await observer.nextURL() == "http://h/e", "no start value: no parameter on the first poll")
        let page = #"[{"id":"a&b=1"},{"id":"x y"}]"#
        var items = poll
        items.items = JSONPointer(valid: "")
        let whole = PollingObserver(items, mapper: Self.mapper, client: .shared, wallClock: { 0 })
        #expect(await whole.take(Array(page.utf8), url: "u") == true)
        #expect(await whole.nextURL() == "http://h/e?after=x%20y")
        #expect(await whole.take(Array(#"[{"id":"a&b=1"}]"#.utf8), url: "u") == false, "seen before: nothing new")
        #expect(await whole.nextURL() == "http://h/e?after=a%26b%3D1")
    }
}
