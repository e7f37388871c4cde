import ModbusMap

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
        switch MBAPFraming.frameLength(bytes) {
        case .complete(let length): return length
        case .needMore: return nil
        case .malformed(let reason): throw FrameError(reason: reason)
        }
    }
}

struct FrameError: Error {
    var reason: String
}
