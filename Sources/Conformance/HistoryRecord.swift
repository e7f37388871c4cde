import SimCore

/// One line of `history.jsonl`: something the harness did, the plant did, or the target was seen
/// to do, at a plant time. The history is append-only; the checker is a pure function of it.
///
/// Flat on purpose (optional fields by type), so that any tool can write or read it line by line.
public struct HistoryRecord: Hashable, Sendable, Codable {
    /// Who the record is about.
    public enum Source: String, Hashable, Sendable, Codable {
        /// The harness: run boundaries, the plants' point lists, timeline steps, transport errors.
        case harness
        /// The simulated plant's own reactions (interlocks tripping, state changes).
        case plant
        /// What the target system reported (alarms, grades, interlock actions, readings received).
        case target
    }

    public enum Kind: String, Hashable, Sendable, Codable {
        /// Harness: an enterprise and its points (`points`, `periodsMs`, `region`, `regionName`).
        case plant
        /// Harness: a timeline step was applied (`name` = step name, `kind` = what it did).
        case step
        /// Plant: an interlock tripped / failed / reset, a state change (`kind`, `name`).
        case plantEvent
        /// Target: an alarm was raised, cleared (消警), handled (处置).
        case alarmRaised, alarmCleared, alarmHandled
        /// Target: an enterprise's grade changed (`grade`, `from`, `reasons`).
        case grade
        /// Target: it saw an interlock act (`name` = interlock).
        case interlockActed
        /// Target: readings it received since the previous record of this enterprise (`counts`,
        /// one per point in the enterprise's `plant` record order).
        case received
        /// Harness or target: the target could not be reached or answered nonsense (`message`).
        case error
        /// Harness: the end of observation (plant time up to which the history is complete).
        case end
        /// Harness: one uplink batch's fate (`kind` = `delivered`, `rejected` or `undelivered`; `id` = batch
        /// id; `t` = plant time of the batch's earliest data; `status` = HTTP status of a rejection;
        /// `message` = reason or the start of the answer's body; `attempts`).
        case delivery
        /// Harness: the observer vouches for the target's state over plant time [`fromMs`, `t`]
        /// (`kind` = `poll`, `liveness` or `complete`). Negative verdicts need such evidence.
        case observed
        /// Harness: target events from before the scenario started, set aside and never judged
        /// (`counts` = [how many], `message` = why).
        case setAside
        /// Harness: an enterprise's uplink at the end (`counts` = [sent, delivered, rejected,
        /// undelivered, backlog high-water mark] in batches).
        case uplink
        /// Harness: what the target's poller read from an enterprise's Modbus slave over plant time
        /// [`fromMs`, `t`] (`counts` = [requests, reads answered with data, exceptions answered,
        /// requests left unanswered by a fault]; `points` = the points whose value registers a
        /// successful read covered). Data the target read is data it received.
        case modbusRead
    }

    /// Plant milliseconds since the scenario start.
    public var t: Int64
    public var source: Source
    public var type: Kind
    public var enterprise: String?
    public var point: String?
    /// Alarm level as the target reports it (`LL`, `L`, `H`, `HH`, `DI`, `RATE`, `INTERLOCK`, `INSTRUMENT`).
    public var level: String?
    /// `hazard` or `instrument`.
    public var category: String?
    /// Alarm sub-kind, or what a step / plant event did.
    public var kind: String?
    /// The target's alarm id (ties raised, cleared and handled together).
    public var id: String?
    /// Step name, interlock name, or state name.
    public var name: String?
    public var grade: String?
    public var from: String?
    public var reasons: [String]?
    public var points: [String]?
    public var periodsMs: [Int64]?
    public var counts: [Int]?
    public var region: String?
    public var regionName: String?
    public var critical: Bool?
    public var excluded: Bool?
    public var value: Double?
    public var message: String?
    /// Start of the plant-time span an `observed` record vouches for.
    public var fromMs: Int64?
    /// HTTP status of a `delivery` record (a rejection's status, or the final one).
    public var status: Int?
    /// Posts made for a `delivery` record's batch.
    public var attempts: Int?
    /// Target records: plant time at which the observer saw the record (its lag is `seenMs - t`).
    public var seenMs: Int64?

    public init(t: Int64, source: Source, type: Kind) {
        self.t = t; self.source = source; self.type = type
    }

    public var time: SimInstant { SimInstant(milliseconds: t) }
}

extension HistoryRecord {
    public static func step(at time: SimInstant, name: String?, kind: String, enterprise: String?, detail: String)
        -> HistoryRecord
    {
        var r = HistoryRecord(t: time.milliseconds, source: .harness, type: .step)
        r.name = name; r.kind = kind; r.enterprise = enterprise; r.message = detail
        return r
    }

