import Foundation

/// Size limits a receiver enforces (and a sender respects).
public struct UplinkLimits: Hashable, Sendable, Codable {
    /// Largest request body, bytes (default 4 MiB). Over it: HTTP 413.
    public var maxBodyBytes: Int
    /// Most readings in one `ReadingsBatch` (default 50,000).
    public var maxReadings: Int
    /// Most alarms in one `AlarmBatch` (default 10,000).
    public var maxAlarms: Int
    /// Most targets (and equipments) in one `BasicData` (default 100,000).
    public var maxTargets: Int

    public init(maxBodyBytes: Int = 4 * 1024 * 1024, maxReadings: Int = 50_000, maxAlarms: Int = 10_000, maxTargets: Int = 100_000) {
        self.maxBodyBytes = maxBodyBytes; self.maxReadings = maxReadings; self.maxAlarms = maxAlarms
        self.maxTargets = maxTargets
    }

    public static let `default` = UplinkLimits()
}

/// Why a body was refused: where (a JSON path such as `$.datas[3].quality`) and what was expected.
/// `description` is `"<path>: <message>"`, the text a receiver returns as `{"error": …}`.
public struct UplinkError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Not JSON at all (syntax error, bad UTF-8, empty body).
        case malformedJSON
        /// A required key is absent.
        case missingKey
        /// A value of the wrong JSON type (including `null` where a value is required).
        case wrongType
        /// A value of the right type that is not allowed (unknown enum, limits out of order, …).
        case invalidValue
        /// More items than `UplinkLimits` allows in one batch (HTTP 400).
        case batchTooLarge
        /// The body is over `UplinkLimits.maxBodyBytes` (HTTP 413).
        case bodyTooLarge
    }

    public var kind: Kind
    /// JSONPath of the offending value: `$` for the whole body, `$.targets[2].lowValue01`, …
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind; self.path = path; self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// The HTTP status a receiver answers with: 413 for `bodyTooLarge`, 400 otherwise.
    public var httpStatus: Int { kind == .bodyTooLarge ? 413 : 400 }
}

/// Decodes and validates uploads. Never traps: every input gives a value or an `UplinkError`.
public struct UplinkDecoder: Sendable {
    public var limits: UplinkLimits

    public init(limits: UplinkLimits = .default) { self.limits = limits }

    /// Decodes `data` as `type` and checks it; the first problem found is returned.
    public static func decode<T: UplinkPayload>(_ type: T.Type, from data: Data, limits: UplinkLimits = .default)
        -> Result<T, UplinkError>
    {
        UplinkDecoder(limits: limits).decode(type, from: data)
    }

