import PlantModel
import SimCore

/// Everything the reference platform is configured with: alarm defaults, per-point settings,
/// state and rate rules, interlock supervision, exclusions and the risk-grading rules.
/// `ReferenceRules.defaults` equals `Scenarios/rules/default.yaml` (tested); `RulesParser` reads a
/// file over these defaults, so a file only needs what it changes.
public struct ReferenceRules: Hashable, Sendable {
    public var alarms = AlarmSettings()
    public var quality = QualitySettings()
    public var points: [PointRule] = []
    public var stateRules: [StateRule] = []
    public var rateRules: [RateRule] = []
    public var interlocks = InterlockSettings()
    public var exclusions = Exclusions()
    public var risk = RiskSettings()
    /// Rule ids switched off: risk rules (`RED-1-…`), state rules, rate rules, and
    /// `INTERLOCK-supervision`. Negative-control tests use this to prove a scenario has teeth.
    public var disabledRules: Set<String> = []

    public init() {}

    public func isEnabled(_ id: String) -> Bool { !disabledRules.contains(id) }

    /// Every id `disabledRules` may name: risk rules, interlock supervision, state and rate rules.
    public var ruleIds: Set<String> {
        Set(RiskRuleID.all).union(stateRules.map(\.id)).union(rateRules.map(\.id))
    }
}

/// Analog limit alarms.
public struct AlarmSettings: Hashable, Sendable {
    /// Clear only when back inside the limit by this share of the instrument span, %.
    public var deadbandPct: Double = 1
    /// The value must stay beyond the limit this long before the alarm is raised (non-critical points).
    public var onDelay: SimDuration = .seconds(3)
    /// The same for critical points (§8: they must alarm at once).
    public var criticalOnDelay: SimDuration = .zero
    public init() {}
}

/// Data-quality (instrument) alarms.
public struct QualitySettings: Hashable, Sendable {
    /// No sample, or only offline-quality samples, for this long → offline (§2.2: 5 min).
    public var offlineAfter: SimDuration = .minutes(5)
    /// An analog value bit-identical for this long → frozen. Zero switches the check off.
    public var frozenAfter: SimDuration = .seconds(60)
    /// Points never checked for a frozen value (noise-free by nature, e.g. counters at rest).
    public var frozenExempt: [String] = []
    /// An out-of-range alarm clears only after the value has stayed in range this long; until then
    /// the point's hazard evaluation stays suppressed (a signal that produced impossible values —
    /// e.g. a wrong word order — is not trusted on its first plausible one).
    public var rangeClearAfter: SimDuration = .seconds(10)
    public init() {}
}

/// Per-point settings (the point matched by code, or by code after an equipment prefix).
public struct PointRule: Hashable, Sendable {
    public var point: String
    /// Only in this enterprise (nil: every enterprise with the point).
    public var enterprise: String?
    /// Absolute deadband in the point's unit (overrides `deadbandPct`).
    public var deadband: Double?
    public var onDelay: SimDuration?
    /// Limit levels not evaluated at all for this point.
    public var disabledLevels: Set<AlarmLevel> = []
    /// `conditionalLevels` are evaluated only while `when` holds (e.g. CM_SPEED L only while casting);
    /// when it stops holding, their active alarms clear.
    public var conditionalLevels: Set<AlarmLevel> = []
    public var when: Condition?

    public init(point: String, enterprise: String? = nil) { self.point = point; self.enterprise = enterprise }
}

/// A state rule: `point` = `equals` while `when` holds → a DI alarm (e.g. CM_MODE = manual while casting).
public struct StateRule: Hashable, Sendable {
    public var id: String
    public var point: String
    public var equals: Double
    public var when: Condition?
    /// The limit the alarm stands for (its `kind`, used by grading: H/L or HH/LL).
    public var limit: AlarmLevel = .h
    /// nil: the point's own critical flag.
    public var critical: Bool?
    public init(id: String, point: String, equals: Double, when: Condition? = nil) {
        self.id = id; self.point = point; self.equals = equals; self.when = when
    }
}

/// A rate-of-change rule: |Δvalue/Δt| over `window` above `maxPerS` → a RATE alarm.
public struct RateRule: Hashable, Sendable {
    public var id: String
    public var point: String
    public var maxPerS: Double
    public var window: SimDuration = .seconds(1)
    /// Clears when the rate is back below this share of `maxPerS`, %.
    public var clearBelowPct: Double = 80
    public init(id: String, point: String, maxPerS: Double) { self.id = id; self.point = point; self.maxPerS = maxPerS }
}

/// Interlock supervision of each `InterlockSpec` of the plant.
public struct InterlockSettings: Hashable, Sendable {
    /// Added to the interlock's own `delayS` (§8 RED (1): 10 s).
    public var grace: SimDuration = .seconds(10)
    /// An analog result point is reached within this share of its span of the expected value, %.
    public var analogTolerancePct: Double = 2
    /// … or once it has moved this fraction of the way from its value at the trigger toward it.
    public var analogProgress: Double = 0.3
    /// Active windows by interlock name, approximated from points; no entry: always armed.
    public var windows: [String: Condition] = [:]
    public init() {}
}

/// Disabled points (停用) and units in maintenance (RUN_STATUS): alarms logged, `excluded`.
public struct Exclusions: Hashable, Sendable {
    public var disabledPoints: [Scoped] = []
    public var maintenance: [Scoped] = []
    public init() {}

    /// A point code or an equipment id, optionally limited to one enterprise.
    public struct Scoped: Hashable, Sendable {
        public var enterprise: String?
        public var name: String
        public init(enterprise: String? = nil, name: String) { self.enterprise = enterprise; self.name = name }
        func matches(enterprise code: String, _ value: String) -> Bool {
            (enterprise == nil || enterprise == code) && name == value
        }
    }
}
