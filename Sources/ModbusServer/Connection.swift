/// One client connection: its socket, the bytes received but not yet framed, and replies
/// waiting for their send time (delay and split-frame faults).
final class Connection {
    struct Outgoing {
        var dueNs: UInt64
        var bytes: [UInt8]
    }

    let fd: Int32
    let endpoint: Int
    let peer: String
    var buffer: [UInt8] = []
    var outgoing: [Outgoing] = []

    init(fd: Int32, endpoint: Int, peer: String) {
        self.fd = fd
        self.endpoint = endpoint
        self.peer = peer
        buffer.reserveCapacity(512)
    }

    /// The length of the complete MBAP frame (header + PDU) at the start of `bytes`, or nil if
    /// more bytes are needed. Throws on a header that cannot be resynchronised (protocol id ≠ 0,
    /// length outside 2…254).
    static func frameLength(_ bytes: UnsafeBufferPointer<UInt8>) throws(FrameError) -> Int? {
        guard bytes.count >= 7 else { return nil }
        let protocolId = Int(bytes[2]) << 8 | Int(bytes[3])
        let length = Int(bytes[4]) << 8 | Int(bytes[5])
        guard protocolId == 0 else { throw FrameError(reason: "protocol id \(protocolId) is not 0 (Modbus)") }
        guard (2...254).contains(length) else { throw FrameError(reason: "MBAP length \(length) is outside 2…254") }
        return bytes.count >= 6 + length ? 6 + length : nil
    }
}

struct FrameError: Error {
    var reason: String
}
