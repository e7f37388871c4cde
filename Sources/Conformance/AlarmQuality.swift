import Scenario
import SimCore

/// Alarm-system performance figures of one run, in the style of ISA-18.2 / EEMUA 191, computed
/// from the target's alarms in the history (hazard alarms; instrument alarms counted apart).
public struct AlarmQuality: Hashable, Sendable, Codable {
    /// Thresholds (defaults after EEMUA 191: a flood is more than 10 alarms in 10 minutes; chattering
    /// is the same alarm raised 3 or more times within a minute). Standing alarms are scaled to
    /// scenario lengths: still active at the end after at least `standingAfterMs`.
    public struct Settings: Hashable, Sendable, Codable {
        public var floodCount = 10
        public var floodWindowMs: Int64 = 600_000
        public var chatterCount = 3
        public var chatterWindowMs: Int64 = 60_000
        public var standingAfterMs: Int64 = 600_000
        public init() {}
    }

    public var hazardAlarms: Int
    public var instrumentAlarms: Int
    /// Hazard alarms per 10 minutes of run, on average and at the busiest 10 minutes.
    public var per10MinAverage: Double
    public var per10MinPeak: Int
    /// Periods of more than `floodCount` alarms in `floodWindowMs` (merged when they overlap).
    public var floods: Int
    /// Alarm keys (`enterprise/point/level`) raised `chatterCount`+ times within `chatterWindowMs`.
    public var chattering: [String]
    /// Alarm ids still active at the end, active for at least `standingAfterMs`.
    public var standing: [String]
    /// Hazard alarm ids no alarm expectation (raised, cleared) of the scenario asked for.
    public var unexpected: [String]

    public static let empty = AlarmQuality(
        hazardAlarms: 0, instrumentAlarms: 0, per10MinAverage: 0, per10MinPeak: 0, floods: 0, chattering: [],
        standing: [], unexpected: [])

    public init(hazardAlarms: Int, instrumentAlarms: Int, per10MinAverage: Double, per10MinPeak: Int, floods: Int,
                chattering: [String], standing: [String], unexpected: [String]) {
        self.hazardAlarms = hazardAlarms; self.instrumentAlarms = instrumentAlarms
        self.per10MinAverage = per10MinAverage; self.per10MinPeak = per10MinPeak; self.floods = floods
        self.chattering = chattering; self.standing = standing; self.unexpected = unexpected
    }

    public static func compute(history: History, expectations: [Expectation], duration: SimDuration,
                               settings: Settings = Settings()) -> AlarmQuality {
        let hazard = history.alarms.filter(\.isHazard)
        let times = hazard.map(\.raisedAt.milliseconds)
        let peak = maxInWindow(times, windowMs: 600_000)
        let tenMinutes = max(1, Double(duration.milliseconds) / 600_000)
        let end = history.end ?? SimInstant.start + duration
        let standing = hazard.filter { $0.clearedAt == nil && end - $0.raisedAt >= .ms(settings.standingAfterMs) }
        let checker = Checker(history: history)
        // Alarm expectations by the point they name (nil: any point), as indices: no copies per alarm.
        var asked: [String?: [Int]] = [:]
        for (i, e) in expectations.enumerated() {
            switch e.kind {
            case .alarmRaised(let m), .alarmCleared(let m): asked[m.point, default: []].append(i)
            default: break
            }
        }
        let anyPoint = asked[nil] ?? []
        func isAsked(_ alarm: History.Alarm, _ indices: [Int]) -> Bool {
            indices.contains { i in
                switch expectations[i].kind {
                case .alarmRaised(let m), .alarmCleared(let m): checker.matches(alarm, m, expectations[i])
                default: false
                }
            }
        }
        let unexpected = hazard.filter { alarm in
            !(isAsked(alarm, asked[alarm.point] ?? []) || isAsked(alarm, anyPoint))
        }
        return AlarmQuality(
            hazardAlarms: hazard.count, instrumentAlarms: history.alarms.count - hazard.count,
            per10MinAverage: (Double(hazard.count) / tenMinutes * 100).rounded() / 100, per10MinPeak: peak,
            floods: floods(times, settings), chattering: chattering(hazard, settings), standing: standing.map(\.id),
            unexpected: unexpected.map(\.id))
    }

    /// The most alarms in any window of `windowMs` (times sorted).
    static func maxInWindow(_ times: [Int64], windowMs: Int64) -> Int {
        var best = 0, lo = 0
        for hi in times.indices {
            while times[hi] - times[lo] >= windowMs { lo += 1 }
            best = max(best, hi - lo + 1)
        }
        return best
    }

    static func floods(_ times: [Int64], _ settings: Settings) -> Int {
        var count = 0, lo = 0
        var floodEnd = Int64.min
        for hi in times.indices {
            while times[hi] - times[lo] >= settings.floodWindowMs { lo += 1 }
            guard hi - lo + 1 > settings.floodCount else { continue }
            if times[lo] > floodEnd { count += 1 }
            floodEnd = times[hi]
        }
        return count
    }

    static func chattering(_ alarms: [History.Alarm], _ settings: Settings) -> [String] {
        struct Key: Hashable { var enterprise, point, level: String }
        var byKey: [Key: [Int64]] = [:]
        for alarm in alarms {
            byKey[Key(enterprise: alarm.enterprise, point: alarm.point, level: alarm.level), default: []]
                .append(alarm.raisedAt.milliseconds)
        }
        return byKey.compactMap { key, times in
            maxInWindow(times, windowMs: settings.chatterWindowMs) >= settings.chatterCount
                ? "\(key.enterprise)/\(key.point)/\(key.level)" : nil
        }.sorted()
    }
}
