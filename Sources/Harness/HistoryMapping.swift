import Conformance
import Reference
import SimCore
import Simulation

/// Engine events and reference-platform events as history records.
public enum HistoryMapping {
    static let stepKinds: Set<EngineEvent.Kind> = [
        .operationApplied, .faultInjected, .faultCleared, .sensorFaultStarted, .sensorFaultEnded,
        .protocolFaultStarted, .protocolFaultEnded, .networkFaultStarted, .networkFaultEnded, .mark,
    ]

    public static func record(_ event: EngineEvent) -> HistoryRecord {
        if stepKinds.contains(event.kind) {
            var r = HistoryRecord.step(at: event.time, name: event.step, kind: event.kind.rawValue,
                                       enterprise: event.plant, detail: "\(event.name): \(event.detail)")
            r.point = event.equipment
            return r
        }
        return .plantEvent(at: event.time, kind: event.kind.rawValue, enterprise: event.plant,
                           equipment: event.equipment, name: event.name, detail: event.detail)
    }

    public static func record(_ event: ReferenceEvent) -> HistoryRecord {
        switch event {
        case .alarmRaised(let a): alarm(.alarmRaised, a, at: a.raisedAt)
        case .alarmCleared(let a): alarm(.alarmCleared, a, at: a.clearedAt ?? a.raisedAt)
        case .alarmHandled(let a): alarm(.alarmHandled, a, at: a.handledAt ?? a.raisedAt)
        case .gradeChanged(let g):
            .grade(at: g.time, enterprise: g.enterprise, to: g.to.rawValue, from: g.from?.rawValue, reasons: g.reasons)
        case .interlockActed(let action):
            .interlockActed(at: action.time, enterprise: action.enterprise, interlock: action.interlock,
                            detail: "after \(action.after) (trigger \(action.triggerAlarm))" + (action.late ? ", late" : ""))
        }
    }

    static func alarm(_ type: HistoryRecord.Kind, _ a: AlarmRecord, at time: SimInstant) -> HistoryRecord {
        .alarm(type, at: time, id: a.id, enterprise: a.enterprise, point: a.point, level: a.level.rawValue,
               category: a.category.rawValue, kind: a.kind, critical: a.critical, value: a.value, message: a.message)
    }
}
