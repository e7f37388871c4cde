import Conformance
import Foundation
import SimCore
import Testing

@testable import Observers

/// Observation starts at the target's state when the scenario starts (issue #13, defect 2): what the
/// target already held, and events whose own time is before the start, are set aside and counted in
/// one `setAside` record, never judged, whatever the observer kind.
@Suite struct ObservationStartTests {
    static let mapper = EventMapper(EventMapping(), epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)

    static func judged(_ records: [HistoryRecord]) -> [HistoryRecord] { records.filter { $0.source == .target } }

    @Test func aPollerStartedAfterAnEarlierRunTakesOnlyLaterEvents() async throws {
        let feed = EventFeed()
        await feed.add(5)
        try await TestServer.with(EventFeed.router(feed)) { port in
            let observer = try PollingObserverTests.observer(port: port, limit: 2)
            try await observer.start()
            #expect(await observer.currentCursor == "5", "start read the target up to its high-water mark")
            await feed.add(2)
            var records = await collect(observer, count: 2)
            await observer.stop()
            records += await observer.collect()
            #expect(Self.judged(records).map(\.reasons) == [["r6"], ["r7"]])
            let setAside = try #require(records.first { $0.type == .setAside })
            #expect(setAside.counts == [5])
            #expect(setAside.t == 0)
            #expect(setAside.source == .harness)
            #expect(setAside.message?.contains("5 already at the target when the scenario started") == true)
        }
    }

    @Test func aPollerWithoutACursorSetsAsideTheWholeListAtStart() async throws {
        let feed = EventFeed()
        await feed.add(3)
        try await TestServer.with(EventFeed.router(feed)) { port in
            let observer = try PollingObserverTests.observer(port: port, limit: 100, cursor: nil)
            try await observer.start()
            await feed.add(1)
            var records = await collect(observer, count: 1)
            await observer.stop()
            records += await observer.collect()
            #expect(Self.judged(records).map(\.reasons) == [["r4"]])
            #expect(records.first { $0.type == .setAside }?.counts == [3])
        }
    }

    @Test func polledEventsWithTimesBeforeTheStartAreSetAsideAndCounted() async throws {
        let feed = EventFeed()
        try await TestServer.with(EventFeed.router(feed)) { port in
            let observer = try PollingObserverTests.observer(port: port, limit: 10)
            try await observer.start()
            await feed.add(2, offsetMs: -60_000)
            await feed.add(1)
            await observer.stop()
            let records = await observer.collect()
            #expect(Self.judged(records).map(\.reasons) == [["r3"]])
            #expect(Self.judged(records).map(\.t) == [3000])
            let setAside = try #require(records.first { $0.type == .setAside })
            #expect(setAside.counts == [2])
            #expect(setAside.message?.contains("2 with a time before the scenario's start") == true)
        }
    }

    @Test func webhookEventsPushedWithTimesBeforeTheStartAreSetAside() async throws {
        let observer = WebhookObserver(TargetSpec.Webhook(listen: "127.0.0.1:0"), mapper: Self.mapper, wallClock: { 0 })
        try await observer.start()
        let url = try #require(await observer.hookURL)
        let stale = EventMapperTests.graded.replacingOccurrences(of: "1714521606000", with: "1714521590000")
        #expect(try await WebhookObserverTests.post(url, stale) == 200, "accepted, then set aside")
        #expect(try await WebhookObserverTests.post(url, EventMapperTests.raised) == 200)
        await observer.stop()
        let records = await observer.collect()
        #expect(Self.judged(records).map(\.type) == [.alarmRaised])
        #expect(records.first { $0.type == .setAside }?.counts == [1])
    }

    @Test func aFileThatAlreadyHoldsLinesIsReadFromItsEndAndWhatWasThereCounted() async throws {
        let path = JSONLFileObserverTests.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let line = JSONLFileObserverTests.oneLine
        try JSONLFileObserverTests.append(line(EventMapperTests.graded) + "\n\n" + line(EventMapperTests.raised) + "\n", to: path)
        var file = TargetSpec.JSONL(path: path)
        file.intervalMs = 10
        let observer = JSONLFileObserver(file, mapper: Self.mapper, wallClock: { 0 })
        try await observer.start()
        try JSONLFileObserverTests.append(line(EventMapperTests.interlock) + "\n", to: path)
        var records = await collect(observer, count: 1)
        await observer.stop()
        records += await observer.collect()
        #expect(Self.judged(records).map(\.type) == [.interlockActed])
        #expect(records.first { $0.type == .setAside }?.counts == [2], "two lines were there; the blank one is no event")
    }

    @Test func fromStartReadsWhatTheFileHeldButStillSetsAsideOlderEvents() async throws {
        let path = JSONLFileObserverTests.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let line = JSONLFileObserverTests.oneLine
        let stale = EventMapperTests.graded.replacingOccurrences(of: "1714521606000", with: "1714521590000")
        try JSONLFileObserverTests.append(line(stale) + "\n" + line(EventMapperTests.raised) + "\n", to: path)
        var file = TargetSpec.JSONL(path: path)
        file.fromStart = true
        let observer = JSONLFileObserver(file, mapper: Self.mapper, wallClock: { 0 })
        try await observer.start()
        await observer.stop()
        let records = await observer.collect()
        #expect(Self.judged(records).map(\.type) == [.alarmRaised])
        #expect(records.first { $0.type == .setAside }?.counts == [1])
    }

    /// `start()` reads the target's state first; the run's plant clock starts after it, and
    /// `align(_:)` moves the observer's wall→plant map there.
    @Test func alignMovesTheObserversPlantClockToTheRunsRealStart() async throws {
        let path = JSONLFileObserverTests.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try JSONLFileObserverTests.append("", to: path)
        let wall = EventMapperTests.timeMap.wallStartMs
        let clock = ManualClock(wall + 7_000)
        let observer: any TargetObserver = JSONLFileObserver(TargetSpec.JSONL(path: path), mapper: Self.mapper, wallClock: clock.read)
        try await observer.start()
        await observer.align(WallToPlant(wallStartMs: wall + 5_000, speed: 10))
        try JSONLFileObserverTests.append(JSONLFileObserverTests.oneLine(EventMapperTests.raised) + "\n", to: path)
        await observer.stop()
        let records = await observer.collect()
        #expect(records.map(\.seenMs) == [20_000], "2 s after the real start, at speed 10")
    }

    /// Poll failures are stamped at the plant time of the failed poll, and never after the scenario's
    /// end (the last poll happens after the run settles).
    @Test func pollFailuresAreStampedWhenTheyBeginAndNeverPastTheEnd() async throws {
        let port = try await TestServer.closedPort()
        let clock = ManualClock(EventMapperTests.timeMap.wallStartMs + 4_000)
        var map = EventMapperTests.timeMap
        map.plantEnd = SimInstant(milliseconds: 10_000)
        let observer = try PollingObserverTests.observer(port: port, timeMap: map, wallClock: clock.read)
        try await observer.start()
        clock.advance(by: 30_000)
        await observer.pollOnce()
        await observer.stop()
        let records = await observer.collect()
        #expect(records.map(\.type) == [.error, .error], "\(records)")
        #expect(records.map(\.t) == [4_000, 10_000], "the first at its poll; the summary held at the end")
        #expect(records.last?.message?.contains("times in a row, the last at") == true, "\(records.last?.message ?? "")")
    }
}
