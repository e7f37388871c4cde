import PlantModel
import SimCore

/// One reading as the platform receives it.
public struct ReferenceSample: Hashable, Sendable {
    public var enterprise: String
    public var point: String
    public var time: SimInstant
    public var value: Double
    public var quality: Quality
    public init(enterprise: String, point: String, time: SimInstant, value: Double, quality: Quality = .good) {
        self.enterprise = enterprise; self.point = point; self.time = time; self.value = value; self.quality = quality
    }
}

/// Errors of the core's API.
public struct ReferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The reference platform's pure core: alarm engine, alarm lifecycle and risk grading, stepped in
/// lockstep with the engine. Time only comes in with the data (`ingest`) and with `advance(to:)`.
///
/// Feed samples in time order; call `advance(to:)` at least once per sample period (the lockstep
/// adapter calls it after every engine tick) so that timers (offline, interlock deadlines, grade
/// evaluations every 60 s) run on time. Output accumulates in `events`, in processing order;
/// each event carries the plant time at which its condition became true.
public struct ReferenceCore: Sendable {
    public let rules: ReferenceRules
    public let start: SimInstant
    public internal(set) var now: SimInstant
    /// Events accumulated since the last `drainEvents`, in processing order.
    public var events: [ReferenceEvent] { desk.events }
    /// The sites and the alarm desk (log, events) are separate stored properties, so a check
    /// mutates one site and the desk at once (`desk.process(s: &sites[i], …)`) without copying
    /// the site or a runtime exclusivity check; a copied core (the platform applies inputs to a
    /// copy and keeps it only once stored) never shares a change (copy on write).
    var sites: [Site]
    var desk: AlarmDesk
    var siteIndex: [String: Int] = [:]
    var nextEvaluation: SimInstant
    var nextOfflineCheck: SimInstant
    var lastEvaluation: SimInstant?

    public init(plants: [ReferencePlant], rules: ReferenceRules = .defaults, start: SimInstant = .start) {
        self.rules = rules
        self.start = start
        now = start
        sites = plants.map { Site(plant: $0, rules: rules) }
        desk = AlarmDesk(rules: rules, start: start)
        for (i, site) in sites.enumerated() { siteIndex[site.code] = i }
        nextEvaluation = start
        nextOfflineCheck = start
    }

    public var plants: [ReferencePlant] { sites.map(\.plant) }

    /// Index of an enterprise (for the index-based `ingest`).
    public func enterpriseIndex(_ code: String) -> Int? { siteIndex[code] }

    /// Takes one reading by codes. Unknown enterprise or point: an error (nothing changes).
    public mutating func ingest(_ sample: ReferenceSample) throws(ReferenceError) {
        guard let site = siteIndex[sample.enterprise] else { throw ReferenceError("unknown enterprise \(sample.enterprise)") }
        guard let point = sites[site].index[sample.point] else {
            throw ReferenceError("unknown point \(sample.point) of \(sample.enterprise)")
        }
        ingest(enterprise: site, point: point, time: sample.time, value: sample.value, quality: sample.quality)
    }

    /// Takes one reading by index (enterprise in `plants` order, point in that plant's `points`).
    /// A sample older than `now` is taken at `now` (the core never goes back in time).
    public mutating func ingest(enterprise site: Int, point: Int, time: SimInstant, value: Double, quality: Quality) {
        runTimers(before: time)
        let at = max(time, now)
        now = at
        desk.process(s: &sites[site], point: point, time: at, value: value, quality: quality)
    }

    /// Runs the timers up to and including `time`: offline checks, interlock deadlines, grade evaluations.
    public mutating func advance(to time: SimInstant) {
        runTimers(before: time)
        guard time >= now else { return }
        now = time
        runTimers(at: time)
    }

    /// Takes the accumulated events and empties the buffer.
    public mutating func drainEvents() -> [ReferenceEvent] {
        defer { desk.events.removeAll() }
        return desk.events
    }

    /// Records a handling (处置) of an alarm: who, with what result, when.
    @discardableResult
    public mutating func handle(alarmId: String, handler: String, result: String, at time: SimInstant)
        throws(ReferenceError) -> AlarmRecord
    {
        guard let index = desk.log.position[alarmId] else { throw ReferenceError("no alarm \(alarmId)") }
        guard desk.log.records[index].handledAt == nil else { throw ReferenceError("alarm \(alarmId) is already handled") }
        guard time >= desk.log.records[index].raisedAt else {
            throw ReferenceError("handling time \(time) is before the alarm was raised (\(desk.log.records[index].raisedAt))")
        }
        desk.log.records[index].handledAt = time
        desk.log.records[index].handler = handler
        desk.log.records[index].result = result
        desk.events.append(.alarmHandled(desk.log.records[index]))
        return desk.log.records[index]
    }

    /// Puts an equipment unit into maintenance (RUN_STATUS) or back; from now on its alarms are excluded.
    public mutating func setMaintenance(enterprise: String, equipment: String, _ on: Bool) throws(ReferenceError) {
        guard let site = siteIndex[enterprise] else { throw ReferenceError("unknown enterprise \(enterprise)") }
        if on { sites[site].maintenance.insert(equipment) } else { sites[site].maintenance.remove(equipment) }
    }

    /// Disables (停用) or re-enables a point; from now on its alarms are excluded.
    public mutating func setPointDisabled(enterprise: String, point: String, _ disabled: Bool) throws(ReferenceError) {
        guard let site = siteIndex[enterprise] else { throw ReferenceError("unknown enterprise \(enterprise)") }
        guard sites[site].index[point] != nil else { throw ReferenceError("unknown point \(point) of \(enterprise)") }
        if disabled { sites[site].disabledPoints.insert(point) } else { sites[site].disabledPoints.remove(point) }
    }

    // MARK: timers

    mutating func runTimers(before time: SimInstant) {
        while nextOfflineCheck < time || nextEvaluation < time {
            if nextOfflineCheck <= nextEvaluation {
                let at = nextOfflineCheck
                now = max(now, at)
                checkTimers(at: at, offline: true)
                nextOfflineCheck = at + .seconds(1)
            } else {
                let at = nextEvaluation
                now = max(now, at)
                evaluateGrades(at: at)
                nextEvaluation = at + rules.risk.evaluateEvery
            }
        }
    }

    mutating func runTimers(at time: SimInstant) {
        let offline = nextOfflineCheck <= time
        checkTimers(at: time, offline: offline)
        if offline { nextOfflineCheck = time + .seconds(1) }
        if nextEvaluation <= time {
            evaluateGrades(at: nextEvaluation)
            nextEvaluation = nextEvaluation + rules.risk.evaluateEvery
        }
    }

    /// Offline points and interlock deadlines.
    mutating func checkTimers(at time: SimInstant, offline: Bool) {
        for site in sites.indices where offline || !sites[site].supervisions.isEmpty {
            if offline {
                desk.checkOffline(s: &sites[site], at: time)
                desk.noteWindows(s: &sites[site], at: time)
            }
            desk.checkSupervisions(s: &sites[site], at: time)
        }
    }
}
