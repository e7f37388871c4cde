import CLinux
import CModbus
import Foundation
import ModbusMap

#if canImport(Glibc)
    import Glibc
#endif

extension ServerLoop {
    func acceptConnections(endpoint: Int) {
        let listenFd = listenFds[endpoint]
        while true {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listenFd, $0, &length)
                }
            }
            guard fd >= 0 else { return }
            if refusesConnections(endpoint: endpoint) {
                stats.connectionsRefused += 1
                flushStatistics()
                Glibc.close(fd)
                continue
            }
            configure(fd)
            let peer = "\(String(cString: inet_ntoa(address.sin_addr))):\(UInt16(bigEndian: address.sin_port))"
            let connection = Connection(fd: fd, endpoint: endpoint, peer: peer)
            do { try watch(fd, tag: UInt64(UInt32(bitPattern: fd))) } catch {
                Glibc.close(fd)
                continue
            }
            connections[fd] = connection
            stats.connectionsAccepted += 1
            stats.connectionsOpen += 1
            server.log("connection from \(peer) on port \(boundPorts[endpoint])")
        }
    }

    /// Sockets stay blocking for `send` (libmodbus does not retry short writes) with a send
    /// timeout so a client that never reads cannot hold the loop; reads use MSG_DONTWAIT.
    private func configure(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private func refusesConnections(endpoint: Int) -> Bool {
        activeFaults.contains { fault in
            guard case .refuseConnections = fault.kind else { return false }
            guard let unit = fault.unitId else { return true }
            return unitIndex[endpoint][unit] != nil
        }
    }

    func receive(on connection: Connection) {
        let count = recv(connection.fd, receiveBuffer, Self.receiveCapacity, Int32(MSG_DONTWAIT))
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            close(connection: connection.fd, reason: count == 0 ? "closed by peer" : String(cString: strerror(errno)))
            return
        }
        guard count > 0 else { return }
        if connection.buffer.isEmpty {
            // Fast path: frames straight from the receive buffer; only a partial tail is kept.
            let used = processFrames(UnsafeBufferPointer(start: receiveBuffer, count: count), on: connection)
            if let used, used < count, connections[connection.fd] != nil {
                connection.buffer.append(contentsOf: UnsafeBufferPointer(start: receiveBuffer + used, count: count - used))
            }
        } else {
            connection.buffer.append(contentsOf: UnsafeBufferPointer(start: receiveBuffer, count: count))
            let pending = connection.buffer
            let used = pending.withUnsafeBufferPointer { processFrames($0, on: connection) }
            if let used, connections[connection.fd] != nil { connection.buffer.removeFirst(used) }
        }
    }

    /// Handles every complete frame in `bytes`; returns how many bytes were consumed, or nil when
    /// the connection was closed (malformed header, fault).
    private func processFrames(_ bytes: UnsafeBufferPointer<UInt8>, on connection: Connection) -> Int? {
        var offset = 0
        while connections[connection.fd] != nil {
            let rest = UnsafeBufferPointer(rebasing: bytes[offset...])
            let length: Int?
            do { length = try Connection.frameLength(rest) } catch {
                stats.malformedFrames += 1
                close(connection: connection.fd, reason: "malformed frame: \(error.reason)")
                return nil
            }
            guard let length else { return offset }
            handle(UnsafeBufferPointer(rebasing: rest[0..<length]), on: connection)
            offset += length
        }
        return nil
    }

    func close(connection fd: Int32, reason: String?) {
        guard let connection = connections.removeValue(forKey: fd) else { return }
        epoll_ctl(epollFd, EPOLL_CTL_DEL, fd, nil)
        pendingOutgoing -= connection.outgoing.count
        stats.connectionsOpen -= 1
        flushStatistics()
        Glibc.close(fd)
        if let reason { server.log("connection \(connection.peer) closed: \(reason)") }
    }

    /// Answers one complete request frame (MBAP header + PDU).
    func handle(_ frame: UnsafeBufferPointer<UInt8>, on connection: Connection) {
        stats.requests += 1
        let unit = frame[6]
        guard let index = unitIndex[connection.endpoint][unit] else {
            if server.configuration.unknownUnit == .exception {
                reply(frame, exception: .gatewayTargetFailedToRespond, on: connection, delivery: deliveryFaults(unit, nil))
            } else {
                stats.dropped += 1
            }
            return
        }
        let pdu = UnsafeBufferPointer(rebasing: frame[7...])
        let access = RequestCheck.access(pdu)
        let faults = activeFaults.isEmpty ? [] : activeFaults.filter { $0.matches(unit: unit, access: access) }
        for fault in faults {
            switch fault.kind {
            case .noReply:
                stats.dropped += 1
                tally(index, unit, access, .unanswered)
                return
            case .dropConnection:
                tally(index, unit, access, .unanswered)
                close(connection: connection.fd, reason: "dropped by fault")
                return
            case .exception(let code):
                tally(index, unit, access, .exception)
                reply(frame, exception: ModbusException(rawValue: code), code: code, on: connection, delivery: faults)
                return
            default: continue
            }
        }
        let unitServed = units[index]
        if let exception = unitServed.check(pdu) {
            tally(index, unit, access, .exception)
            reply(frame, exception: exception, on: connection, delivery: faults)
            return
        }
        send(on: connection, delivery: faults) {
            modbus_reply(replyContext, frame.baseAddress, Int32(frame.count), unitServed.mapping)
        }
        stats.replies += 1
        tally(index, unit, access, .answered)
        if let access, access.isWrite { server.onWrite(unit, access.table, access.addresses) }
    }

    /// Counts a request in the unit's read tally, when tallies are kept (one branch otherwise).
    @inline(__always)
    private func tally(_ index: Int, _ unit: UInt8, _ access: RequestCheck.Access?, _ outcome: ReadTally.Outcome) {
        guard tallies != nil else { return }
        tallies!.note(unit: index, unitId: unit, at: plantTime, access: access, outcome: outcome)
    }

    private func deliveryFaults(_ unit: UInt8, _ access: RequestCheck.Access?) -> [ProtocolFault] {
        activeFaults.filter { $0.matches(unit: unit, access: access) }
    }

    private func reply(
        _ frame: UnsafeBufferPointer<UInt8>, exception: ModbusException?, code: UInt8? = nil, on connection: Connection,
        delivery: [ProtocolFault]
    ) {
        let answer = ExceptionReply.frame(request: frame, code: code ?? exception?.rawValue ?? 4)
        stats.exceptions += 1
        send(on: connection, delivery: delivery) {
            // Encoded here, not by modbus_reply_exception: libmodbus 3.1.6 adds 0x80 to the function
            // code (function 0x81 came back as 0x01, a malformed normal reply) and refuses codes ≥ 12.
            let fd = modbus_get_socket(replyContext)
            return answer.withUnsafeBytes { Int32(Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))) }
        }
    }
}