    public func decode<T: UplinkPayload>(_ type: T.Type, from data: Data) -> Result<T, UplinkError> {
        guard data.count <= limits.maxBodyBytes else {
            return .failure(
                UplinkError(.bodyTooLarge, path: "$", "body of \(data.count) bytes exceeds the limit of \(limits.maxBodyBytes)"))
        }
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            return .failure(Self.describe(error, data: data))
        } catch {
            return .failure(UplinkError(.malformedJSON, path: "$", "malformed JSON: \(error)"))
        }
        if let problem = value.problems(limits: limits).first { return .failure(problem) }
        return .success(value)
    }

    /// Decodes a body posted to the endpoint of `kind`.
    public func decode(_ kind: PayloadKind, from data: Data) -> Result<Payload, UplinkError> {
        switch kind {
        case .basic: decode(BasicData.self, from: data).map(Payload.basic)
        case .readings: decode(ReadingsBatch.self, from: data).map(Payload.readings)
        case .alarms: decode(AlarmBatch.self, from: data).map(Payload.alarms)
        case .heartbeat: decode(Heartbeat.self, from: data).map(Payload.heartbeat)
        }
    }

    /// `$`, `$.datas[3].quality`, `$.equipments[0].params["x y"]`.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var out = "$"
        for key in codingPath {
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == String(index) {
                out += "[\(index)]"
            } else if isIdentifier(key.stringValue) {
                out += ".\(key.stringValue)"
            } else {
                out += "[\"\(key.stringValue.replacingOccurrences(of: "\"", with: "\\\""))\"]"
            }
        }
        return out
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !CharacterSet.decimalDigits.contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && CharacterSet.alphanumerics.contains($0)) }
    }

    /// Turns Foundation's decoding errors into a path and an "expected …, found …" message.
    static func describe(_ error: DecodingError, data: Data) -> UplinkError {
        switch error {
        case .keyNotFound(let key, let context):
            return UplinkError(.missingKey, path: path(context.codingPath + [key]), "missing required key")
        case .valueNotFound(let type, let context):
            return UplinkError(.wrongType, path: path(context.codingPath), "expected \(jsonType(type)), found null")
        case .typeMismatch(let type, let context):
            let found = foundType(context.debugDescription).map { ", found \($0)" } ?? ""
            let expected = type == ParameterScalar.self ? "a number, a boolean or a string" : jsonType(type)
            return UplinkError(.wrongType, path: path(context.codingPath), "expected \(expected)\(found)")
        case .dataCorrupted(let context):
            return corrupted(context, data: data)
        @unknown default:
            return UplinkError(.malformedJSON, path: "$", "undecodable body")
        }
    }

    static func corrupted(_ context: DecodingError.Context, data: Data) -> UplinkError {
        let where_ = path(context.codingPath)
        if context.codingPath.isEmpty {
            return UplinkError(.malformedJSON, path: where_, "malformed JSON: \(syntaxProblem(context, data: data))")
        }
        let text = context.debugDescription
        if text.hasPrefix("expected ") { return UplinkError(.invalidValue, path: where_, text) }
        // Numbers that do not fit the field (e.g. 1.5 or 1e30 for a time in Unix milliseconds).
        if text.contains("does not fit") { return UplinkError(.wrongType, path: where_, "expected an integer, found \(numberIn(text))") }
        return UplinkError(.invalidValue, path: where_, text)
    }

    /// Foundation's JSONDecoder says only "not valid JSON" on Linux; its JSONSerialization names the
    /// position (`Invalid value around character 1.`, `Unexpected end of file during JSON parse.`).
    static func syntaxProblem(_ context: DecodingError.Context, data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo["NSDebugDescription"] as? String { return detail }
        }
        return context.underlyingError.map { "\($0)" } ?? context.debugDescription
    }

    /// The JSON type a Swift type reads from.
    static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is UInt8.Type, is Int32.Type, is UInt64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }

    /// `a string` from Foundation's "Expected to decode Int64 but found a string instead.".
    static func foundType(_ text: String) -> String? {
        guard let range = text.range(of: "but found ") else { return nil }
        var rest = text[range.upperBound...]
        for suffix in [" instead.", " instead", "."] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        let found = String(rest)
        switch found {
        case "a dictionary": return "an object"
        case "number": return "a number"
        default: return found.isEmpty ? nil : found
        }
    }

    /// `<1.5>` → `1.5` from "Parsed JSON number <1.5> does not fit in Int64.".
    static func numberIn(_ text: String) -> String {
        guard let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") else { return "a number" }
        return String(text[text.index(after: open)..<close])
    }
}

/// Encodes uploads: keys sorted, so equal payloads give equal bytes.
public enum UplinkEncoder {
    /// Throws `EncodingError` for a non-finite number (send `null` with quality 1 or 2 instead).
    public static func encode(_ payload: some UplinkPayload, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(payload)
    }

    public static func encode(_ payload: Payload, pretty: Bool = false) throws -> Data {
        switch payload {
        case .basic(let value): try encode(value, pretty: pretty)
        case .readings(let value): try encode(value, pretty: pretty)
        case .alarms(let value): try encode(value, pretty: pretty)
        case .heartbeat(let value): try encode(value, pretty: pretty)
        }
    }
}
