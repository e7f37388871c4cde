import PlantModel
import SimCore

/// The regulator's view (监管应用端), per region (county/district code): enterprises per grade,
/// unhandled alarms with their ages, and the online rate of critical points. Pure: built from
/// per-enterprise status at one plant time.
public struct RegulatorView: Hashable, Sendable {
    public struct EnterpriseStatus: Hashable, Sendable {
        public var enterprise: Enterprise
        public var grade: RiskGrade
        /// Non-excluded alarms without a handling (处置) record, open or cleared.
        public var unhandled: [AlarmRecord]
        public var onlineRate: Double
        public init(enterprise: Enterprise, grade: RiskGrade, unhandled: [AlarmRecord], onlineRate: Double) {
            self.enterprise = enterprise; self.grade = grade; self.unhandled = unhandled; self.onlineRate = onlineRate
        }
    }

    public struct UnhandledAlarm: Hashable, Sendable {
        public var alarmId: String
        public var enterprise: String
        public var point: String
        public var level: AlarmLevel
        public var active: Bool
        /// Time since it was raised.
        public var age: SimDuration
    }

    public struct Region: Hashable, Sendable {
        public var code: String
        public var name: String
        public var enterprises: [String]
        /// Number of enterprises at each grade (every grade present, zero included).
        public var gradeCounts: [RiskGrade: Int]
        /// Oldest first.
        public var unhandled: [UnhandledAlarm]
        /// Online critical points ÷ registered critical points over the region's enterprises
        /// (the mean of the enterprises' rates, each weighted equally).
        public var onlineRate: Double
    }

    public var at: SimInstant
    /// Sorted by region code.
    public var regions: [Region]

    public init(at time: SimInstant, enterprises: [EnterpriseStatus]) {
        at = time
        var byRegion: [String: [EnterpriseStatus]] = [:]
        for status in enterprises { byRegion[status.enterprise.regionCode, default: []].append(status) }
        regions = byRegion.keys.sorted().map { code in
            let members = byRegion[code] ?? []
            var counts: [RiskGrade: Int] = [:]
            for grade in RiskGrade.allCases { counts[grade] = members.filter { $0.grade == grade }.count }
            let unhandled = members.flatMap { member in
                member.unhandled.map {
                    UnhandledAlarm(alarmId: $0.id, enterprise: $0.enterprise, point: $0.point, level: $0.level,
                                   active: $0.isActive, age: time - $0.raisedAt)
                }
            }.sorted { ($0.age, $1.alarmId) > ($1.age, $0.alarmId) }
            let rate = members.isEmpty ? 1 : members.map(\.onlineRate).reduce(0, +) / Double(members.count)
            return Region(code: code, name: members.first?.enterprise.regionName ?? "",
                          enterprises: members.map(\.enterprise.code).sorted(), gradeCounts: counts,
                          unhandled: unhandled, onlineRate: rate)
        }
    }
}
