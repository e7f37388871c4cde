import Conformance
import PlantModel
import Reference
import SimCore
import Simulation

/// Engine events and reference-platform events as history records.
public enum HistoryMapping {
    static let stepKinds: Set<EngineEvent.Kind> = [
        .operationApplied, .faultInjected, .faultCleared, .sensorFaultStarted, .sensorFaultEnded,
        .protocolFaultStarted, .protocolFaultEnded, .networkFaultStarted, .networkFaultEnded, .mark, .platformAction,
    ]

    public static func record(_ event: EngineEvent) -> HistoryRecord {
        if stepKinds.contains(event.kind) {
            var r = HistoryRecord.step(at: event.time, name: event.step, kind: event.kind.rawValue,
                                       enterprise: event.plant,
                                       detail: event.detail.isEmpty ? event.name : "\(event.name): \(event.detail)")
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
        var r = HistoryRecord.alarm(
            type, at: time, id: a.id, enterprise: a.enterprise, point: a.point, level: a.level.rawValue,
            category: a.category.rawValue, kind: a.kind, critical: a.critical, value: a.value, message: a.message)
        if a.excluded { r.excluded = true }
        return r
    }

    /// The harness's `plant` records: each enterprise with its region, points and sampling periods.
    public static func plantRecords(_ plants: [Plant]) -> [HistoryRecord] {
        plants.map {
            HistoryRecord.plant(
                enterprise: $0.enterprise.code, region: $0.enterprise.regionCode, regionName: $0.enterprise.regionName,
                points: $0.points.map(\.code), periodsMs: $0.points.map(\.samplePeriod.milliseconds))
        }
    }

    /// A plot recorder over every point of the plants.
    public static func seriesRecorder(_ plants: [Plant], duration: SimDuration, buckets: Int = 400) -> SeriesRecorder {
        SeriesRecorder(enterprises: plants.map(\.enterprise.code), points: plants.map { $0.points.map(info) },
                       duration: duration, buckets: buckets)
    }

    static func info(_ spec: PointSpec) -> SeriesRecorder.PointInfo {
        var limits: [String: Double] = [:]
        if spec.kind == .analog {
            limits["LL"] = spec.limits.ll; limits["L"] = spec.limits.l
            limits["H"] = spec.limits.h; limits["HH"] = spec.limits.hh
        }
        return SeriesRecorder.PointInfo(
            code: spec.code, name: spec.nameEn, unit: spec.unit, limits: limits, rangeMin: spec.rangeMin,
            rangeMax: spec.rangeMax, nameZh: spec.nameZh)
    }
}
