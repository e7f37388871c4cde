import CModbus
import Foundation
import ModbusMap

#if canImport(Glibc)
    import Glibc
#endif

extension ServerLoop {
    /// Sends what `produce` makes libmodbus write. Directly to the client when no delivery fault
    /// applies and nothing is queued; otherwise captured through the socket pair and queued
    /// (delay, split frame, garbage), keeping the connection's replies in order.
    func send(on connection: Connection, delivery faults: [ProtocolFault], produce: () -> Int32) {
        let delayMs = faults.compactMap { if case .delay(let ms) = $0.kind { ms } else { nil } }.max()
        let split = faults.lazy.compactMap { if case .splitFrame(let pieces, let gapMs) = $0.kind { (pieces, gapMs) } else { nil } }.first
        let garbage = faults.lazy.compactMap { if case .garbage(let count) = $0.kind { count } else { nil } }.first
        if delayMs == nil && split == nil && garbage == nil && connection.outgoing.isEmpty {
            modbus_set_socket(replyContext, connection.fd)
            if produce() < 0 { close(connection: connection.fd, reason: "send failed: \(String(cString: strerror(errno)))") }
            return
        }
        modbus_set_socket(replyContext, capture[0])
        guard produce() >= 0 else { return }
        var bytes = [UInt8](repeating: 0, count: 300)
        let count = recv(capture[1], &bytes, bytes.count, Int32(MSG_DONTWAIT))
        guard count > 0 else { return }
        bytes.removeSubrange(count...)
        if let garbage {
            bytes = (0..<max(1, garbage)).map { _ in UInt8(truncatingIfNeeded: garbageRng.next()) }
        }
        var due = max(Self.monotonicNs() + UInt64(delayMs ?? 0) * 1_000_000, connection.outgoing.last?.dueNs ?? 0)
        let (pieces, gapMs) = split ?? (1, 0)
        let size = max(1, (bytes.count + max(1, pieces) - 1) / max(1, pieces))
        for start in stride(from: 0, to: bytes.count, by: size) {
            connection.outgoing.append(.init(dueNs: due, bytes: Array(bytes[start..<min(bytes.count, start + size)])))
            pendingOutgoing += 1
            due += UInt64(gapMs) * 1_000_000
        }
    }

    /// Sends queued replies whose time has come.
    func sendDueOutgoing() {
        let now = Self.monotonicNs()
        for connection in connections.values where !connection.outgoing.isEmpty {
            while let first = connection.outgoing.first, first.dueNs <= now {
                connection.outgoing.removeFirst()
                pendingOutgoing -= 1
                let sent = first.bytes.withUnsafeBytes { Glibc.send(connection.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent < 0 {
                    close(connection: connection.fd, reason: "send failed: \(String(cString: strerror(errno)))")
                    break
                }
            }
        }
    }

    /// How long epoll may sleep: until the next queued reply, at most 100 ms.
    func nextTimeoutMs() -> Int32 {
        guard pendingOutgoing > 0 else { return 100 }
        let due = connections.values.compactMap { $0.outgoing.first?.dueNs }.min()
        guard let due else { return 100 }
        let now = Self.monotonicNs()
        return due <= now ? 0 : Int32(min(100, (due - now) / 1_000_000 + 1))
    }
}
