/// The four Modbus data tables.
public enum RegisterTable: String, Hashable, Sendable, Codable, CaseIterable {
    /// Read/write bits (FC 01 read, 05/15 write).
    case coils
    /// Read-only bits (FC 02).
    case discreteInputs
    /// Read-only 16-bit registers (FC 04).
    case inputRegisters
    /// Read/write 16-bit registers (FC 03 read, 06/16 write).
    case holdingRegisters

    public var isBitTable: Bool { self == .coils || self == .discreteInputs }

    /// Position in `allCases` (for array-indexed lookups).
    public var ordinal: Int {
        switch self {
        case .coils: 0
        case .discreteInputs: 1
        case .inputRegisters: 2
        case .holdingRegisters: 3
        }
    }
}

/// How a point's value is encoded in its registers.
public enum DataType: String, Hashable, Sendable, Codable, CaseIterable {
    /// Signed 16-bit, engineering value = raw × scale + offset.
    case int16
    /// Unsigned 16-bit, engineering value = raw × scale + offset.
    case uint16
    /// Signed 32-bit over two registers in the binding's word order.
    case int32
    /// Unsigned 32-bit over two registers.
    case uint32
    /// IEEE 754 single precision over two registers.
    case float32
    /// One bit (coils or discrete inputs): 1 when the value is non-zero.
    case bit

    /// Registers (or bits) the type occupies.
    public var width: Int {
        switch self {
        case .int16, .uint16, .bit: 1
        case .int32, .uint32, .float32: 2
        }
    }
}

/// Byte order of a 32-bit value over two registers, named by where the value's bytes
/// A (most significant) … D (least significant) land: register n holds the first pair.
public enum WordOrder: String, Hashable, Sendable, Codable, CaseIterable {
    /// Big-endian (Modbus convention): registers AB, CD.
    case ABCD
    /// Word swap: registers CD, AB.
    case CDAB
    /// Byte swap within words: registers BA, DC.
    case BADC
    /// Little-endian: registers DC, BA.
    case DCBA

    /// The order with words swapped (used by the `wordOrderSwap` protocol fault).
    public var wordSwapped: WordOrder {
        switch self {
        case .ABCD: .CDAB
        case .CDAB: .ABCD
        case .BADC: .DCBA
        case .DCBA: .BADC
        }
    }
}

/// Modbus exception codes used by the slave.
public enum ModbusException: UInt8, Hashable, Sendable, Codable, CaseIterable {
    case illegalFunction = 0x01
    case illegalDataAddress = 0x02
    case illegalDataValue = 0x03
    case serverDeviceFailure = 0x04
    case acknowledge = 0x05
    case serverDeviceBusy = 0x06
    case gatewayPathUnavailable = 0x0A
    case gatewayTargetFailedToRespond = 0x0B
}
