/// Modbus TCP framing (MBAP header) of a byte stream, and the exception replies the slave sends.
/// Pure, so that the request path's framing can be unit-tested and fuzzed without sockets.
public enum MBAPFraming {
    public enum Result: Equatable, Sendable {
        /// A complete frame (header + PDU) of this many bytes starts the stream.
        case complete(Int)
        /// Fewer bytes than the header or its length field announce.
        case needMore
        /// A header that cannot be resynchronised (protocol id ≠ 0, length outside 2…254).
        case malformed(String)
    }

    /// The largest MBAP length field (unit id + 253-byte PDU).
    public static let maxLength = 254

    /// How the stream starting at `bytes` frames.
    @inlinable
    public static func frameLength<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Result where Bytes.Element == UInt8 {
        guard bytes.count >= 7 else { return .needMore }
        let start = bytes.startIndex
        func byte(_ offset: Int) -> Int { Int(bytes[bytes.index(start, offsetBy: offset)]) }
        let protocolId = byte(2) << 8 | byte(3)
        let length = byte(4) << 8 | byte(5)
        guard protocolId == 0 else { return .malformed("protocol id \(protocolId) is not 0 (Modbus)") }
        guard (2...maxLength).contains(length) else { return .malformed("MBAP length \(length) is outside 2…254") }
        return bytes.count >= 6 + length ? .complete(6 + length) : .needMore
    }
}

/// The exception reply to a request frame (MBAP header + PDU of at least the function code):
/// same transaction and unit id, function code | 0x80, the exception code.
public enum ExceptionReply {
    public static func frame<Bytes: RandomAccessCollection>(request: Bytes, code: UInt8) -> [UInt8]
    where Bytes.Element == UInt8 {
        let header = Array(request.prefix(8))
        precondition(header.count == 8, "an exception answers a request of at least 8 bytes")
        return [header[0], header[1], 0, 0, 0, 3, header[6], header[7] | 0x80, code]
    }
}
