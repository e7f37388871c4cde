import CLinux
import CModbus
import Foundation
import ModbusMap
import SimCore

#if canImport(Glibc)
    import Glibc
#endif

/// The server thread: an `epoll` loop over listening sockets, connections and a wake-up
/// `eventfd`. Requests are framed here (MBAP length) from non-blocking reads, checked by
/// `RequestCheck`, and answered through `modbus_reply` / `modbus_reply_exception`.
final class ServerLoop: @unchecked Sendable {
    unowned let server: ModbusSlaveServer
    let epollFd: Int32
    let wakeFd: Int32
    var listenFds: [Int32] = []
    private(set) var boundPorts: [UInt16] = []
    /// One libmodbus context per endpoint (owns the listening socket) and one for replies.
    var listenContexts: [OpaquePointer] = []
    let replyContext: OpaquePointer
    /// A socket pair: libmodbus writes a reply into [0], we read it from [1] (delayed/split replies).
    var capture: [Int32] = [-1, -1]
    var units: [ServedUnit] = []
    /// Per endpoint: unit id → index in `units`.
    var unitIndex: [[UInt8: Int]] = []
    var connections: [Int32: Connection] = [:]
    var activeFaults: [ProtocolFault] = []
    var plantTime = SimInstant.start
    var garbageRng: SeededRandom
    private(set) var finished = false
    /// Counters since the last flush to the server's shared statistics (loop thread only).
    var stats = ModbusSlaveServer.Statistics()
    /// Replies queued on all connections (delay / split faults); 0 skips the per-loop scan.
    var pendingOutgoing = 0
    /// Requests per unit and interval (nil unless the configuration asks for them).
    var tallies: ReadTallies?
    static let receiveCapacity = 8192
    let receiveBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: ServerLoop.receiveCapacity)

    static let listenTag: UInt64 = 1 << 40
    static let wakeTag: UInt64 = 2 << 40

    init(server: ModbusSlaveServer) throws {
        self.server = server
        garbageRng = SeededRandom(seed: server.configuration.seed).fork(label: "modbus/garbage")
        Self.raiseDescriptorLimit()
        epollFd = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard let reply = modbus_new_tcp("127.0.0.1", 0) else { throw ServerError("modbus_new_tcp failed") }
        replyContext = reply
        modbus_set_response_timeout(reply, 0, 1)
        modbus_set_byte_timeout(reply, 0, 20_000)
        guard epollFd >= 0, wakeFd >= 0, socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &capture) == 0 else {
            throw ServerError("cannot create epoll/eventfd/socketpair: \(String(cString: strerror(errno)))")
        }
        try watch(wakeFd, tag: Self.wakeTag)
        for (index, endpoint) in server.configuration.endpoints.enumerated() {
            try listen(on: endpoint, index: index)
            var ids: [UInt8: Int] = [:]
            for map in endpoint.units {
                guard ids[map.unitId] == nil else {
                    throw ServerError("unit id \(map.unitId) appears twice on port \(endpoint.port)")
                }
                ids[map.unitId] = units.count
                units.append(try ServedUnit(map: map, endpoint: index))
            }
            unitIndex.append(ids)
        }
        tallies = server.configuration.readIntervalMs.map { ReadTallies(intervalMs: $0, units: units.count) }
    }

    private func listen(on endpoint: ModbusSlaveServer.Endpoint, index: Int) throws {
        let host = endpoint.host == "localhost" ? "127.0.0.1" : endpoint.host
        guard let context = modbus_new_tcp(host, Int32(endpoint.port)) else {
            throw ServerError("\(endpoint.host):\(endpoint.port): not an IPv4 address")
        }
        let fd = modbus_tcp_listen(context, server.configuration.backlog)
        guard fd >= 0 else {
            let reason = String(cString: modbus_strerror(errno))
            modbus_free(context)
            throw ServerError("cannot listen on \(host):\(endpoint.port): \(reason)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        boundPorts.append(UInt16(bigEndian: address.sin_port))
        listenContexts.append(context)
        listenFds.append(fd)
        try watch(fd, tag: Self.listenTag | UInt64(index))
    }

    func watch(_ fd: Int32, tag: UInt64) throws {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = tag
        guard epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &event) == 0 else {
            throw ServerError("epoll_ctl: \(String(cString: strerror(errno)))")
        }
    }

    static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFd, &one, 8)
    }

    static func monotonicNs() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        let spinNs = UInt64(server.configuration.spinMicroseconds) * 1000
        var lastActivityNs: UInt64 = 0
        while !server.lock.withLock({ server.stopRequested }) {
            let spinning = spinNs > 0 && Self.monotonicNs() &- lastActivityNs < spinNs
            let count = epoll_wait(epollFd, &events, Int32(events.count), spinning ? 0 : nextTimeoutMs())
            if count < 0 && errno != EINTR { break }
            if count > 0 && spinNs > 0 { lastActivityNs = Self.monotonicNs() }
            for index in 0..<max(0, Int(count)) {
                let tag = events[index].data.u64
                if tag == Self.wakeTag {
                    drainWake()
                } else if tag & Self.listenTag != 0 {
                    acceptConnections(endpoint: Int(tag & 0xFFFF))
                } else if let connection = connections[Int32(truncatingIfNeeded: tag)] {
                    receive(on: connection)
                }
            }
            if pendingOutgoing > 0 { sendDueOutgoing() }
            flushStatistics()
        }
        shutdown()
    }

    /// Adds the loop's counters to the shared statistics (one lock per batch of events).
    func flushStatistics() {
        if let closed = tallies?.closed, !closed.isEmpty {
            tallies!.closed = []
            server.lock.withLock { server.readTallies += closed }
        }
        guard stats != ModbusSlaveServer.Statistics() else { return }
        let delta = stats
        stats = ModbusSlaveServer.Statistics()
        server.updateStats { $0.add(delta) }
    }

    private func drainWake() {
        var value: UInt64 = 0
        _ = read(wakeFd, &value, 8)
        let (snapshot, schedule) = server.lock.withLock { () -> ((time: SimInstant, units: [Int: ModbusSlaveServer.UnitValues])?, ProtocolFaultSchedule) in
            defer { server.pending = nil }
            return (server.pending, server.schedule)
        }
        if let snapshot { plantTime = snapshot.time }
        let faults = schedule.active(at: plantTime)
        if faults != activeFaults {
            for fault in faults where !activeFaults.contains(fault) { server.log("fault on: \(fault.kind.name) \(Self.scope(fault))") }
            for fault in activeFaults where !faults.contains(fault) { server.log("fault off: \(fault.kind.name) \(Self.scope(fault))") }
            activeFaults = faults
        }
        guard let snapshot else { return }
        for (index, values) in snapshot.units where index < units.count {
            units[index].update(
                values: values.values, qualities: values.qualities, timeMs: plantTime.milliseconds, faults: activeFaults)
        }
    }

    static func scope(_ fault: ProtocolFault) -> String {
        var parts = ["unit \(fault.unitId.map(String.init) ?? "*")"]
        if let table = fault.table { parts.append(table.rawValue) }
        if let range = fault.addresses { parts.append("\(range.lowerBound)…\(range.upperBound - 1)") }
        return parts.joined(separator: " ")
    }

    private func shutdown() {
        for fd in Array(connections.keys) { close(connection: fd, reason: nil) }
        tallies?.closeAll()
        for fd in listenFds { Glibc.close(fd) }
        for context in listenContexts { modbus_free(context) }
        modbus_free(replyContext)
        Glibc.close(capture[0]); Glibc.close(capture[1])
        Glibc.close(wakeFd); Glibc.close(epollFd)
        flushStatistics()
        receiveBuffer.deallocate()
        units.removeAll()
        finished = true
    }
}
