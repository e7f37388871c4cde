import PlantModel
import SimCore

/// Compiled per-point settings (from `ReferenceRules` and the point's spec).
struct PointConfig: Sendable {
    var deadband: Double
    var onDelay: SimDuration
    /// Limit levels switched off, and those evaluated only while `when` holds: bits by limit slot
    /// (`AlarmLevel.limitIndex`), read per sample without hashing.
    var disabledSlots: UInt8
    var conditionalSlots: UInt8
    var when: PointTest?
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
    var pendingSince = LimitSlots<SimInstant?>(nil)
    var limitAlarm = LimitSlots<Int?>(nil)
    var digitalPendingSince: SimInstant?
    var digitalAlarm: Int?
    /// Open alarm per rate rule index.
    var rateAlarm: [Int: Int] = [:]
    /// Recent good samples for rate rules (time, value), oldest first, trimmed to the longest window.
    var history: [(time: SimInstant, value: Double)] = []
    var instrumentAlarm = InstrumentAlarms()

    /// A hazard evaluation is suppressed while any instrument alarm is open on the point.
    var hasInstrumentFault: Bool { !instrumentAlarm.isEmpty }
}

/// One value per limit level (LL, L, H, HH) stored inline: no array (and no uniqueness check or
/// retain) behind a per-sample read or write.
struct LimitSlots<Value: Sendable>: Sendable {
    var ll, l, h, hh: Value

    init(_ value: Value) { ll = value; l = value; h = value; hh = value }
    init(ll: Value, l: Value, h: Value, hh: Value) { self.ll = ll; self.l = l; self.h = h; self.hh = hh }

    subscript(slot: Int) -> Value {
        get {
            switch slot {
            case 0: ll
            case 1: l
            case 2: h
            default: hh
            }
        }
        set {
            switch slot {
            case 0: ll = newValue
            case 1: l = newValue
            case 2: h = newValue
            default: hh = newValue
            }
        }
    }
}

extension LimitSlots where Value == Int? {
    /// No limit alarm open.
    var isEmpty: Bool { ll == nil && l == nil && h == nil && hh == nil }
}

extension LimitSlots where Value == SimInstant? {
    /// No limit pending (on-delay running).
    var isEmpty: Bool { ll == nil && l == nil && h == nil && hh == nil }
}

/// The open instrument alarm (its log index) per fault, stored inline.
struct InstrumentAlarms: Sendable {
    var offline, frozen, outOfRange, badQuality: Int?

    var isEmpty: Bool { offline == nil && frozen == nil && outOfRange == nil && badQuality == nil }

    subscript(fault: InstrumentFault) -> Int? {
        get {
            switch fault {
            case .offline: offline
            case .frozen: frozen
            case .outOfRange: outOfRange
            case .badQuality: badQuality
            }
        }
        set {
            switch fault {
            case .offline: offline = newValue
            case .frozen: frozen = newValue
            case .outOfRange: outOfRange = newValue
            case .badQuality: badQuality = newValue
            }
        }
    }
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

    /// The bits of a set of limit levels by slot.
    static func slotBits(_ levels: Set<AlarmLevel>) -> UInt8 {
        levels.reduce(0) { bits, level in level.limitIndex.map { bits | 1 << $0 } ?? bits }
    }
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
