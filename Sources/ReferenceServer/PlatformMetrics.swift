import CoreMetrics
import PlantModel
import Reference
import Telemetry

/// What `/metrics` shows of the reference platform: alarms and grades read from the platform at
/// scrape time, uplink batches counted as they arrive (`UplinkRoutes`), HTTP requests by
/// Hummingbird's `MetricsMiddleware`.
enum PlatformMetrics {
    static func register(_ platform: Platform, on telemetry: Telemetry) {
        telemetry.addCollector {
            let alarms = await platform.alarms()
            var raised: [String: Int] = [:]
            var active: [String: Int] = [:]
            for alarm in alarms {
                raised[alarm.level.rawValue, default: 0] += 1
                if alarm.isActive { active[alarm.level.rawValue, default: 0] += 1 }
            }
            for level in AlarmLevel.allCases.map(\.rawValue) {
                telemetry.total("tundish_alarms_raised_total", [("level", level)],
                                help: "Alarms raised by the platform, by level", to: raised[level] ?? 0)
                telemetry.gauge("tundish_alarms_active", [("level", level)], help: "Alarms not yet cleared, by level")
                    .set(Double(active[level] ?? 0))
            }
            for plant in await platform.plants {
                guard let status = await platform.grade(of: plant.enterprise.code) else { continue }
                let rank = RiskGrade.allCases.firstIndex(of: status.grade) ?? 0
                telemetry.gauge("tundish_risk_grade", [("enterprise", plant.enterprise.code)],
                                help: "Current risk grade per enterprise: 0 blue, 1 yellow, 2 orange, 3 red")
                    .set(Double(rank))
            }
        }
    }

    /// Counts one uplink post by payload kind and outcome (accepted, duplicate, rejected).
    static func uplink(kind: String, outcome: String) {
        Counter(label: "tundish_uplink_batches_total", dimensions: [("kind", kind), ("outcome", outcome)]).increment()
    }
}
