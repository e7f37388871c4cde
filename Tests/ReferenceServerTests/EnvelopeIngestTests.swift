import Envelope
import Foundation
import Hummingbird
import HummingbirdTesting
import PlantModel
import Reference
import ReferenceServer
import Testing
import UplinkProfile

/// The platform ingests SM4 envelopes (`{"appid", "data"}` + `appsecret` header) exactly as plain
/// bodies: the same registration, the same alarms; wrong secrets get 401, garbage gets 400.
@Suite struct EnvelopeIngestTests {
    static let credentials = EnvelopeCredentials(
        appId: "APP-\(Support.code)", appSecret: "s3cret-al", keyHex: "0123456789abcdeffedcba9876543210",
        ivHex: "00112233445566778899aabbccddeeff")
    static let other = EnvelopeCredentials(
        appId: "APP-OTHER", appSecret: "other", keyHex: "ffeeddccbbaa99887766554433221100", ivHex: "0f0e0d0c0b0a09080706050403020100")

    func app(_ platform: Platform) -> some ApplicationProtocol {
        Application(router: APIRoutes(platform: platform, token: "k", version: "test", openAPI: nil,
                                      credentials: [Self.credentials, Self.other]).router())
    }

    func sealed(_ payload: some UplinkPayload) throws -> ByteBuffer {
        ByteBuffer(data: try EnvelopeCodec.default.seal(payloadJSON: try UplinkEncoder.encode(payload), credentials: Self.credentials))
    }

    let secret: HTTPFields = [.init("appsecret")!: "s3cret-al"]

    func readings(_ plant: Plant, second: Int, flow: Double) -> ReadingsBatch {
        var values = [Double](repeating: 0, count: plant.points.count)
        plant.write(into: &values)
        let time = Support.t0 + Int64(second) * 1000
        return ReadingsBatch(
            batchId: BatchId.make(gateway: "GW1", sequence: UInt64(second)), companyCode: plant.enterprise.code, gatewayCode: "GW1",
            collectTime: time,
            datas: plant.points.enumerated().map { index, point in
                ReadingsBatch.Reading(targetCode: point.code, value: point.code == "MW_Q_IN" ? flow : values[index], time: time)
            })
    }

