import Envelope
import Foundation
import Testing
import UplinkProfile

/// The `{"appid", "data"}` envelope: seal and open, and every way an envelope can be refused.
@Suite struct EnvelopeCodecTests {
    static let credentials = EnvelopeCredentials(
        appId: "APP-4501810002AL", appSecret: "s3cret", keyHex: "0123456789abcdeffedcba9876543210",
        ivHex: "00112233445566778899aabbccddeeff")

    static func lookup(_ appId: String) -> EnvelopeCredentials? { appId == credentials.appId ? credentials : nil }

    static let payload = try! UplinkEncoder.encode(
        Heartbeat(batchId: "GW1-000000000001", companyCode: "4501810002AL", gatewayCode: "GW1", time: 1, onlineTargets: 2, totalTargets: 3))

    @Test func sealsAsAppIdAndLowercaseHexAndOpensBack() throws {
        let body = try EnvelopeCodec.default.seal(payloadJSON: Self.payload, credentials: Self.credentials)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: String])
        #expect(Set(object.keys) == ["appid", "data"])
        #expect(object["appid"] == "APP-4501810002AL")
        let hex = try #require(object["data"])
        #expect(hex == hex.lowercased() && hex.count % 32 == 0)
        let direct = try SM4.encryptCBC(plaintext: Array(Self.payload), key: try Self.credentials.key(), iv: try Self.credentials.iv())
        #expect(hex == Hex.encode(direct))
        #expect(EnvelopeCodec.default.isEnvelope(body))
        #expect(!EnvelopeCodec.default.isEnvelope(Self.payload))
        #expect(try EnvelopeCodec.default.open(body: body, credentialsFor: Self.lookup).get() == Self.payload)
        #expect(try EnvelopeCodec.default.open(body: body, appSecret: "s3cret", credentialsFor: Self.lookup).get() == Self.payload)
        #expect(EnvelopeCodec.default.secretHeader == "appsecret")
    }

    func refusal(_ body: String, secret: String? = "s3cret") -> EnvelopeError? {
        switch EnvelopeCodec.default.open(body: Data(body.utf8), appSecret: secret, credentialsFor: Self.lookup) {
        case .success: nil
        case .failure(let error): error
        }
    }

    @Test func refusesWithClearErrors() throws {
        let sealed = try EnvelopeCodec.default.seal(payloadJSON: Self.payload, credentials: Self.credentials)
        let data = try #require((try JSONSerialization.jsonObject(with: sealed) as? [String: String])?["data"])
        let cases: [(body: String, secret: String?, kind: EnvelopeError.Kind, text: String, status: Int)] = [
            ("not json", "s3cret", .malformedJSON, "$: malformed JSON", 400),
            (#"{"data":"00"}"#, "s3cret", .missingKey, "$.appid: missing required key", 400),
            (#"{"appid":"APP-4501810002AL"}"#, "s3cret", .missingKey, "$.data: missing required key", 400),
            (#"{"appid":7,"data":"00"}"#, "s3cret", .wrongType, "$.appid: expected a string", 400),
            (#"{"appid":"nobody","data":"00"}"#, "s3cret", .unknownAppId, "$.appid: unknown app id 'nobody'", 401),
            (#"{"appid":"APP-4501810002AL","data":"\#(data)"}"#, "wrong", .wrongSecret, "wrong 'appsecret'", 401),
            (#"{"appid":"APP-4501810002AL","data":"\#(data)"}"#, nil, .wrongSecret, "the 'appsecret' header is required", 401),
            (#"{"appid":"APP-4501810002AL","data":"xyz0"}"#, "s3cret", .notHex, "$.data: expected hex digits (SM4 ciphertext), found a non-hex character at offset 0", 400),
            (#"{"appid":"APP-4501810002AL","data":"abc"}"#, "s3cret", .notHex, "an odd number of digits", 400),
            (#"{"appid":"APP-4501810002AL","data":"00112233"}"#, "s3cret", .cannotDecrypt, "$.data: cannot decrypt: SM4 data must be a positive multiple of 16 bytes", 400),
            (#"{"appid":"APP-4501810002AL","data":"\#(String(repeating: "0", count: 64))"}"#, "s3cret", .cannotDecrypt, "$.data: cannot decrypt:", 400),
        ]
        for item in cases {
            let error = try #require(refusal(item.body, secret: item.secret), "\(item.body)")
            #expect(error.kind == item.kind, "\(item.body): \(error)")
            #expect(error.description.contains(item.text), "\(error)")
            #expect(error.httpStatus == item.status)
        }
    }

    @Test func aWrongKeyCannotDecrypt() throws {
        let body = try EnvelopeCodec.default.seal(payloadJSON: Self.payload, credentials: Self.credentials)
        var other = Self.credentials
        other.keyHex = "ffeeddccbbaa99887766554433221100"
        let error = try #require(EnvelopeCodec.default.open(body: body, credentialsFor: { _ in other }).failureValue)
        #expect(error.kind == .cannotDecrypt)
        #expect(error.description.hasPrefix("$.data: cannot decrypt: "))
    }

    @Test func badCredentialsAreReported() {
        var bad = Self.credentials
        bad.keyHex = "0011"
        #expect(throws: SM4Error.wrongKeyLength(2)) { try EnvelopeCodec.default.seal(payloadJSON: Self.payload, credentials: bad) }
        bad = Self.credentials
        bad.ivHex = "not hex"
        #expect(throws: SM4Error.self) { try EnvelopeCodec.default.seal(payloadJSON: Self.payload, credentials: bad) }
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
