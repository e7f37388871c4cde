import PlantModel
import SimCore

/// Compiled per-point settings (from `ReferenceRules` and the point's spec).
struct PointConfig: Sendable {
    var deadband: Double
    var onDelay: SimDuration
    var disabledLevels: Set<AlarmLevel>
    var conditionalLevels: Set<AlarmLevel>
    var when: Condition?
    var frozenCheck: Bool
    /// Indices into the site's rate rules for this point.
    var rateRules: [Int]
    /// Indices of state rules that read this point (as subject or in their condition).
    var stateRules: [Int]
    /// Indices of interlocks this point triggers.
    var triggers: [Int]
    var disabled: Bool
}

/// Runtime state of one point: its latest readings and the alarms it holds open.
struct PointMonitor: Sendable {
    var value: Double = .nan
    var quality: Quality = .offline
    var time: SimInstant?
    /// Latest value of good quality that passed the data-quality checks (what conditions read).
    var lastGood: Double?
    /// Last sample that was not offline.
    var lastSeen: SimInstant?
    var frozenSince: SimInstant?
    var frozenBits: UInt64 = 0
    /// Since when the value is back in range while an out-of-range alarm is open.
    var inRangeSince: SimInstant?
    /// Per limit level (LL, L, H, HH): since when the value is beyond it, and the open alarm.
    var pendingSince: [SimInstant?] = [nil, nil, nil, nil]
    var limitAlarm: [Int?] = [nil, nil, nil, nil]
    var digitalPendingSince: SimInstant?
    var digitalAlarm: Int?
    /// Open alarm per rate rule index.
    var rateAlarm: [Int: Int] = [:]
    /// Recent good samples for rate rules (time, value), oldest first, trimmed to the longest window.
    var history: [(time: SimInstant, value: Double)] = []
    var instrumentAlarm: [InstrumentFault: Int] = [:]

    /// A hazard evaluation is suppressed while any instrument alarm is open on the point.
    var hasInstrumentFault: Bool { !instrumentAlarm.isEmpty }
}

extension AlarmLevel {
    /// Index of a limit level in `PointMonitor.pendingSince` / `limitAlarm`.
    var limitIndex: Int? {
        switch self {
        case .ll: 0
        case .l: 1
        case .h: 2
        case .hh: 3
        default: nil
        }
    }

    var isLow: Bool { self == .ll || self == .l }
}

extension Limits {
    func value(for level: AlarmLevel) -> Double? {
        switch level {
        case .ll: ll
        case .l: l
        case .h: h
        case .hh: hh
        default: nil
        }
    }

    /// For a digital point: the limit that marks the alarm value (`H 1`, `L 0`, `HH 1`), most severe first.
    var digitalAlarm: (level: AlarmLevel, value: Double)? {
        for level in [AlarmLevel.hh, .ll, .h, .l] {
            if let value = value(for: level) { return (level, value) }
        }
        return nil
    }
}
