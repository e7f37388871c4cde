import Foundation

/// Renames the keys of the default profile's JSON for a province's or vendor's profile, on the way
/// out (`outgoing`) and back (`incoming`), so the default payload types stay the single source.
///
/// Rules are keyed by a default-profile key:
/// - a plain key (`targetCode`) renames that key at any depth;
/// - a path (`datas[].time`, or `datas.time`) renames it only there (and wins over a plain rule).
///
/// Values are copied byte for byte (numbers are never re-formatted) and key order is kept, so
/// `incoming(outgoing(x)) == x`. The keys of `params` objects (free-form equipment parameters) are
/// never renamed. Input that is not JSON is passed through unchanged for the decoder to refuse.
public struct FieldMapping: Hashable, Sendable {
    /// Default key → profile key, at any depth.
    public private(set) var anyDepth: [String: String]
    /// Default key path (segments of default keys) → profile key.
    public private(set) var atPath: [[String]: String]
    private var anyDepthInverse: [String: String] = [:]
    private var atPathInverse: [[String]: String] = [:]  // parent path + [profile key] → default key

    /// The identity mapping.
    public static let identity = FieldMapping()

    public init() { anyDepth = [:]; atPath = [:] }

    /// `rules`: default key or path → profile key. Refuses an ambiguous mapping (two keys renamed
    /// to one name, or a key renamed to a name another default key keeps).
    public init(_ rules: [String: String]) throws {
        anyDepth = [:]; atPath = [:]
        for (from, to) in rules.sorted(by: { $0.key < $1.key }) {
            let segments = Self.segments(from)
            guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty }) else { throw FieldMappingError.badKey(from) }
            guard Self.isPlainKey(to) else { throw FieldMappingError.badTarget(from, to) }
            if segments.count == 1 { anyDepth[segments[0]] = to } else { atPath[segments] = to }
        }
        var targets: [String: String] = [:]
        for (from, to) in anyDepth.sorted(by: { $0.key < $1.key }) where from != to {
            if let other = targets[to] { throw FieldMappingError.collision(to, other, from) }
            if DefaultProfileKeys.all.contains(to), anyDepth[to] == nil || anyDepth[to] == to {
                throw FieldMappingError.collision(to, to, from)
            }
            targets[to] = from
        }
        var pathTargets: [[String]: String] = [:]
        for (path, to) in atPath.sorted(by: { $0.key.joined(separator: ".") < $1.key.joined(separator: ".") }) {
            let key = Array(path.dropLast()) + [to]
            if let other = pathTargets[key] { throw FieldMappingError.collision(to, other, path.joined(separator: ".")) }
            pathTargets[key] = path.last!
        }
        anyDepthInverse = targets
        atPathInverse = pathTargets
    }

    public var isIdentity: Bool { anyDepth.allSatisfy { $0.key == $0.value } && atPath.isEmpty }

    /// `datas[].targetCode` → `["datas", "targetCode"]`.
    static func segments(_ key: String) -> [String] {
        key.replacingOccurrences(of: "[]", with: "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// A key written without escapes: not empty, no quote, backslash or control character.
    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
    }

    /// Default-profile JSON → this profile's JSON.
    public func outgoing(_ json: Data) -> Data {
        isIdentity ? json : rewrite(json, outgoing: true)
    }

    /// This profile's JSON → default-profile JSON.
    public func incoming(_ json: Data) -> Data {
        isIdentity ? json : rewrite(json, outgoing: false)
    }

    /// The default key of a profile key at `parent` (default-named path).
    public func defaultName(of profileKey: String, at parent: [String] = []) -> String {
        if let original = atPathInverse[parent + [profileKey]] { return original }
        if let original = anyDepthInverse[profileKey], atPath[parent + [original]] == nil { return original }
        return profileKey
    }

    /// The profile key of a default key at `path` (for messages and senders).
    public func name(of defaultKey: String, at parent: [String] = []) -> String {
        atPath[parent + [defaultKey]] ?? anyDepth[defaultKey] ?? defaultKey
    }

    /// Copies `json`, renaming each object key (`name(of:at:)` outgoing, `defaultName(of:at:)`
    /// incoming); paths are tracked in *default* names both ways (arrays are transparent).
    private func rewrite(_ json: Data, outgoing: Bool) -> Data {
        let input = [UInt8](json)
        var out = [UInt8]()
        out.reserveCapacity(input.count + input.count / 8)
        // Frames: for objects, the default-named path of the object; `nil` for arrays.
        var stack: [(isObject: Bool, path: [String], opaque: Bool)] = []
        var expectingKey = false
        var pendingMember: String?  // default name of the member whose value comes next
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""):
                let end = Self.stringEnd(input, from: index)
                if expectingKey, let frame = stack.last, frame.isObject {
                    let raw = Array(input[(index + 1)..<max(index + 1, end - 1)])
                    if !frame.opaque, !raw.contains(UInt8(ascii: "\\")), end <= input.count, input[end - 1] == UInt8(ascii: "\"") {
                        let key = String(decoding: raw, as: UTF8.self)
                        let renamed = outgoing ? name(of: key, at: frame.path) : defaultName(of: key, at: frame.path)
                        out.append(UInt8(ascii: "\""))
                        out.append(contentsOf: Array(renamed.utf8))
                        out.append(UInt8(ascii: "\""))
                        pendingMember = outgoing ? key : renamed
                    } else {
                        out.append(contentsOf: input[index..<min(end, input.count)])
                        pendingMember = String(decoding: raw, as: UTF8.self)
                    }
                    expectingKey = false
                } else {
                    out.append(contentsOf: input[index..<min(end, input.count)])
                }
                index = end
                continue
            case UInt8(ascii: "{"):
                let parent = stack.last
                var path = parent?.path ?? []
                if let member = pendingMember, parent?.isObject == true { path.append(member) }
                let opaque = (parent?.isObject == true && pendingMember == "params") || (parent?.opaque ?? false)
                stack.append((true, path, opaque))
                expectingKey = true
                pendingMember = nil
            case UInt8(ascii: "["):
                let parent = stack.last
                var path = parent?.path ?? []
                if let member = pendingMember, parent?.isObject == true { path.append(member) }
                stack.append((false, path, parent?.opaque ?? false))
                pendingMember = nil
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = stack.last?.isObject ?? false
            default:
                break
            }
            out.append(byte)
            index += 1
        }
        return Data(out)
    }

    /// Index just past the closing quote of the string starting at `start` (or the end of input).
    static func stringEnd(_ input: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < input.count {
            switch input[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return input.count
    }
}

public enum FieldMappingError: Error, Hashable, Sendable, CustomStringConvertible {
    case badKey(String)
    case badTarget(String, String)
    /// `name` would stand for both `first` and `second`.
    case collision(String, String, String)

    public var description: String {
        switch self {
        case .badKey(let key): "'\(key)' is not a key or a key path like datas[].targetCode"
        case .badTarget(let key, let target): "'\(target)' (for '\(key)') must be a non-empty key without quotes, backslashes or control characters"
        case .collision(let name, let first, let second):
            first == name
                ? "'\(second)' renamed to '\(name)', which the default profile already uses (rename '\(name)' too)"
                : "'\(first)' and '\(second)' are both renamed to '\(name)'"
        }
    }
}

/// Every JSON key of the default profile's payloads (a test checks it against encoded examples).
public enum DefaultProfileKeys {
    public static let all: Set<String> = [
        // BasicData
        "profile", "version", "batchId", "companyCode", "companyName", "companyNameEn", "industry", "regionCode",
        "regionName", "gatewayCode", "sentAt", "equipments", "equipCode", "equipType", "params", "targets",
        "targetCode", "targetName", "targetNameEn", "unit", "kind", "states", "lowValue", "topValue", "lowValue01",
        "lowValue02", "topValue01", "topValue02", "samplePeriodMs", "critical", "clause",
        "interlocks", "name", "nameZh", "triggerPoints", "triggerSide", "trigger", "actions", "resultPoints",
        "activeWindow", "delayS",
        // ReadingsBatch
        "collectTime", "datas", "value", "quality", "time",
        // AlarmBatch
        "alarms", "alarmId", "alarmType", "alarmValue", "threshold", "alarmTime", "clearTime",
        // Heartbeat
        "onlineTargets", "totalTargets",
    ]
}
