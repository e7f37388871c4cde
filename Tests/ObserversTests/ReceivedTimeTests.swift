import Conformance
import Foundation
import SimCore
import Testing

@testable import Observers

/// `time: received`: an event is stamped halfway between the observer's previous complete look at
/// the target and its receipt, in plant time; `seenMs` keeps the receipt itself.
@Suite struct ReceivedTimeTests {
    static let wallStart: Int64 = 2_000_000_000_000

    final class Clock: @unchecked Sendable {
        let lock = NSLock()
        var ms: Int64 = ReceivedTimeTests.wallStart
        func set(_ offset: Int64) { lock.withLock { ms = ReceivedTimeTests.wallStart + offset } }
        func now() -> Int64 { lock.withLock { ms } }
    }

    static func page(_ seqs: [Int]) -> [UInt8] {
        let events = seqs.map {
            #"{"seq":\#($0),"type":"gradeChanged","timeMs":0,"enterprise":"GT-001","grade":{"to":"yellow"}}"#
        }
        return Array((#"{"events":["# + events.joined(separator: ",") + "]}").utf8)
    }

    @Test func polledEventsAreStampedHalfwayBetweenTheLastCaughtUpPollAndTheirs() async throws {
        let clock = Clock()
        let timeMap = WallToPlant(wallStartMs: Self.wallStart, speed: 10)
        let mapper = EventMapper(EventMapping(), time: .received, epochUnixMs: 0, timeMap: timeMap)
        var poll = TargetSpec.Poll(url: "http://127.0.0.1:1/api/v1/events?limit=1")
        poll.cursor = .reference
        let observer = PollingObserver(poll, mapper: mapper, wallClock: { clock.now() })
        clock.set(1000)
        await observer.take(Self.page([]), url: poll.url)        // caught up at wall +1 s
        clock.set(3000)
        await observer.take(Self.page([1]), url: poll.url)       // a full page: more may be waiting
        clock.set(3400)
        await observer.take(Self.page([2]), url: poll.url)       // the next page, same look
        clock.set(3500)
        await observer.take(Self.page([]), url: poll.url)        // caught up at wall +3.5 s
        clock.set(5500)
        await observer.take(Self.page([3]), url: poll.url)
        let grades = await observer.collect().filter { $0.type == .grade }
        // Plant ms = wall offset × speed 10: +2 s, +2.2 s, +4.5 s halfway; seen at +3 s, +3.4 s, +5.5 s.
        #expect(grades.map(\.t) == [20_000, 22_000, 45_000])
        #expect(grades.map(\.seenMs) == [30_000, 34_000, 55_000])
        await observer.stop()
    }

    @Test func theMidpointNeverReachesBackBeforeTheScenarioNorAppliesToEventTimes() throws {
        #expect(EventMapper.midpoint(since: Self.wallStart - 5000, Self.wallStart + 1000, notBefore: Self.wallStart)
            == Self.wallStart + 500)
        #expect(EventMapper.midpoint(since: nil, Self.wallStart + 1000, notBefore: Self.wallStart) == Self.wallStart + 1000)
        let timeMap = WallToPlant(wallStartMs: Self.wallStart, speed: 10)
        let event = try JSONValue.parse(#"{"seq":1,"type":"gradeChanged","timeMs":7000,"enterprise":"E","grade":{"to":"red"}}"#)
        let field = EventMapper(EventMapping(), time: .field, epochUnixMs: 0, timeMap: timeMap)
        #expect(field.record(for: event, receivedAtWallMs: Self.wallStart + 3000, sinceWallMs: Self.wallStart)?.t == 7000)
        let pushed = EventMapper(EventMapping(), time: .received, epochUnixMs: 0, timeMap: timeMap)
        #expect(pushed.record(for: event, receivedAtWallMs: Self.wallStart + 3000)?.t == 30_000)  // a webhook: at receipt
    }
}
