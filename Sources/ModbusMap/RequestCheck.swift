/// Validates a Modbus request PDU against a unit's map before libmodbus answers it, so that every
/// malformed or out-of-map request gets the right exception at once (libmodbus 3.1.6 would sleep
/// its response timeout before answering illegal function / quantity itself).
public enum RequestCheck {
    /// Function codes the slave serves.
    public static let supportedFunctions: Set<UInt8> = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0F, 0x10]

    /// What a request reads or writes: the table and address range.
    public struct Access: Hashable, Sendable {
        public var table: RegisterTable
        public var addresses: Range<Int>
        public var isWrite: Bool
    }

    /// The table and range the PDU addresses, if its shape is well formed.
    public static func access(_ pdu: ArraySlice<UInt8>) -> Access? {
        let bytes = Array(pdu)
        guard bytes.count >= 5 else { return nil }
        let function = bytes[0]
        let address = Int(bytes[1]) << 8 | Int(bytes[2])
        let word = Int(bytes[3]) << 8 | Int(bytes[4])
        switch function {
        case 0x01: return Access(table: .coils, addresses: address..<(address + word), isWrite: false)
        case 0x02: return Access(table: .discreteInputs, addresses: address..<(address + word), isWrite: false)
        case 0x03: return Access(table: .holdingRegisters, addresses: address..<(address + word), isWrite: false)
        case 0x04: return Access(table: .inputRegisters, addresses: address..<(address + word), isWrite: false)
        case 0x05: return Access(table: .coils, addresses: address..<(address + 1), isWrite: true)
        case 0x06: return Access(table: .holdingRegisters, addresses: address..<(address + 1), isWrite: true)
        case 0x0F: return Access(table: .coils, addresses: address..<(address + word), isWrite: true)
        case 0x10: return Access(table: .holdingRegisters, addresses: address..<(address + word), isWrite: true)
        default: return nil
        }
    }

    /// nil when libmodbus may answer the request normally; otherwise the exception to send.
    /// Order of checks follows the Modbus application protocol: function (01), quantity and
    /// shape (03), address (02), then writability (02: a read-only address is not a writable one).
    public static func check(_ pdu: ArraySlice<UInt8>, map: UnitMap) -> ModbusException? {
        let bytes = Array(pdu)
        guard let function = bytes.first, supportedFunctions.contains(function) else { return .illegalFunction }
        if let problem = shapeProblem(bytes) { return problem }
        guard let access = access(pdu) else { return .illegalDataValue }
        guard access.addresses.upperBound <= 65536, map.isDefined(access.table, access.addresses) else {
            return .illegalDataAddress
        }
        if access.isWrite && !map.isWritable(access.table, access.addresses) { return .illegalDataAddress }
        return nil
    }

    /// Length, quantity and byte-count rules per function (exception 03 when broken).
    static func shapeProblem(_ bytes: [UInt8]) -> ModbusException? {
        guard bytes.count >= 5 else { return .illegalDataValue }
        let word = Int(bytes[3]) << 8 | Int(bytes[4])
        switch bytes[0] {
        case 0x01, 0x02:
            return bytes.count == 5 && (1...2000).contains(word) ? nil : .illegalDataValue
        case 0x03, 0x04:
            return bytes.count == 5 && (1...125).contains(word) ? nil : .illegalDataValue
        case 0x05:
            return bytes.count == 5 && (word == 0x0000 || word == 0xFF00) ? nil : .illegalDataValue
        case 0x06:
            return bytes.count == 5 ? nil : .illegalDataValue
        case 0x0F:
            guard bytes.count >= 6, (1...1968).contains(word) else { return .illegalDataValue }
            let count = Int(bytes[5])
            return count == (word + 7) / 8 && bytes.count == 6 + count ? nil : .illegalDataValue
        case 0x10:
            guard bytes.count >= 6, (1...123).contains(word) else { return .illegalDataValue }
            let count = Int(bytes[5])
            return count == word * 2 && bytes.count == 6 + count ? nil : .illegalDataValue
        default:
            return .illegalFunction
        }
    }
}
