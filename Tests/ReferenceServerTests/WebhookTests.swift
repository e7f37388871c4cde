import Foundation
import Hummingbird
import Logging
import ReferenceServer
import Testing

/// Subscribers get alarm and grade events, in order, as JSON POSTs.
@Suite struct WebhookTests {
    actor Inbox {
        var bodies: [(hook: String, body: Data)] = []
        func add(_ hook: String, _ body: Data) { bodies.append((hook, body)) }
        func all() -> [(hook: String, body: Data)] { bodies }
    }

    static func decode(_ received: [(hook: String, body: Data)], hook: String) -> [[String: Any]] {
        received.filter { $0.hook == hook }.compactMap { try? JSONSerialization.jsonObject(with: $0.body) as? [String: Any] }
    }

    @Test func subscribersReceiveAlarmAndGradeEventsInOrder() async throws {
        let inbox = Inbox()
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            await inbox.add(request.uri.query ?? "all", Data(body.readableBytesView))
            return .ok
        }
        let (ports, portFeed) = AsyncStream.makeStream(of: Int.self)
        let receiver = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portFeed.yield($0.localAddress?.port ?? 0) })
        let platform = try Support.platform()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await receiver.runService() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            _ = try platform.store.addWebhook(url: "http://127.0.0.1:\(port)/hook", types: [])
            _ = try platform.store.addWebhook(url: "http://127.0.0.1:\(port)/hook?grades", types: ["gradeChanged"])
            group.addTask { await WebhookDispatcher(platform: platform, logger: Logger(label: "test")).run() }
            try await Support.feedFlowLoss(platform)
            try await platform.advance(toMs: Support.t0 + 20 * 60_000)
            let deadline = Date().addingTimeInterval(30)
            let stored = try platform.store.events(afterSeq: 0, limit: 10_000)
            let expected = stored.count, expectedGrades = stored.filter { $0.json.contains("\"gradeChanged\"") }.count
            while Date() < deadline {
                let inboxNow = await inbox.all()
                if Self.decode(inboxNow, hook: "all").count >= expected
                    && Self.decode(inboxNow, hook: "grades").count >= expectedGrades { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            group.cancelAll()
        }
        let received = await inbox.all()
        let events = Self.decode(received, hook: "all")
        let gradesOnly = Self.decode(received, hook: "grades")
        let stored = try platform.store.events(afterSeq: 0, limit: 10_000)
        // Every stored event reached the catch-all subscriber, once, in sequence order.
        #expect(events.compactMap { $0["seq"] as? Int } == stored.map { Int($0.seq) })
        #expect(events.contains { $0["type"] as? String == "alarmRaised" && ($0["alarm"] as? [String: Any])?["point"] as? String == "MW_Q_IN" })
        // The filtered subscriber got the grade changes only, with their reasons.
        #expect(!gradesOnly.isEmpty)
        #expect(gradesOnly.allSatisfy { $0["type"] as? String == "gradeChanged" && ($0["grade"] as? [String: Any])?["to"] != nil })
        #expect(gradesOnly.contains { (($0["grade"] as? [String: Any])?["reasons"] as? [String])?.isEmpty == false })
        #expect(gradesOnly.count == stored.filter { $0.json.contains("\"gradeChanged\"") }.count)
    }
}
