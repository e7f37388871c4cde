/// A plant's Modbus layout as its plant file declares it (`modbus:` section); everything has a
/// default, so an empty layout gives the documented default map.
public struct ModbusLayout: Hashable, Sendable {
    /// Unit id the plant answers on.
    public var unitId: UInt8
    /// Word order of 32-bit values that do not set their own.
    public var wordOrder: WordOrder
    /// Data type of analog points that do not set their own (default float32).
    public var analogType: DataType
    /// Expose one writable acknowledge coil per point (coil n ↔ point n in catalogue order).
    public var acknowledgeCoils: Bool
    /// Expose plant time in input registers (see `UnitMap.clockAddress`).
    public var clockRegisters: Bool
    /// Per-point changes, by point code.
    public var overrides: [String: RegisterOverride]

    public init(
        unitId: UInt8 = 1, wordOrder: WordOrder = .ABCD, analogType: DataType = .float32,
        acknowledgeCoils: Bool = true, clockRegisters: Bool = true, overrides: [String: RegisterOverride] = [:]
    ) {
        self.unitId = unitId; self.wordOrder = wordOrder; self.analogType = analogType
        self.acknowledgeCoils = acknowledgeCoils; self.clockRegisters = clockRegisters; self.overrides = overrides
    }
}

/// One point's register placement, overriding the generated default field by field.
public struct RegisterOverride: Hashable, Sendable {
    public var table: RegisterTable?
    public var address: Int?
    public var type: DataType?
    public var scale: Double?
    public var offset: Double?
    public var wordOrder: WordOrder?
    /// Allow writes (holding registers and coils only).
    public var writable: Bool?

    public init(
        table: RegisterTable? = nil, address: Int? = nil, type: DataType? = nil, scale: Double? = nil,
        offset: Double? = nil, wordOrder: WordOrder? = nil, writable: Bool? = nil
    ) {
        self.table = table; self.address = address; self.type = type; self.scale = scale; self.offset = offset
        self.wordOrder = wordOrder; self.writable = writable
    }
}

/// Where one point (or its quality, or its acknowledge coil) lives in a unit's tables.
public struct RegisterBinding: Hashable, Sendable, Codable {
    public enum Role: String, Hashable, Sendable, Codable {
        /// The point's measured value.
        case value
        /// The point's quality code (0 good, 1 bad, 2 offline).
        case quality
        /// A writable coil to acknowledge the point's alarms.
        case acknowledge
        /// Plant time: whole seconds since the scenario start (uint32, ABCD) …
        case clockSeconds
        /// … and the milliseconds within that second (uint16).
        case clockMillis
    }

    public var point: String
    public var pointIndex: Int
    public var role: Role
    public var table: RegisterTable
    public var address: Int
    public var type: DataType
    public var scale: Double
    public var offset: Double
    public var wordOrder: WordOrder
    public var writable: Bool

    public init(
        point: String, pointIndex: Int, role: Role, table: RegisterTable, address: Int, type: DataType,
        scale: Double = 1, offset: Double = 0, wordOrder: WordOrder = .ABCD, writable: Bool = false
    ) {
        self.point = point; self.pointIndex = pointIndex; self.role = role; self.table = table
        self.address = address; self.type = type; self.scale = scale; self.offset = offset
        self.wordOrder = wordOrder; self.writable = writable
    }

    /// Addresses occupied.
    public var addresses: Range<Int> { address..<(address + type.width) }
}

/// A layout that cannot be built (overlap, a type in the wrong table, an address out of range).
public struct LayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    public var point: String
    public var message: String
    public init(point: String, message: String) { self.point = point; self.message = message }
    public var description: String { "\(point): \(message)" }
}
