import ModbusMap
import SimCore

/// What a client (the target's poller) asked of one served unit in one interval of plant time:
/// requests, reads answered normally with the ranges they covered, writes, exceptions answered and
/// requests left unanswered by a fault. Counted on the server's thread (no lock per request) and
/// handed over in batches, like `ModbusSlaveServer.Statistics`; read them with `takeReads()`.
public struct ReadTally: Sendable, Hashable {
    /// The unit's place in the flattened endpoint list (as `publish` numbers units).
    public var unit: Int
    public var unitId: UInt8
    /// Plant time at which the interval starts (a multiple of the interval's length).
    public var intervalStart: SimInstant
    public var requests = 0
    /// Read requests answered with data.
    public var reads = 0
    public var writes = 0
    /// Requests answered with an exception (a fault's, or the map's: illegal address, function…).
    public var exceptions = 0
    /// Requests a fault left without an answer (`noReply`, `dropConnection`).
    public var unanswered = 0
    /// Successful reads: table and address range → how many times read.
    public var ranges: [RequestCheck.Access: Int] = [:]

    public init(unit: Int, unitId: UInt8, intervalStart: SimInstant) {
        self.unit = unit; self.unitId = unitId; self.intervalStart = intervalStart
    }

    /// How a request ended, for the tally.
    enum Outcome { case answered, exception, unanswered }
}

/// The loop thread's tallies: one open interval per unit; closed intervals wait for the next flush.
struct ReadTallies {
    let intervalMs: Int64
    var open: [ReadTally?]
    var closed: [ReadTally] = []

    init(intervalMs: Int64, units: Int) {
        self.intervalMs = max(1, intervalMs)
        open = Array(repeating: nil, count: units)
    }

    /// Counts one request to unit `index` at plant time `time`.
    mutating func note(unit index: Int, unitId: UInt8, at time: SimInstant, access: RequestCheck.Access?,
                       outcome: ReadTally.Outcome) {
        let start = time.milliseconds - ((time.milliseconds % intervalMs) + intervalMs) % intervalMs
        if let current = open[index], current.intervalStart.milliseconds != start {
            closed.append(current)
            open[index] = nil
        }
        if open[index] == nil { open[index] = ReadTally(unit: index, unitId: unitId, intervalStart: SimInstant(milliseconds: start)) }
        open[index]!.requests += 1
        switch outcome {
        case .exception: open[index]!.exceptions += 1
        case .unanswered: open[index]!.unanswered += 1
        case .answered:
            guard let access else { return }
            if access.isWrite {
                open[index]!.writes += 1
            } else {
                open[index]!.reads += 1
                open[index]!.ranges[access, default: 0] += 1
            }
        }
    }

    /// Closes every open interval (at shutdown).
    mutating func closeAll() {
        closed += open.compactMap { $0 }
        open = Array(repeating: nil, count: open.count)
    }
}
