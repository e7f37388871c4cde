import Conformance
import Foundation
import SimCore
import Testing

@testable import Observers

/// What every observer does with an event, the same way: duplicates dropped (issue #13, defect 6),
/// the reported category passed through (defect 5), `seenMs` on every record, date-text times.
@Suite struct EventIntakeTests {
    static let mapper = ObservationStartTests.mapper

    @Test func aSecondDeliveryOfAnEventIsDroppedByIdAndTypeElseByContent() throws {
        var intake = EventIntake(mapper: Self.mapper)
        let raised = try JSONValue.parse(EventMapperTests.raised)
        let resent = try JSONValue.parse(EventMapperTests.raised.replacingOccurrences(of: #""kind":"limit""#, with: #""kind":"again""#))
        #expect(intake.take(raised, wallMs: 0) != nil)
        #expect(intake.take(resent, wallMs: 0) == nil, "same seq and type: the same event, though its JSON differs")
        #expect(intake.duplicates == 1)
        var mapping = EventMapping()
        mapping.eventId = nil
        var byContent = EventIntake(mapper: EventMapper(mapping, epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap))
        #expect(byContent.take(raised, wallMs: 0) != nil)
        #expect(byContent.take(resent, wallMs: 0) != nil, "without an event id, different JSON is a different event")
        #expect(byContent.take(raised, wallMs: 0) == nil)
    }

    @Test func everyObserverKindDropsDuplicates() async throws {
        let twice = "[" + [EventMapperTests.raised, EventMapperTests.raised, EventMapperTests.graded].joined(separator: ",") + "]"
        let hook = WebhookObserver(TargetSpec.Webhook(listen: "127.0.0.1:0"), mapper: Self.mapper, wallClock: { 0 })
        try await hook.start()
        let url = try #require(await hook.hookURL)
        #expect(try await WebhookObserverTests.post(url, twice) == 200)
        #expect(try await WebhookObserverTests.post(url, EventMapperTests.graded) == 200)
        await hook.stop()
        #expect(await hook.collect().map(\.type) == [.alarmRaised, .grade])
        #expect(await hook.duplicatesDropped == 2)

        let path = JSONLFileObserverTests.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let line = JSONLFileObserverTests.oneLine
        try JSONLFileObserverTests.append("", to: path)
        let file = JSONLFileObserver(TargetSpec.JSONL(path: path), mapper: Self.mapper, wallClock: { 0 })
        try await file.start()
        try JSONLFileObserverTests.append([line(EventMapperTests.raised), line(EventMapperTests.raised), line(EventMapperTests.graded),
                                           line(EventMapperTests.graded)].joined(separator: "\n") + "\n", to: path)
        await file.stop()
        #expect(await file.collect().map(\.type) == [.alarmRaised, .grade])

        let feed = EventFeed()
        try await TestServer.with(EventFeed.router(feed)) { port in
            let poller = try PollingObserverTests.observer(port: port, limit: 100)
            try await poller.start()
            await feed.add(2)
            await feed.doubleEvery()
            await poller.stop()
            #expect(await poller.collect().compactMap(\.reasons) == [["r1"], ["r2"]])
        }
    }

    @Test func heartbeatsAreNeverJudgedNorAnUnknownTypeNorSetAside() throws {
        var intake = EventIntake(mapper: Self.mapper, heartbeatTypes: ["PING"])
        let ping = try JSONValue.parse(#"{"type":"PING","timeMs":1}"#)
        intake.preexisting(ping)
        #expect(intake.take(ping, wallMs: 0) == nil, "no record, and no 'unknown event type' error")
        #expect(intake.setAsideRecord() == nil, "heartbeats are not events to set aside")
        #expect(intake.duplicates == 0)
        let other = try JSONValue.parse(#"{"type":"PONG","timeMs":1714521601000}"#)
        #expect(intake.take(other, wallMs: 0)?.message?.contains("unknown event type 'PONG'") == true)
    }

    @Test func everyRecordCarriesThePlantTimeItWasSeen() throws {
        var intake = EventIntake(mapper: Self.mapper)
        let record = intake.take(try JSONValue.parse(EventMapperTests.raised), wallMs: EventMapperTests.timeMap.wallStartMs + 7_500)
        #expect(record?.t == 5_250)
        #expect(record?.seenMs == 7_500, "lag = seenMs - t")
        let error = intake.take(text: "<html>", wallMs: EventMapperTests.timeMap.wallStartMs + 8_000)
        #expect(error?.type == .error)
        #expect(error?.seenMs == 8_000)
    }

    @Test func theReportedCategoryPassesThroughInOurWordsOrTheTargets() throws {
        var mapping = EventMapping()
        mapping.categories = ["PROC": "hazard"]
        let mapper = EventMapper(mapping, epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)
        func category(_ word: String) -> String? {
            let text = EventMapperTests.raised.replacingOccurrences(of: #""category":"hazard""#, with: #""category":"\#(word)""#)
            return mapper.record(text: text, receivedAtWallMs: 0)?.category
        }
        #expect(category("instrument") == "instrument")
        #expect(category("仪表") == "instrument", "the usual Chinese words need no table")
        #expect(category("工艺") == "hazard")
        #expect(category("PROC") == "hazard")
        let unknown = mapper.record(text: EventMapperTests.raised.replacingOccurrences(of: #""category":"hazard""#,
                                                                                      with: #""category":"其他""#),
                                    receivedAtWallMs: 0)
        #expect(unknown?.type == .error)
        #expect(unknown?.message?.contains("not in mapping.categories") == true)
    }

    @Test func eventTimesAsDateTextInTheTargetsZone() throws {
        var mapping = EventMapping()
        mapping.timeFormat = "yyyy-MM-dd HH:mm:ss"
        mapping.timeZone = "Asia/Shanghai"
        let mapper = EventMapper(mapping, epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)
        func t(_ time: String) -> HistoryRecord? {
            mapper.record(text: EventMapperTests.graded.replacingOccurrences(of: #""timeMs":1714521606000,"type""#,
                                                                             with: #""timeMs":\#(time),"type""#),
                          receivedAtWallMs: 0)
        }
        #expect(t(#""2024-05-01 08:00:05""#)?.t == 5_000, "the epoch is 2024-05-01 00:00:00 UTC, 08:00 in Shanghai")
        #expect(t("1714521606000")?.t == 6_000, "numbers are still Unix milliseconds")
        #expect(t(#""1714521607000""#)?.t == 7_000, "and so is numeric text")
        let bad = t(#""2024/05/01 08:00:05""#)
        #expect(bad?.type == .error)
        #expect(bad?.message?.contains("expected a time like 'yyyy-MM-dd HH:mm:ss' (in Asia/Shanghai), found '2024/05/01 08:00:05'") == true,
                "\(bad?.message ?? "")")
        mapping.timeZone = "+08:00"
        let offset = EventMapper(mapping, epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)
        #expect(offset.record(text: EventMapperTests.graded.replacingOccurrences(of: "1714521606000,\"type\"",
                                                                                 with: "\"2024-05-01 08:00:09\",\"type\""),
                              receivedAtWallMs: 0)?.t == 9_000)
        mapping.timeFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX"
        mapping.timeZone = nil
        let iso = EventMapper(mapping, epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)
        #expect(iso.record(text: EventMapperTests.graded.replacingOccurrences(of: "1714521606000,\"type\"",
                                                                              with: "\"2024-05-01T08:00:01.250+08:00\",\"type\""),
                           receivedAtWallMs: 0)?.t == 1_250)
    }
}
