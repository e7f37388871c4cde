import PlantModel
import SimCore

extension AlarmLevel {
    /// The limit levels by slot (`limitIndex`), a fixed-size value read per sample.
    static let limitSlots = LimitSlots<AlarmLevel>(ll: .ll, l: .l, h: .h, hh: .hh)
}

/// Hazard alarms are about the process; instrument alarms are about the data (kept apart, §2.2).
public enum AlarmCategory: String, Hashable, Sendable, Codable {
    case hazard
    case instrument
}

/// What raised an instrument alarm.
public enum InstrumentFault: String, Hashable, Sendable, Codable, CaseIterable {
    case offline
    case frozen
    case outOfRange
    case badQuality
}

/// One alarm (报警信息): identity, what was seen, and its lifecycle (raised → handled 处置 → cleared 消警).
public struct AlarmRecord: Hashable, Sendable, Codable {
    /// Deterministic: `<enterprise>-<point>-<level>[-<kind>]-<n>`, n counting that key from 1.
    public var id: String
    public var enterprise: String
    public var point: String
    public var level: AlarmLevel
    public var category: AlarmCategory
    /// Sub-kind: the limit a digital alarm stands for (`H`, `HH`, …), the state or rate rule id,
    /// the interlock name, or the instrument fault (`offline`, `frozen`, `outOfRange`, `badQuality`).
    public var kind: String?
    /// The limit this alarm stands for: the level itself for LL/L/H/HH; for DI the limit that
    /// marks the digital alarm value, or the state rule's `limit`; nil otherwise.
    public var limit: AlarmLevel?
    /// The value that raised it (NaN when there was none, e.g. offline).
    public var value: Double
    /// The limit or rate it crossed (NaN when not applicable).
    public var threshold: Double
    public var raisedAt: SimInstant
    /// 消警: when the condition went away.
    public var clearedAt: SimInstant?
    /// 处置: when, by whom and with what result the alarm was handled.
    public var handledAt: SimInstant?
    public var handler: String?
    public var result: String?
    /// Raised on a critical point (§8: interlocked, or CO).
    public var critical: Bool
    /// On a disabled point (停用) or a unit in maintenance: logged, not counted in grading.
    public var excluded: Bool
    /// Short human text (what crossed what).
    public var message: String

    public var isActive: Bool { clearedAt == nil }
    public var isHandled: Bool { handledAt != nil }

    /// How long it has been (or was) active at `now`.
    public func activeDuration(at now: SimInstant) -> SimDuration { (clearedAt ?? now) - raisedAt }
    /// Raised → handled, if handled.
    public var timeToHandle: SimDuration? { handledAt.map { $0 - raisedAt } }
    /// Raised → cleared, if cleared.
    public var timeToClear: SimDuration? { clearedAt.map { $0 - raisedAt } }

    /// The limit this alarm stands for: the level itself for LL/L/H/HH, the digital limit for DI.
    public var limitLevel: AlarmLevel? { limit }

    /// A critical hazard alarm at LL or HH (analog, or a digital point whose alarm value is marked LL/HH).
    public var isCriticalExtreme: Bool {
        category == .hazard && critical && (limitLevel == .ll || limitLevel == .hh)
    }

    /// A hazard alarm at H or L (analog, or digital marked H/L).
    public var isHighOrLow: Bool { category == .hazard && (limitLevel == .h || limitLevel == .l) }
}