    @Test func sealedRegistrationAndReadingsRaiseTheSameAlarm() async throws {
        let platform = try Platform(plants: [], rules: .defaults, store: try PlatformStore(path: nil), startMs: Support.t0)
        let plant = Plant(config: try Support.aluminium)
        let basic = BasicData(plant: plant, gatewayCode: "GW1", batchId: "GW1-basic", sentAt: Support.t0)
        try await app(platform).test(.router) { client in
            try await client.execute(uri: "/uplink/v1/basic", method: .post, headers: secret, body: try sealed(basic)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"accepted\":33"))
            }
            for second in 0..<40 {
                let batch = readings(plant, second: second, flow: second < 20 ? 200 : 50)
                try await client.execute(uri: "/uplink/v1/readings", method: .post, headers: secret, body: try sealed(batch)) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                }
            }
            // A resent sealed batch is a duplicate like a plain one.
            try await client.execute(uri: "/uplink/v1/readings", method: .post, headers: secret,
                                     body: try sealed(readings(plant, second: 39, flow: 50))) { response in
                #expect(String(buffer: response.body) == #"{"accepted":0,"duplicate":true}"#)
            }
            // Plain bodies still work with the bearer token, and only with it.
            let heartbeat = Heartbeat(batchId: "GW1-hb-1", companyCode: Support.code, gatewayCode: "GW1", time: Support.t0,
                                      onlineTargets: 33, totalTargets: 33)
            try await client.execute(uri: "/uplink/v1/heartbeat", method: .post, headers: [.authorization: "Bearer k"],
                                     body: ByteBuffer(data: try UplinkEncoder.encode(heartbeat))) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/uplink/v1/heartbeat", method: .post, headers: secret,
                                     body: ByteBuffer(data: try UplinkEncoder.encode(heartbeat))) { response in
                #expect(response.status == .unauthorized)
            }
        }
        let flowAlarms = await platform.alarms().filter { $0.point == "MW_Q_IN" && $0.level == .ll }
        #expect(flowAlarms.count == 1)
        #expect(flowAlarms.first?.raisedAt.milliseconds == Support.t0 + 20_000)
    }

    @Test func wrongSecretsAreUnauthorizedAndGarbageIsABadRequest() async throws {
        let platform = try Support.platform()
        let heartbeat = Heartbeat(batchId: "GW1-hb-1", companyCode: Support.code, gatewayCode: "GW1", time: Support.t0,
                                  onlineTargets: 33, totalTargets: 33)
        try await app(platform).test(.router) { client in
            let cases: [(headers: HTTPFields, body: ByteBuffer, status: HTTPResponse.Status, text: String)] = [
                ([.init("appsecret")!: "wrong"], try sealed(heartbeat), .unauthorized, "wrong 'appsecret' for app id 'APP-4501810002AL'"),
                ([.init("appsecret")!: "other"], try sealed(heartbeat), .unauthorized, "wrong 'appsecret'"),
                ([:], try sealed(heartbeat), .unauthorized, "Bearer"),
                ([.authorization: "Bearer k"], try sealed(heartbeat), .unauthorized, "the 'appsecret' header is required"),
                (secret, ByteBuffer(string: #"{"appid":"APP-NOBODY","data":"00"}"#), .unauthorized, "unknown app id 'APP-NOBODY'"),
                (secret, ByteBuffer(string: #"{"appid":"APP-4501810002AL","data":"garbage!"}"#), .badRequest,
                 "$.data: expected hex digits (SM4 ciphertext), found a non-hex character at offset 0"),
                (secret, ByteBuffer(string: #"{"appid":"APP-4501810002AL","data":"\#(String(repeating: "ab", count: 32))"}"#), .badRequest,
                 "$.data: cannot decrypt: "),
                (secret, ByteBuffer(string: #"{"appid":"APP-4501810002AL","data":"abcd"}"#), .badRequest,
                 "cannot decrypt: SM4 data must be a positive multiple of 16 bytes, found 2 bytes"),
            ]
            for item in cases {
                try await client.execute(uri: "/uplink/v1/heartbeat", method: .post, headers: item.headers, body: item.body) { response in
                    #expect(response.status == item.status, "\(String(buffer: response.body))")
                    #expect(String(buffer: response.body).contains(item.text), "\(String(buffer: response.body))")
                }
            }
            // A sealed payload that is itself invalid is refused like a plain one, with its path.
            let bad = try EnvelopeCodec.default.seal(payloadJSON: Data(#"{"batchId":"x"}"#.utf8), credentials: Self.credentials)
            try await client.execute(uri: "/uplink/v1/heartbeat", method: .post, headers: secret, body: ByteBuffer(data: bad)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("$.companyCode: missing required key"))
            }
        }
        #expect(try platform.store.uplinkRecordCount(kind: "heartbeat") == 0)
    }

    @Test func withoutCredentialsAnEnvelopeIsRefusedClearly() async throws {
        let platform = try Support.platform()
        let app = Application(router: APIRoutes(platform: platform, token: "k", version: "test", openAPI: nil).router())
        let heartbeat = Heartbeat(batchId: "GW1-hb-1", companyCode: Support.code, gatewayCode: "GW1", time: Support.t0,
                                  onlineTargets: 33, totalTargets: 33)
        try await app.test(.router) { client in
            try await client.execute(uri: "/uplink/v1/heartbeat", method: .post, headers: secret, body: try sealed(heartbeat)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/uplink/v1/heartbeat", method: .post, headers: [.authorization: "Bearer k"],
                                     body: try sealed(heartbeat)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("no app credentials configured"))
            }
        }
    }
}
