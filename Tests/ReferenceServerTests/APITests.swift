import Foundation
import Hummingbird
import HummingbirdTesting
import Reference
import ReferenceServer
import Testing

@Suite struct APITests {
    func app(_ platform: Platform, token: String? = "secret", bodyLimit: Int = 4 << 20) -> some ApplicationProtocol {
        let routes = APIRoutes(platform: platform, token: token, bodyLimit: bodyLimit, version: "test", openAPI: Data("openapi: 3.1.0\n".utf8))
        return Application(router: routes.router())
    }

    func json(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) }

    @Test(arguments: [TestingSetup.router, .live])
    func queriesShowAlarmsGradesReadingsAndRegions(transport: TestingSetup) async throws {
        let platform = try Support.platform()
        try await Support.feedFlowLoss(platform)
        try await app(platform).test(transport) { client in
            try await client.execute(uri: "/api/v1/alarms?point=MW_Q_IN&level=LL", method: .get) { response in
                #expect(response.status == .ok)
                let alarms = try #require(try json(response.body) as? [String: Any])["alarms"] as? [[String: Any]]
                #expect(alarms?.count == 1)
                #expect(alarms?.first?["raisedAtMs"] as? Int64 == Support.t0 + 20_000)
                #expect(alarms?.first?["category"] as? String == "hazard")
                // A limit alarm has no kind: the key is left out, never `"kind": null`.
                #expect(alarms?.first?.keys.contains("kind") == false)
                #expect(!String(buffer: response.body).contains("\"kind\":null"))
                #expect((alarms?.first?["message"] as? String)?.contains("m³/h") == true, "the message has the unit")
            }
            try await client.execute(uri: "/api/v1/alarms?state=bogus", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("state: expected active"))
            }
            // Found by Tools/fuzz: limit=-1 crashed the platform (prefix of a negative length).
            for uri in ["/api/v1/alarms?limit=-1", "/api/v1/alarms?limit=0", "/api/v1/alarms?limit=x", "/api/v1/events?limit=-1"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(String(buffer: response.body).contains("limit: expected a positive integer"), "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/alarms?limit=1", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/enterprises", method: .get) { response in
                let list = try #require(try json(response.body) as? [[String: Any]])
                #expect(list.map { $0["code"] as? String } == [Support.code])
                #expect(list.first?["points"] as? Int == 33)
            }
            try await client.execute(uri: "/api/v1/readings/latest?enterprise=\(Support.code)", method: .get) { response in
                let list = try #require(try json(response.body) as? [[String: Any]])
                let flow = list.first { $0["point"] as? String == "MW_Q_IN" }
                #expect(flow?["value"] as? Double == 50)
            }
            try await client.execute(uri: "/api/v1/regulator/regions", method: .get) { response in
                let list = try #require(try json(response.body) as? [[String: Any]])
                #expect(list.first?["regionCode"] as? String == "450181")
                #expect((list.first?["unhandledAlarms"] as? Int ?? 0) >= 1)
            }
            try await client.execute(uri: "/api/v1/grades", method: .get) { response in
                let list = try #require(try json(response.body) as? [[String: Any]])
                #expect(list.first?["enterprise"] as? String == Support.code)
            }
            try await client.execute(uri: "/health", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1"))
            }
        }
    }

    @Test func handlingIsAuthenticatedValidatedAndRecordedOnce() async throws {
        let platform = try Support.platform()
        try await Support.feedFlowLoss(platform)
        let id = try #require(await platform.alarms().first { $0.point == "MW_Q_IN" && $0.level == .ll }?.id)
        let body = ByteBuffer(string: #"{"handler":"张工","result":"泵已重启"}"#)
        try await app(platform).test(.router) { client in
            try await client.execute(uri: "/api/v1/alarms/\(id)/handling", method: .post, body: body) { response in
                #expect(response.status == .unauthorized)
            }
            let auth: HTTPFields = [.authorization: "Bearer secret"]
            try await client.execute(uri: "/api/v1/alarms/\(id)/handling", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"handler": 3}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("$.handler: expected"))
            }
            try await client.execute(uri: "/api/v1/alarms/\(id)/handling", method: .post, headers: auth, body: body) { response in
                #expect(response.status == .ok)
                let alarm = try #require(try json(response.body) as? [String: Any])
                #expect(alarm["handler"] as? String == "张工")
                #expect(alarm["handledAtMs"] as? Int64 != nil)
            }
            try await client.execute(uri: "/api/v1/alarms/\(id)/handling", method: .post, headers: auth, body: body) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/alarms/nope/handling", method: .post, headers: auth, body: body) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(try platform.store.events(afterSeq: 0, limit: 1000).contains { $0.json.contains("\"alarmHandled\"") })
    }

    @Test func oversizedBodiesAreRefused() async throws {
        let platform = try Support.platform()
        try await app(platform, token: nil, bodyLimit: 64).test(.router) { client in
            let big = ByteBuffer(string: #"{"url":"http://127.0.0.1:1/"# + String(repeating: "x", count: 200) + "\"}")
            try await client.execute(uri: "/api/v1/webhooks", method: .post, body: big) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }
}
