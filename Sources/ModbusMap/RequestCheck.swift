/// Validates a Modbus request PDU against a unit's map before libmodbus answers it, so that every
/// malformed or out-of-map request gets the right exception at once (libmodbus 3.1.6 would sleep
/// its response timeout before answering illegal function / quantity itself). Works on any byte
/// collection (the server passes the receive buffer itself, without copying).
public enum RequestCheck {
    /// Function codes the slave serves.
    public static let supportedFunctions: Set<UInt8> = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0F, 0x10]

    @inlinable
    static func isSupported(_ function: UInt8) -> Bool {
        switch function {
        case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0F, 0x10: true
        default: false
        }
    }

    /// What a request reads or writes: the table and address range.
    public struct Access: Hashable, Sendable {
        public var table: RegisterTable
        public var addresses: Range<Int>
        public var isWrite: Bool

        @inlinable
        public init(table: RegisterTable, addresses: Range<Int>, isWrite: Bool) {
            self.table = table; self.addresses = addresses; self.isWrite = isWrite
        }
    }

    /// The table and range the PDU addresses, if its shape is well formed.
    @inlinable
    public static func access<Bytes: RandomAccessCollection>(_ pdu: Bytes) -> Access? where Bytes.Element == UInt8 {
        guard pdu.count >= 5 else { return nil }
        let start = pdu.startIndex
        func byte(_ offset: Int) -> Int { Int(pdu[pdu.index(start, offsetBy: offset)]) }
        let address = byte(1) << 8 | byte(2)
        let word = byte(3) << 8 | byte(4)
        let (table, isWrite, count): (RegisterTable, Bool, Int)
        switch byte(0) {
        case 0x01: (table, isWrite, count) = (.coils, false, word)
        case 0x02: (table, isWrite, count) = (.discreteInputs, false, word)
        case 0x03: (table, isWrite, count) = (.holdingRegisters, false, word)
        case 0x04: (table, isWrite, count) = (.inputRegisters, false, word)
        case 0x05: (table, isWrite, count) = (.coils, true, 1)
        case 0x06: (table, isWrite, count) = (.holdingRegisters, true, 1)
        case 0x0F: (table, isWrite, count) = (.coils, true, word)
        case 0x10: (table, isWrite, count) = (.holdingRegisters, true, word)
        default: return nil
        }
        return Access(table: table, addresses: address..<(address + count), isWrite: isWrite)
    }

    /// nil when libmodbus may answer the request normally; otherwise the exception to send.
    /// Order of checks follows the Modbus application protocol: function (01), quantity and
    /// shape (03), address (02), then writability (02: a read-only address is not a writable one).
    @inlinable
    public static func check<Bytes: RandomAccessCollection>(_ pdu: Bytes, map: UnitMap) -> ModbusException?
    where Bytes.Element == UInt8 {
        guard let function = pdu.first, isSupported(function) else { return .illegalFunction }
        if let problem = shapeProblem(pdu) { return problem }
        guard let access = access(pdu) else { return .illegalDataValue }
        guard access.addresses.upperBound <= 65536, map.isDefined(access.table, access.addresses) else {
            return .illegalDataAddress
        }
        if access.isWrite && !map.isWritable(access.table, access.addresses) { return .illegalDataAddress }
        return nil
    }

    /// Length, quantity and byte-count rules per function (exception 03 when broken).
    @inlinable
    internal static func shapeProblem<Bytes: RandomAccessCollection>(_ pdu: Bytes) -> ModbusException?
    where Bytes.Element == UInt8 {
        let length = pdu.count
        guard length >= 5 else { return .illegalDataValue }
        let start = pdu.startIndex
        func byte(_ offset: Int) -> Int { Int(pdu[pdu.index(start, offsetBy: offset)]) }
        let word = byte(3) << 8 | byte(4)
        switch byte(0) {
        case 0x01, 0x02:
            return length == 5 && (1...2000).contains(word) ? nil : .illegalDataValue
        case 0x03, 0x04:
            return length == 5 && (1...125).contains(word) ? nil : .illegalDataValue
        case 0x05:
            return length == 5 && (word == 0x0000 || word == 0xFF00) ? nil : .illegalDataValue
        case 0x06:
            return length == 5 ? nil : .illegalDataValue
        case 0x0F:
            guard length >= 6, (1...1968).contains(word) else { return .illegalDataValue }
            return byte(5) == (word + 7) / 8 && length == 6 + byte(5) ? nil : .illegalDataValue
        case 0x10:
            guard length >= 6, (1...123).contains(word) else { return .illegalDataValue }
            return byte(5) == word * 2 && length == 6 + byte(5) ? nil : .illegalDataValue
        default:
            return .illegalFunction
        }
    }
}
