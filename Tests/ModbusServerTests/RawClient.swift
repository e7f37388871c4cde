import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A bare TCP client for tests: sends exact bytes, reads what comes back with a timeout.
final class RawClient {
    let fd: Int32

    init(port: UInt16, timeoutMs: Int = 1000) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw TestError("connect failed: \(String(cString: strerror(errno)))")
        }
        var timeout = timeval(tv_sec: timeoutMs / 1000, tv_usec: Int((timeoutMs % 1000) * 1000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(fd) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until `count` bytes arrived, the peer closed, or the timeout passed.
    func receive(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while out.count < count {
            let n = recv(fd, &chunk, min(chunk.count, count - out.count), 0)
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// True when the server closed the connection (EOF) within the timeout.
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    /// A full request ADU: MBAP (transaction id, protocol 0, length) + unit + PDU.
    static func frame(transaction: UInt16 = 1, unit: UInt8, pdu: [UInt8], protocolId: UInt16 = 0) -> [UInt8] {
        let length = UInt16(pdu.count + 1)
        return [
            UInt8(transaction >> 8), UInt8(transaction & 0xFF), UInt8(protocolId >> 8), UInt8(protocolId & 0xFF),
            UInt8(length >> 8), UInt8(length & 0xFF), unit,
        ] + pdu
    }

    static func read(_ function: UInt8, address: UInt16, count: UInt16) -> [UInt8] {
        [function, UInt8(address >> 8), UInt8(address & 0xFF), UInt8(count >> 8), UInt8(count & 0xFF)]
    }

    /// Sends a request and returns the reply PDU (after the 7-byte MBAP header), or nil on no reply.
    func request(unit: UInt8, pdu: [UInt8], transaction: UInt16 = 1) -> [UInt8]? {
        send(Self.frame(transaction: transaction, unit: unit, pdu: pdu))
        let header = receive(7)
        guard header.count == 7 else { return nil }
        let length = Int(header[4]) << 8 | Int(header[5])
        let body = receive(length - 1)
        return body.count == length - 1 ? body : nil
    }
}

struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
