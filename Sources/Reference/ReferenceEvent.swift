import PlantModel
import SimCore

/// A change of an enterprise's grade, with the rule ids (reason codes) behind it.
public struct GradeChange: Hashable, Sendable, Codable {
    public var time: SimInstant
    public var enterprise: String
    /// nil for the first grade of the run.
    public var from: RiskGrade?
    public var to: RiskGrade
    /// Rule ids that hold the new grade (sorted); on a hysteresis step down also `DEESCALATE-hysteresis`.
    public var reasons: [String]

    public init(time: SimInstant, enterprise: String, from: RiskGrade?, to: RiskGrade, reasons: [String]) {
        self.time = time; self.enterprise = enterprise; self.from = from; self.to = to; self.reasons = reasons
    }
}

/// The platform saw an interlock act: after its trigger alarm, every result point reached its
/// expected value (on time, or late — then an INTERLOCK alarm was raised and now clears).
public struct InterlockAction: Hashable, Sendable, Codable {
    public var time: SimInstant
    public var enterprise: String
    public var interlock: String
    /// The alarm that started the supervision.
    public var triggerAlarm: String
    /// Trigger → results reached.
    public var after: SimDuration
    public var late: Bool

    public init(time: SimInstant, enterprise: String, interlock: String, triggerAlarm: String, after: SimDuration,
                late: Bool) {
        self.time = time; self.enterprise = enterprise; self.interlock = interlock; self.triggerAlarm = triggerAlarm
        self.after = after; self.late = late
    }
}

/// What the core reports, in the order it happened.
public enum ReferenceEvent: Hashable, Sendable, Codable {
    case alarmRaised(AlarmRecord)
    case alarmCleared(AlarmRecord)
    case alarmHandled(AlarmRecord)
    case gradeChanged(GradeChange)
    case interlockActed(InterlockAction)

    public var time: SimInstant {
        switch self {
        case .alarmRaised(let alarm): alarm.raisedAt
        case .alarmCleared(let alarm): alarm.clearedAt ?? alarm.raisedAt
        case .alarmHandled(let alarm): alarm.handledAt ?? alarm.raisedAt
        case .gradeChanged(let change): change.time
        case .interlockActed(let action): action.time
        }
    }

    public var alarm: AlarmRecord? {
        switch self {
        case .alarmRaised(let alarm), .alarmCleared(let alarm), .alarmHandled(let alarm): alarm
        case .gradeChanged, .interlockActed: nil
        }
    }
}
