import Foundation
import ModbusMap
import PlantModel
import SimCore

/// A Modbus TCP slave over libmodbus: several ports, several unit ids per port, many concurrent
/// connections. One dedicated thread owns every libmodbus call and every register image (an
/// `epoll` loop that frames requests itself); other threads only `publish` snapshots.
public final class ModbusSlaveServer: @unchecked Sendable {
    /// One listening address and the units it serves.
    public struct Endpoint: Sendable {
        public var host: String
        /// 0: pick a free port (read it back from `boundPorts`).
        public var port: UInt16
        public var units: [UnitMap]
        public init(host: String = "127.0.0.1", port: UInt16, units: [UnitMap]) {
            self.host = host; self.port = port; self.units = units
        }
    }

    /// What to do with a request for a unit id the port does not serve.
    public enum UnknownUnitPolicy: String, Sendable, CaseIterable {
        /// No reply at all (as a gateway without that device).
        case drop
        /// Exception 0x0B, gateway target device failed to respond.
        case exception
    }

    public struct Configuration: Sendable {
        public var endpoints: [Endpoint]
        public var unknownUnit: UnknownUnitPolicy
        public var backlog: Int32
        /// Seed for the bytes of `garbage` faults.
        public var seed: UInt64
        /// After handling requests, the loop polls without sleeping for this long before it blocks
        /// again (a client's next request then needs no wake-up of the server's thread); 0: never.
        public var spinMicroseconds: Int
        /// Tally each unit's requests per this many plant milliseconds (`ReadTally`, `takeReads()`);
        /// nil: no tally (nothing accumulates in a server that runs for ever).
        public var readIntervalMs: Int64?
        public init(endpoints: [Endpoint], unknownUnit: UnknownUnitPolicy = .drop, backlog: Int32 = 1024, seed: UInt64 = 1,
                    spinMicroseconds: Int = 50, readIntervalMs: Int64? = nil) {
            self.endpoints = endpoints; self.unknownUnit = unknownUnit; self.backlog = backlog; self.seed = seed
            self.spinMicroseconds = max(0, spinMicroseconds); self.readIntervalMs = readIntervalMs
        }
    }

    /// Values for one served unit: index = position of the unit in the flattened endpoint list.
    public struct UnitValues: Sendable {
        public var values: [Double]
        public var qualities: [Quality]
        public init(values: [Double], qualities: [Quality]) { self.values = values; self.qualities = qualities }
    }

    /// Counters, readable from any thread.
    public struct Statistics: Sendable, Equatable {
        public var connectionsAccepted = 0
        public var connectionsOpen = 0
        public var connectionsRefused = 0
        public var requests = 0
        public var replies = 0
        public var exceptions = 0
        public var dropped = 0
        public var malformedFrames = 0

        mutating func add(_ other: Statistics) {
            connectionsAccepted += other.connectionsAccepted
            connectionsOpen += other.connectionsOpen
            connectionsRefused += other.connectionsRefused
            requests += other.requests
            replies += other.replies
            exceptions += other.exceptions
            dropped += other.dropped
            malformedFrames += other.malformedFrames
        }
    }

    public let configuration: Configuration
    /// Called on the server thread for connections, faults and writes (keep it cheap).
    public var log: @Sendable (String) -> Void = { _ in }
    /// Called on the server thread after a client write to a writable address.
    public var onWrite: @Sendable (_ unit: UInt8, _ table: RegisterTable, _ addresses: Range<Int>) -> Void = { _, _, _ in }

    let lock = NSLock()
    var pending: (time: SimInstant, units: [Int: UnitValues])?
    var schedule = ProtocolFaultSchedule()
    var stats = Statistics()
    var readTallies: [ReadTally] = []
    var stopRequested = false
    var loop: ServerLoop?
    var thread: Thread?
    private(set) public var boundPorts: [UInt16] = []

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Binds every endpoint and starts the server thread. Throws if a port cannot be bound.
    public func start() throws {
        let loop = try ServerLoop(server: self)
        self.loop = loop
        boundPorts = loop.boundPorts
        let thread = Thread { loop.run() }
        thread.name = "modbus-slave"
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    /// Stops the loop, closes every socket and waits for the thread to end.
    public func stop() {
        lock.withLock { stopRequested = true }
        loop?.wake()
        while loop?.finished == false { usleep(1000) }
        loop = nil
    }

    /// Hands the server a consistent set of values at a plant time; applied between requests.
    public func publish(time: SimInstant, units: [Int: UnitValues]) {
        lock.withLock { pending = (time, units) }
        loop?.wake()
    }

    /// The protocol faults to apply, timed in plant time (the time of the latest `publish`).
    public func setFaultSchedule(_ schedule: ProtocolFaultSchedule) {
        lock.withLock { self.schedule = schedule }
        loop?.wake()
    }

    public var statistics: Statistics { lock.withLock { stats } }

    /// The read tallies of intervals closed so far (all of them once `stop()` returned), oldest
    /// first per unit; each is handed out once. Empty unless `configuration.readIntervalMs` is set.
    public func takeReads() -> [ReadTally] {
        lock.withLock {
            defer { readTallies = [] }
            return readTallies
        }
    }

    func updateStats(_ change: (inout Statistics) -> Void) { lock.withLock { change(&stats) } }
}
