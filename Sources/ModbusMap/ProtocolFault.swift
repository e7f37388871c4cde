import SimCore

/// A protocol-level fault a scenario schedules on the Modbus slave, for a span of plant time.
/// Scope: a unit id (nil: every unit) and optionally a table and address range.
public struct ProtocolFault: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Answer matching requests with this exception code.
        case exception(code: UInt8)
        /// Answer after this many milliseconds of wall time (other connections are not held up).
        case delay(delayMs: Int)
        /// Do not answer matching requests.
        case noReply
        /// Close the connection when a matching request arrives.
        case dropConnection
        /// Accept and at once close new connections on the unit's port.
        case refuseConnections
        /// Registers stop updating (the plant moves on; clients keep reading the old values).
        case freeze
        /// 32-bit values are sent with their words swapped.
        case wordOrderSwap
        /// The reply is sent in `pieces` TCP writes `gapMs` apart.
        case splitFrame(pieces: Int, gapMs: Int)
        /// The reply is replaced by this many seeded random bytes.
        case garbage(bytes: Int)

        public var name: String {
            switch self {
            case .exception: "exception"
            case .delay: "delay"
            case .noReply: "noReply"
            case .dropConnection: "dropConnection"
            case .refuseConnections: "refuseConnections"
            case .freeze: "freeze"
            case .wordOrderSwap: "wordOrderSwap"
            case .splitFrame: "splitFrame"
            case .garbage: "garbage"
            }
        }
    }

    public var kind: Kind
    public var unitId: UInt8?
    public var table: RegisterTable?
    public var addresses: Range<Int>?

    public init(kind: Kind, unitId: UInt8? = nil, table: RegisterTable? = nil, addresses: Range<Int>? = nil) {
        self.kind = kind; self.unitId = unitId; self.table = table; self.addresses = addresses
    }

    /// Whether a request to `unit` touching `access` (nil: shape unknown) is in scope.
    public func matches(unit: UInt8, access: RequestCheck.Access?) -> Bool {
        if let unitId, unitId != unit { return false }
        guard table != nil || addresses != nil else { return true }
        guard let access else { return false }
        if let table, table != access.table { return false }
        if let addresses, !addresses.overlaps(access.addresses) { return false }
        return true
    }

    /// Whether a register binding is in scope (for freeze and word-order faults).
    public func matches(unit: UInt8, binding: RegisterBinding) -> Bool {
        if let unitId, unitId != unit { return false }
        if let table, table != binding.table { return false }
        if let addresses, !addresses.overlaps(binding.addresses) { return false }
        return true
    }
}

/// Protocol faults with their plant-time spans; answers which are active at an instant.
public struct ProtocolFaultSchedule: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var fault: ProtocolFault
        public var start: SimInstant
        /// nil: until the scenario ends.
        public var end: SimInstant?
        public var name: String?
        public init(fault: ProtocolFault, start: SimInstant, end: SimInstant?, name: String? = nil) {
            self.fault = fault; self.start = start; self.end = end; self.name = name
        }
    }

    public var entries: [Entry]
    public init(entries: [Entry] = []) { self.entries = entries }

    public func active(at time: SimInstant) -> [ProtocolFault] {
        entries.filter { $0.start <= time && ($0.end.map { time < $0 } ?? true) }.map(\.fault)
    }
}
