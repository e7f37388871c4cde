import AsyncHTTPClient
import Conformance
import Foundation
import Hummingbird
import NIOCore
import SimCore
import Testing

@testable import Observers

actor Subscriptions {
    var bodies: [String] = []
    var authorizations: [String] = []
    func add(_ body: String, _ auth: String) { bodies.append(body); authorizations.append(auth) }
}

@Suite struct WebhookObserverTests {
    static let mapper = EventMapper(EventMapping(), epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)

    static func post(_ url: String, _ body: String, token: String? = nil) async throws -> UInt {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response.status.code
    }

    @Test func receivesTwoPosts() async throws {
        let observer = WebhookObserver(TargetSpec.Webhook(listen: "127.0.0.1:0", path: "/hook"), mapper: Self.mapper,
                                       wallClock: { 0 })
        try await observer.start()
        let url = try #require(await observer.hookURL)
        #expect(url.hasPrefix("http://127.0.0.1:"))
        #expect(url.hasSuffix("/hook"))
        #expect(try await Self.post(url, EventMapperTests.raised) == 200)
        #expect(try await Self.post(url, EventMapperTests.graded) == 200)
        #expect(try await Self.post(url, "not json") == 400)
        #expect(try await Self.post(url, "[" + EventMapperTests.cleared + "," + EventMapperTests.interlock + "]") == 200)
        let records = await collect(observer, count: 5)
        await observer.stop()
        #expect(records.map(\.type) == [.alarmRaised, .grade, .error, .alarmCleared, .interlockActed])
        #expect(records.first?.id == "A-000007")
        #expect(records.first?.t == 5250)
        #expect(records[1].grade == "orange")
        #expect(records[2].message?.hasPrefix("event is not JSON") == true)
    }

    @Test func subscribesAtStartWithTheToken() async throws {
        let subscriptions = Subscriptions()
        let router = Router()
        router.post("api/v1/webhooks") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            await subscriptions.add(String(buffer: body), request.headers[.authorization] ?? "")
            return Response(status: .ok)
        }
        try await TestServer.with(router) { port in
            var hook = TargetSpec.Webhook(listen: "127.0.0.1:0", path: "/events")
            hook.subscribe = "http://127.0.0.1:\(port)/api/v1/webhooks"
            hook.token = "s3cret"
            hook.requireToken = true
            let observer = WebhookObserver(hook, mapper: Self.mapper, wallClock: { 0 })
            try await observer.start()
            let bodies = await subscriptions.bodies
            #expect(bodies.count == 1)
            let subscribed = try JSONValue.parse(bodies.first ?? "")
            let url = try #require(JSONPointer("/url").resolve(in: subscribed)?.scalarText)
            let hookURL = await observer.hookURL
            #expect(url == hookURL)
            #expect(await subscriptions.authorizations == ["Bearer s3cret"])
            #expect(try await Self.post(url, EventMapperTests.interlock, token: "s3cret") == 200)
            #expect(try await Self.post(url, EventMapperTests.interlock) == 401)
            let records = await collect(observer, count: 2)
            await observer.stop()
            #expect(records.map(\.type) == [.interlockActed, .error])
            #expect(records.last?.message?.contains("without the expected bearer token") == true)
        }
    }

    @Test func aRefusedSubscriptionFailsStart() async throws {
        let port = try await TestServer.closedPort()
        var hook = TargetSpec.Webhook(listen: "127.0.0.1:0")
        hook.subscribe = "http://127.0.0.1:\(port)/api/v1/webhooks"
        let observer = WebhookObserver(hook, mapper: Self.mapper, wallClock: { 0 })
        await #expect(throws: ObserverError.self) { try await observer.start() }
        await observer.stop()
    }
}
