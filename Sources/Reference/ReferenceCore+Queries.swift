import PlantModel
import SimCore

/// A point's latest reading as the platform holds it.
public struct Reading: Hashable, Sendable {
    public var point: String
    public var time: SimInstant?
    public var value: Double
    public var quality: Quality
}

/// An enterprise's current grade and why.
public struct GradeStatus: Hashable, Sendable {
    public var enterprise: String
    public var grade: RiskGrade
    public var reasons: [String]
    /// The floor (inherent risk) and its reasons.
    public var floor: RiskGrade
    public var floorReasons: [String]
}

/// Queries (read-only).
extension ReferenceCore {
    /// Every alarm, in the order raised.
    public var alarms: [AlarmRecord] { desk.log.records }

    public func alarm(id: String) -> AlarmRecord? { desk.log.position[id].map { desk.log.records[$0] } }

    /// Open alarms, optionally of one enterprise.
    public func activeAlarms(enterprise: String? = nil) -> [AlarmRecord] {
        desk.log.records.filter { $0.isActive && (enterprise == nil || $0.enterprise == enterprise) }
    }

    /// Alarms by filter (any nil argument matches all).
    public func alarms(enterprise: String? = nil, point: String? = nil, level: AlarmLevel? = nil,
                       category: AlarmCategory? = nil) -> [AlarmRecord] {
        desk.log.records.filter {
            (enterprise == nil || $0.enterprise == enterprise) && (point == nil || $0.point == point)
                && (level == nil || $0.level == level) && (category == nil || $0.category == category)
        }
    }

    /// The current grade with its reasons (nil before the first evaluation or for an unknown enterprise).
    public func grade(of enterprise: String) -> GradeStatus? {
        guard let site = siteIndex[enterprise], let grade = sites[site].grade.grade else { return nil }
        let (floor, floorReasons) = RiskEvaluator.floor(plant: sites[site].plant, rules: rules)
        return GradeStatus(enterprise: enterprise, grade: grade, reasons: sites[site].grade.reasons, floor: floor,
                           floorReasons: floorReasons)
    }

    /// Every grade change of an enterprise, oldest first (the first has `from == nil`).
    public func gradeHistory(of enterprise: String) -> [GradeChange] {
        siteIndex[enterprise].map { sites[$0].grade.history } ?? []
    }

    /// Latest reading of every point of an enterprise.
    public func latestReadings(of enterprise: String) -> [Reading] {
        guard let site = siteIndex[enterprise] else { return [] }
        return sites[site].plant.points.indices.map { point in
            let monitor = sites[site].monitors[point]
            return Reading(point: sites[site].plant.points[point].code, time: monitor.time, value: monitor.value,
                           quality: monitor.quality)
        }
    }

    /// Online rate of the registered critical points (在线率, §2.2), 0…1.
    public func onlineRate(of enterprise: String) -> Double? { siteIndex[enterprise].map { onlineRate(site: $0) } }

    /// The regulator view (监管应用端) now.
    public func regulatorView() -> RegulatorView {
        RegulatorView(at: now, enterprises: sites.indices.map { site in
            let code = sites[site].code
            return RegulatorView.EnterpriseStatus(
                enterprise: sites[site].plant.enterprise, grade: sites[site].grade.grade ?? .blue,
                unhandled: desk.log.records.filter { $0.enterprise == code && !$0.excluded && $0.handledAt == nil },
                onlineRate: onlineRate(site: site))
        })
    }
}
