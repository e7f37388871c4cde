/// The default HTTP uplink profile: the JSON payloads an enterprise gateway posts (basic data,
/// readings, alarms, heartbeats) and the reference platform ingests. See docs/uplink-profile.md.
///
/// Both sides use this module: the simulated gateway (issue 5) encodes with it, the reference
/// platform (issue 4) decodes and validates with it, so the two can never disagree on a field name.
public enum UplinkProfile {
    public static let name = "tundish-default"
    public static let version = 1
}

/// The four kinds of upload of the default profile.
public enum PayloadKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Registration: enterprise, equipment and points with units, ranges and the four limits.
    case basic
    /// Sampled values of points.
    case readings
    /// Plant-side (DCS) alarms, sent at once.
    case alarms
    /// Liveness of the gateway with the count of points online.
    case heartbeat

    /// `/uplink/v1/basic`, `/uplink/v1/readings`, `/uplink/v1/alarms`, `/uplink/v1/heartbeat`.
    public var defaultPath: String { "/uplink/v1/\(rawValue)" }
}

/// Where each payload kind is posted (always `POST`). Configurable because provinces differ.
public struct UplinkEndpoints: Hashable, Sendable, Codable {
    public var basic: String
    public var readings: String
    public var alarms: String
    public var heartbeat: String

    public init(basic: String, readings: String, alarms: String, heartbeat: String) {
        self.basic = basic; self.readings = readings; self.alarms = alarms; self.heartbeat = heartbeat
    }

    public static let `default` = UplinkEndpoints(
        basic: PayloadKind.basic.defaultPath, readings: PayloadKind.readings.defaultPath,
        alarms: PayloadKind.alarms.defaultPath, heartbeat: PayloadKind.heartbeat.defaultPath)

    public func path(for kind: PayloadKind) -> String {
        switch kind {
        case .basic: basic
        case .readings: readings
        case .alarms: alarms
        case .heartbeat: heartbeat
        }
    }

    /// The payload kind posted to `path`, if any.
    public func kind(forPath path: String) -> PayloadKind? {
        PayloadKind.allCases.first { self.path(for: $0) == path }
    }
}

/// What every payload of the profile has: its kind, its batch id and its sender.
public protocol UplinkPayload: Codable, Hashable, Sendable {
    static var kind: PayloadKind { get }
    var batchId: String { get }
    var companyCode: String { get }
    var gatewayCode: String { get }
    /// Semantic problems (beyond the JSON shape), each with its JSON path; empty when valid.
    func problems(limits: UplinkLimits) -> [UplinkError]
}

/// One upload of any of the four kinds.
public enum Payload: Hashable, Sendable {
    case basic(BasicData)
    case readings(ReadingsBatch)
    case alarms(AlarmBatch)
    case heartbeat(Heartbeat)

    public var kind: PayloadKind {
        switch self {
        case .basic: .basic
        case .readings: .readings
        case .alarms: .alarms
        case .heartbeat: .heartbeat
        }
    }

    /// The payload itself, for what all kinds share (`batchId`, `companyCode`, `gatewayCode`).
    public var body: any UplinkPayload {
        switch self {
        case .basic(let value): value
        case .readings(let value): value
        case .alarms(let value): value
        case .heartbeat(let value): value
        }
    }

    public var batchId: String { body.batchId }
    public var companyCode: String { body.companyCode }
    public var gatewayCode: String { body.gatewayCode }

    /// The default endpoint path of this payload.
    public var path: String { kind.defaultPath }
}

/// Batch ids: the sender numbers its batches; receivers drop a batch whose id they have seen.
///
/// The id is `<gateway>-<sequence, 12 digits>` (e.g. `GW-4501810002AL-000000000042`), deterministic
/// so that a batch resent from the spool after a restart keeps its id.
public enum BatchId {
    public static func make(gateway: String, sequence: UInt64) -> String {
        let digits = String(sequence)
        let padded = digits.count < 12 ? String(repeating: "0", count: 12 - digits.count) + digits : digits
        return "\(gateway)-\(padded)"
    }

    /// The gateway and sequence of an id made by `make`, or nil for any other text.
    public static func parse(_ id: String) -> (gateway: String, sequence: UInt64)? {
        guard let dash = id.lastIndex(of: "-") else { return nil }
        let gateway = String(id[..<dash])
        let digits = id[id.index(after: dash)...]
        guard !gateway.isEmpty, digits.count >= 12, digits.allSatisfy(\.isASCIIDigit),
            let sequence = UInt64(digits)
        else { return nil }
        return (gateway, sequence)
    }
}

/// Remembers the most recent `capacity` batch ids, so a receiver can drop duplicates (a resend
/// after a timeout whose first attempt did arrive) in constant memory.
public struct BatchDeduplicator: Sendable {
    public let capacity: Int
    private var seen: Set<String> = []
    private var order: [String] = []
    private var head = 0

    public init(capacity: Int = 100_000) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// True the first time an id is offered (the batch should be stored), false for a duplicate.
    public mutating func admit(_ id: String) -> Bool {
        guard !seen.contains(id) else { return false }
        seen.insert(id)
        if order.count < capacity {
            order.append(id)
        } else {
            seen.remove(order[head])
            order[head] = id
            head = (head + 1) % capacity
        }
        return true
    }

    public func contains(_ id: String) -> Bool { seen.contains(id) }
    public var count: Int { seen.count }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
