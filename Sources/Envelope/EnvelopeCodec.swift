import Foundation

/// What MEM issues to one enterprise for the envelope: the app id and secret, and the SM4 key and
/// IV ("salt"), each 16 bytes written as 32 hex digits.
public struct EnvelopeCredentials: Hashable, Sendable, Codable {
    public var appId: String
    public var appSecret: String
    public var keyHex: String
    public var ivHex: String

    public init(appId: String, appSecret: String, keyHex: String, ivHex: String) {
        self.appId = appId; self.appSecret = appSecret; self.keyHex = keyHex; self.ivHex = ivHex
    }

    /// The 16-byte key; `SM4Error.wrongKeyLength` when `keyHex` is not 32 hex digits.
    public func key() throws -> [UInt8] {
        guard let bytes = Hex.decode(keyHex), bytes.count == SM4.keySize else {
            throw SM4Error.wrongKeyLength(Hex.decode(keyHex)?.count ?? keyHex.utf8.count / 2)
        }
        return bytes
    }

    /// The 16-byte IV; `SM4Error.wrongIVLength` when `ivHex` is not 32 hex digits.
    public func iv() throws -> [UInt8] {
        guard let bytes = Hex.decode(ivHex), bytes.count == SM4.blockSize else {
            throw SM4Error.wrongIVLength(Hex.decode(ivHex)?.count ?? ivHex.utf8.count / 2)
        }
        return bytes
    }
}

/// Why an envelope body was refused. `description` is `"<path>: <message>"` like `UplinkError`'s.
public struct EnvelopeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// Not a JSON object.
        case malformedJSON
        /// `appid` or `data` is absent.
        case missingKey
        /// `appid` or `data` is not a string.
        case wrongType
        /// No credentials for this app id (HTTP 401).
        case unknownAppId
        /// The app secret header is absent or does not match the app id's secret (HTTP 401).
        case wrongSecret
        /// `data` is not an even number of hex digits.
        case notHex
        /// The ciphertext does not decrypt (length, padding, key) or decrypts to something not JSON.
        case cannotDecrypt
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind; self.path = path; self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// 401 for an unknown app id or a wrong secret, 400 otherwise.
    public var httpStatus: Int { kind == .unknownAppId || kind == .wrongSecret ? 401 : 400 }
}

/// The MEM 粉尘涉爆-style envelope (domain notes §2.1): `POST` body `{"appid": "…", "data": "<hex>"}`
/// where `data` is the profile's JSON payload encrypted with SM4-CBC, PKCS#7 padding, with the
/// enterprise's key and IV, in lowercase hex; the app secret travels in an HTTP header.
public struct EnvelopeCodec: Hashable, Sendable {
    /// `appsecret`, the header of the MEM module.
    public static let defaultSecretHeader = "appsecret"

    /// The HTTP header carrying the app secret (compare case-insensitively: HTTP field names are).
    public var secretHeader: String
    /// The body's key names (`appid`, `data`).
    public var appIdKey: String
    public var dataKey: String

    public init(secretHeader: String = EnvelopeCodec.defaultSecretHeader, appIdKey: String = "appid", dataKey: String = "data") {
        self.secretHeader = secretHeader; self.appIdKey = appIdKey; self.dataKey = dataKey
    }

    public static let `default` = EnvelopeCodec()

    /// The envelope body for `payloadJSON` (keys sorted, no whitespace).
    public func seal(payloadJSON: Data, credentials: EnvelopeCredentials) throws -> Data {
        let cipher = try SM4.encryptCBC(plaintext: Array(payloadJSON), key: try credentials.key(), iv: try credentials.iv())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode([appIdKey: credentials.appId, dataKey: Hex.encode(cipher)])
    }

