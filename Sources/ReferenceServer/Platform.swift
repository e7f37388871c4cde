import Foundation
import PlantModel
import Reference
import SimCore

/// The reference platform's state: the pure core, fed by every input, with each input and the
/// events it causes stored before the call returns. Times are Unix milliseconds (plant time as
/// the data carries it). On start it replays the stored inputs, so a restart loses nothing.
public actor Platform {
    public nonisolated let store: PlatformStore
    var core: ReferenceCore
    /// Settings stored ahead of the clock, applied when it reaches their time (Platform+Settings.swift).
    var pending: [PlatformInput] = []
    /// Every enterprise the platform knows (a reset may monitor only some of them).
    var universe: [ReferencePlant]
    let rules: ReferenceRules
    /// Events persisted, for webhook delivery (in order).
    nonisolated let published: AsyncStream<StoredEvent>
    let publish: AsyncStream<StoredEvent>.Continuation
    /// The data's time at the latest input, and the wall time then: the clock between inputs runs on
    /// from there (data may carry plant time far from the wall clock, e.g. a replayed 2024 scenario).
    var anchor: (dataMs: Int64, wallMs: Int64)?
    /// Whether any input was stored yet: the first one sets the core's start (the data's own time,
    /// which for a replayed scenario may be years from the wall clock).
    var hasInputs = false

    /// - Parameters:
    ///   - plants: enterprises known from plant files (more may register over the uplink).
    ///   - startMs: the platform's start time if the store is new.
    public init(plants: [PlantConfig], rules: ReferenceRules, store: PlatformStore, startMs: Int64) throws {
        self.store = store
        self.rules = rules
        let start: Int64
        if let stored = try store.meta("startMs").flatMap(Int64.init) {
            start = stored
        } else {
            start = startMs
            try store.setMeta("startMs", String(startMs))
        }
        var known = plants.map { ReferencePlant(config: $0) }
        for registered in try Self.registeredPlants(store) where !known.contains(where: { $0.enterprise.code == registered.enterprise.code }) {
            known.append(registered)
        }
        core = ReferenceCore(plants: known, rules: rules, start: SimInstant(milliseconds: start))
        universe = known
        (published, publish) = AsyncStream.makeStream(of: StoredEvent.self)
        let inputs = try store.inputs()
        var pending: [PlatformInput] = []
    /// Every enterprise the platform knows (a reset may monitor only some of them).
    var universe: [ReferencePlant]
        for input in inputs { Self.apply(input, to: &core, pending: &pending, universe: known) }
        self.pending = pending
        _ = core.drainEvents()
        if !inputs.isEmpty {
            hasInputs = true
            // The clock stands still for a grace period after a restart: what the gateways spooled
            // while the platform was down arrives first and is filed at its own times, not at a
            // clock that ran on meanwhile (Tools/chaos: docs/reliability.md).
            anchor = (core.now.milliseconds, Int64((Date().timeIntervalSince1970 * 1000).rounded()) + Self.restartGraceMs)
        }
    }

    /// Wall time after a restart before the clock runs on by itself (longer than the sender's
    /// 5 s backoff cap); any input ends it at once.
    public static let restartGraceMs: Int64 = 10_000

    /// Moves the clock on by the wall time elapsed since the latest input (nothing before the first).
    public func tick(wallMs: Int64) throws {
        guard let anchor else { return }
        try advance(toMs: anchor.dataMs + (wallMs - anchor.wallMs))
    }

    /// Applies one input to the core (used live and for replay): settings due by its time first.
    static func apply(_ input: PlatformInput, to core: inout ReferenceCore, pending: inout [PlatformInput],
                      universe: [ReferencePlant]) {
        applyDue(before: input.timeMs, to: &core, pending: &pending)
        switch input {
        case .maintenance, .pointDisabled, .reset:
            applySetting(input, to: &core, pending: &pending, universe: universe)
        case .sample(let enterprise, let point, let time, let value, let quality):
            let instant = SimInstant(milliseconds: time)
            if instant > core.now { core.advance(to: instant) }
            try? core.ingest(ReferenceSample(enterprise: enterprise, point: point, time: instant, value: value, quality: quality))
        case .handling(let alarmId, let handler, let result, let time):
            try? core.handle(alarmId: alarmId, handler: handler, result: result, at: SimInstant(milliseconds: time))
        case .advance(let time):
            let instant = SimInstant(milliseconds: time)
            if instant > core.now { core.advance(to: instant) }
        }
    }

    /// Feeds samples (one poll cycle or uplink batch); `batchId` makes a batch count once.
    /// Returns false when the batch was already taken (a duplicate).
    @discardableResult
    public func ingest(_ samples: [ReferenceSample], batchId: String? = nil) throws -> Bool {
        if let batchId, try store.hasBatch(batchId) { return false }
        let inputs = samples.map {
            PlatformInput.sample(
                enterprise: $0.enterprise, point: $0.point, timeMs: $0.time.milliseconds, value: $0.value, quality: $0.quality)
        }
        try commit(inputs, batch: batchId.map { ($0, "readings") })
        if let latest = samples.map(\.time.milliseconds).max(), latest >= (anchor?.dataMs ?? .min) {
            anchor = (latest, Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        }
        return true
    }

    /// Moves the platform's clock (timers: offline detection, on-delays, grading every minute).
    public func advance(toMs time: Int64) throws {
        guard time > core.now.milliseconds else { return }
        try commit([.advance(timeMs: time)], batch: nil)
    }

    /// Records a handling (处置) of an alarm.
    public func handle(alarmId: String, handler: String, result: String, atMs: Int64?) throws(PlatformError) -> AlarmRecord {
        guard let alarm = core.alarm(id: alarmId) else { throw PlatformError.notFound("no alarm '\(alarmId)'") }
        guard alarm.handledAt == nil else { throw PlatformError.conflict("alarm '\(alarmId)' is already handled") }
        let time = max(atMs ?? core.now.milliseconds, alarm.raisedAt.milliseconds)
        do {
            try commit([.handling(alarmId: alarmId, handler: handler, result: result, timeMs: time)], batch: nil)
        } catch {
            throw PlatformError.storage("\(error)")
        }
        return core.alarm(id: alarmId) ?? alarm
    }

    /// Applies inputs, then stores them with the events they caused in one transaction.
    func commit(_ inputs: [PlatformInput], batch: (id: String, kind: String)?) throws {
        if !hasInputs, let first = inputs.map(\.timeMs).min() {
            core = ReferenceCore(plants: core.plants, rules: rules, start: SimInstant(milliseconds: first))
            try store.setMeta("startMs", String(first))
        }
        hasInputs = true
        var next = core, nextPending = pending
        for input in inputs { Self.apply(input, to: &next, pending: &nextPending, universe: universe) }
        let events = next.drainEvents()
        let stored = try store.commit(inputs: inputs, events: events, batch: batch)
        core = next
        pending = nextPending
        for event in stored { publish.yield(event) }
    }

    // MARK: queries

    public var now: Int64 { core.now.milliseconds }
    public var plants: [ReferencePlant] { core.plants }
    public func alarms() -> [AlarmRecord] { core.alarms }
    public func alarm(id: String) -> AlarmRecord? { core.alarm(id: id) }
    public func grade(of enterprise: String) -> GradeStatus? { core.grade(of: enterprise) }
    public func gradeHistory(of enterprise: String) -> [GradeChange] { core.gradeHistory(of: enterprise) }
    public func latestReadings(of enterprise: String) -> [Reading] { core.latestReadings(of: enterprise) }
    public func onlineRate(of enterprise: String) -> Double? { core.onlineRate(of: enterprise) }
    public func regulatorView() -> RegulatorView { core.regulatorView() }
}

public enum PlatformError: Error, Sendable, CustomStringConvertible {
    case notFound(String)
    case conflict(String)
    case invalid(String)
    case storage(String)

    public var description: String {
        switch self {
        case .notFound(let text), .conflict(let text), .invalid(let text), .storage(let text): text
        }
    }
}