    public static func plantEvent(at time: SimInstant, kind: String, enterprise: String, equipment: String?,
                                  name: String, detail: String) -> HistoryRecord {
        var r = HistoryRecord(t: time.milliseconds, source: .plant, type: .plantEvent)
        r.kind = kind; r.enterprise = enterprise; r.name = name; r.message = detail
        r.point = equipment
        return r
    }

    public static func alarm(_ type: Kind, at time: SimInstant, id: String, enterprise: String, point: String,
                             level: String, category: String?, kind: String?, critical: Bool?, value: Double?,
                             message: String?) -> HistoryRecord {
        var r = HistoryRecord(t: time.milliseconds, source: .target, type: type)
        r.id = id; r.enterprise = enterprise; r.point = point; r.level = level; r.category = category
        r.kind = kind; r.critical = critical; r.value = value.flatMap { $0.isFinite ? $0 : nil }; r.message = message
        return r
    }

    public static func grade(at time: SimInstant, enterprise: String, to: String, from: String?, reasons: [String])
        -> HistoryRecord
    {
        var r = HistoryRecord(t: time.milliseconds, source: .target, type: .grade)
        r.enterprise = enterprise; r.grade = to; r.from = from; r.reasons = reasons
        return r
    }

    public static func interlockActed(at time: SimInstant, enterprise: String, interlock: String, detail: String?)
        -> HistoryRecord
    {
        var r = HistoryRecord(t: time.milliseconds, source: .target, type: .interlockActed)
        r.enterprise = enterprise; r.name = interlock; r.message = detail
        return r
    }

    public static func plant(enterprise: String, region: String, regionName: String, points: [String],
                             periodsMs: [Int64]) -> HistoryRecord {
        var r = HistoryRecord(t: 0, source: .harness, type: .plant)
        r.enterprise = enterprise; r.region = region; r.regionName = regionName; r.points = points
        r.periodsMs = periodsMs
        return r
    }

    public static func received(at time: SimInstant, enterprise: String, counts: [Int]) -> HistoryRecord {
        var r = HistoryRecord(t: time.milliseconds, source: .target, type: .received)
        r.enterprise = enterprise; r.counts = counts
        return r
    }

    public static func error(at time: SimInstant, source: Source, message: String) -> HistoryRecord {
        var r = HistoryRecord(t: time.milliseconds, source: source, type: .error)
        r.message = message
        return r
    }

    /// Fates of an uplink batch, as `delivery` records name them.
    public enum DeliveryFate: String, Sendable, CaseIterable {
        case delivered, rejected, undelivered
    }

    public static func delivery(at time: SimInstant, enterprise: String?, batch: String, fate: DeliveryFate,
                                status: Int? = nil, attempts: Int? = nil, message: String? = nil) -> HistoryRecord {
        var r = HistoryRecord(t: time.milliseconds, source: .harness, type: .delivery)
        r.enterprise = enterprise; r.id = batch; r.kind = fate.rawValue; r.status = status; r.attempts = attempts
        r.message = message
        return r
    }

    /// Observation kinds an `observed` record names.
    public enum ObservationKind: String, Sendable, CaseIterable {
        /// Successful polls of the target's API covered the span.
        case poll
        /// The target showed it was alive (heartbeat events, a health URL) over the span.
        case liveness
        /// The history is complete by construction (lockstep against the embedded platform).
        case complete
    }

    public static func observed(from start: SimInstant, to end: SimInstant, kind: ObservationKind) -> HistoryRecord {
        var r = HistoryRecord(t: end.milliseconds, source: .harness, type: .observed)
        r.fromMs = start.milliseconds; r.kind = kind.rawValue
        return r
    }

    public static func setAside(at time: SimInstant, count: Int, message: String) -> HistoryRecord {
        var r = HistoryRecord(t: time.milliseconds, source: .harness, type: .setAside)
        r.counts = [count]; r.message = message
        return r
    }

    public static func uplink(at time: SimInstant, enterprise: String?, sent: Int, delivered: Int, rejected: Int,
                              undelivered: Int, backlogHighWater: Int) -> HistoryRecord {
        var r = HistoryRecord(t: time.milliseconds, source: .harness, type: .uplink)
        r.enterprise = enterprise; r.counts = [sent, delivered, rejected, undelivered, backlogHighWater]
        return r
    }

    public static func modbusRead(from start: SimInstant, to end: SimInstant, enterprise: String, requests: Int,
                                  reads: Int, exceptions: Int, unanswered: Int, points: [String]) -> HistoryRecord {
        var r = HistoryRecord(t: end.milliseconds, source: .harness, type: .modbusRead)
        r.fromMs = start.milliseconds; r.enterprise = enterprise
        r.counts = [requests, reads, exceptions, unanswered]; r.points = points
        return r
    }

    public static func end(at time: SimInstant) -> HistoryRecord {
        HistoryRecord(t: time.milliseconds, source: .harness, type: .end)
    }
}