    /// True when `body` is a JSON object with the envelope's `appid` and `data` keys (whatever
    /// their values): a receiver that takes both plain and enveloped bodies tells them apart so.
    /// Cheap on plain bodies: JSON is parsed only when the body mentions the `"appid"` key at all.
    public func isEnvelope(_ body: Data) -> Bool {
        guard body.range(of: Data("\"\(appIdKey)\"".utf8)) != nil else { return false }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
        return object[appIdKey] != nil && object[dataKey] != nil
    }

    /// The app id of an envelope body, nil when it has none.
    public func appId(of body: Data) -> String? {
        (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?[appIdKey] as? String
    }

    /// The payload JSON inside `body`, decrypted with the credentials of its app id. The secret
    /// is not checked (see `open(body:appSecret:credentialsFor:)`).
    public func open(body: Data, credentialsFor: (String) -> EnvelopeCredentials?) -> Result<Data, EnvelopeError> {
        open(body: body, appSecret: nil, checkSecret: false, credentialsFor: credentialsFor)
    }

    /// As `open(body:credentialsFor:)`, and `appSecret` (the header's value; nil when absent)
    /// must equal the app id's secret, else `wrongSecret` (HTTP 401) before anything is decrypted.
    public func open(body: Data, appSecret: String?, credentialsFor: (String) -> EnvelopeCredentials?) -> Result<Data, EnvelopeError> {
        open(body: body, appSecret: appSecret, checkSecret: true, credentialsFor: credentialsFor)
    }

    func open(body: Data, appSecret: String?, checkSecret: Bool, credentialsFor: (String) -> EnvelopeCredentials?)
        -> Result<Data, EnvelopeError>
    {
        guard let parsed = try? JSONSerialization.jsonObject(with: body), let object = parsed as? [String: Any] else {
            return .failure(EnvelopeError(.malformedJSON, path: "$", "malformed JSON: expected an envelope object {\"\(appIdKey)\": …, \"\(dataKey)\": …}"))
        }
        let appIdPath = "$.\(appIdKey)", dataPath = "$.\(dataKey)"
        guard let rawAppId = object[appIdKey] else { return .failure(EnvelopeError(.missingKey, path: appIdPath, "missing required key")) }
        guard let appId = rawAppId as? String else { return .failure(EnvelopeError(.wrongType, path: appIdPath, "expected a string")) }
        guard let rawData = object[dataKey] else { return .failure(EnvelopeError(.missingKey, path: dataPath, "missing required key")) }
        guard let hex = rawData as? String else { return .failure(EnvelopeError(.wrongType, path: dataPath, "expected a string of hex digits")) }
        guard let credentials = credentialsFor(appId) else {
            return .failure(EnvelopeError(.unknownAppId, path: appIdPath, "unknown app id '\(appId)'"))
        }
        if checkSecret {
            guard let appSecret else {
                return .failure(EnvelopeError(.wrongSecret, path: "$", "the '\(secretHeader)' header is required"))
            }
            guard Self.equalInConstantTime(appSecret, credentials.appSecret) else {
                return .failure(EnvelopeError(.wrongSecret, path: "$", "wrong '\(secretHeader)' for app id '\(appId)'"))
            }
        }
        guard let cipher = Hex.decode(hex) else {
            let at = Hex.firstNonHex(hex).map { "a non-hex character at offset \($0)" } ?? "an odd number of digits"
            return .failure(EnvelopeError(.notHex, path: dataPath, "expected hex digits (SM4 ciphertext), found \(at)"))
        }
        let plain: [UInt8]
        do {
            plain = try SM4.decryptCBC(ciphertext: cipher, key: try credentials.key(), iv: try credentials.iv())
        } catch {
            return .failure(EnvelopeError(.cannotDecrypt, path: dataPath, "cannot decrypt: \(error)"))
        }
        let payload = Data(plain)
        guard (try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed])) != nil else {
            return .failure(EnvelopeError(.cannotDecrypt, path: dataPath, "cannot decrypt: the plaintext is not JSON (wrong key or IV?)"))
        }
        return .success(payload)
    }

    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0 && x.count == y.count
    }
}
