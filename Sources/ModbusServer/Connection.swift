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

    /// The next complete MBAP frame (header + PDU) in the buffer, or nil if more bytes are
    /// needed. Throws on a header that cannot be resynchronised (protocol id ≠ 0, bad length).
    func nextFrame() throws(FrameError) -> [UInt8]? {
        guard buffer.count >= 7 else { return nil }
        let protocolId = Int(buffer[2]) << 8 | Int(buffer[3])
        let length = Int(buffer[4]) << 8 | Int(buffer[5])
        guard protocolId == 0 else { throw FrameError(reason: "protocol id \(protocolId) is not 0 (Modbus)") }
        guard (2...254).contains(length) else { throw FrameError(reason: "MBAP length \(length) is outside 2…254") }
        let total = 6 + length
        guard buffer.count >= total else { return nil }
        let frame = Array(buffer[0..<total])
        buffer.removeFirst(total)
        return frame
    }
}

struct FrameError: Error {
    var reason: String
}
