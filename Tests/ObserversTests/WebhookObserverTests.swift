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

    static func post(_ url: String, _ body: String, token: String? = nil, headers: [String: String] = [:]) async throws -> UInt {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response.status.code
    }

    @Test func receivesTwoPosts() async throws {
        let observer = WebhookObserver(TargetSpec.Webhook(listen: "127.0.0.1:0", path: "/hook"), mapper: Self.mapper,
                                       wallClock: { EventMapperTests.timeMap.wallStartMs })
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
            #expect(JSONPointer(valid: "/types").resolve(in: subscribed) == .array([]), "[]: all types")
            #expect(JSONPointer(valid: "/secret").resolve(in: subscribed) == nil, "no secret declared, none sent")
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
        let error = await #expect(throws: ObserverError.self) { try await observer.start() }
        #expect(error?.message.contains("subscribing at http://127.0.0.1:\(port)/api/v1/webhooks failed: cannot connect") == true,
                "\(error?.message ?? "")")
        #expect(await observer.task == nil, "the receiver is closed again")
        await observer.stop()
    }

    /// Scenarios and runs must not pile up subscriptions to the same hook URL (each would deliver
    /// every event once more): a subscription the target named is withdrawn at `stop()`.
    @Test func theSubscriptionIsWithdrawnAtStop() async throws {
        let calls = Subscriptions()
        let router = Router()
        router.post("api/v1/webhooks") { _, _ -> Response in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"id":"7","url":"x","types":[]}"#)))
        }
        router.delete("api/v1/webhooks/:id") { request, context -> Response in
            await calls.add(context.parameters.get("id") ?? "", request.headers[.authorization] ?? "")
            return Response(status: .noContent)
        }
        try await TestServer.with(router) { port in
            var hook = TargetSpec.Webhook(listen: "127.0.0.1:0")
            hook.subscribe = "http://127.0.0.1:\(port)/api/v1/webhooks"
            hook.token = "t"
            let observer = WebhookObserver(hook, mapper: Self.mapper, wallClock: { 0 })
            try await observer.start()
            #expect(await calls.bodies.isEmpty)
            await observer.stop()
            #expect(await calls.bodies == ["7"])
            #expect(await calls.authorizations == ["Bearer t"])
        }
    }

    @Test func aSubscriptionTheTargetRefusesFailsStartWithItsAnswer() async throws {
        let router = Router()
        router.post("api/v1/webhooks") { _, _ -> Response in
            Response(status: .forbidden, body: .init(byteBuffer: ByteBuffer(string: "token expired")))
        }
        try await TestServer.with(router) { port in
            var hook = TargetSpec.Webhook(listen: "127.0.0.1:0")
            hook.subscribe = "http://127.0.0.1:\(port)/api/v1/webhooks"
            let observer = WebhookObserver(hook, mapper: Self.mapper, wallClock: { 0 })
            let error = await #expect(throws: ObserverError.self) { try await observer.start() }
            #expect(error?.message.hasSuffix("failed: the target answered 403: token expired") == true, "\(error?.message ?? "")")
            await observer.stop()
        }
    }

    /// The subscription's own secret, apart from the bearer token used to call the target: sent in
    /// the subscription, required on every POST; refusals are counted in error records.
    @Test func postsWithoutTheSubscriptionsSecretAreRefusedAndCounted() async throws {
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
            hook.token = "api-token"
            hook.secret = "hush"
            hook.types = ["alarmRaised", "interlockActed"]
            let observer = WebhookObserver(hook, mapper: Self.mapper, wallClock: { EventMapperTests.timeMap.wallStartMs + 100 })
            try await observer.start()
            let subscribed = try JSONValue.parse(await subscriptions.bodies.first ?? "")
            #expect(JSONPointer(valid: "/secret").resolve(in: subscribed) == .string("hush"))
            #expect(JSONPointer(valid: "/types").resolve(in: subscribed) == .array([.string("alarmRaised"), .string("interlockActed")]))
            #expect(await subscriptions.authorizations == ["Bearer api-token"], "the bearer token calls the target")
            let url = try #require(await observer.hookURL)
            #expect(try await Self.post(url, EventMapperTests.interlock, headers: ["X-Webhook-Secret": "hush"]) == 200)
            #expect(try await Self.post(url, EventMapperTests.raised, token: "api-token") == 401, "the token is not the secret")
            #expect(try await Self.post(url, EventMapperTests.raised) == 401)
            #expect(try await Self.post(url, EventMapperTests.raised, headers: ["X-Webhook-Secret": "guess"]) == 401)
            #expect(try await Self.post(url, EventMapperTests.graded, headers: ["X-Webhook-Secret": "hush"]) == 200)
            await observer.stop()
            let records = await observer.collect()
            #expect(records.map(\.type) == [.interlockActed, .error, .error, .error, .grade], "\(records)")
            #expect(records[1].message == "webhook: refused a POST to /events: no X-Webhook-Secret header (the subscription's secret)")
            #expect(records[2].message?.contains("(2 times in a row") == true, "\(records[2].message ?? "")")
            #expect(records[3].message?.contains("a wrong X-Webhook-Secret header") == true)
            #expect(records[1].t == 100)
        }
    }
}
