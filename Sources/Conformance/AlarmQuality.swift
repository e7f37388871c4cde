import PlantModel
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
        let alarms = history.alarms, codes = history.alarmCodes
        let asked = askedFor(history, expectations)
        let end = history.end ?? SimInstant.start + duration
        // One pass over the alarms (raised in time order, so the times come out sorted).
        var times: [Int64] = [], standing: [String] = [], unexpected: [String] = []
        times.reserveCapacity(alarms.count)
        for i in alarms.indices where codes[i].hazard {
            times.append(alarms[i].raisedAt.milliseconds)
            if alarms[i].clearedAt == nil && end - alarms[i].raisedAt >= .ms(settings.standingAfterMs) {
                standing.append(alarms[i].id)
            }
            if !asked[i] { unexpected.append(alarms[i].id) }
        }
        let tenMinutes = max(1, Double(duration.milliseconds) / 600_000)
        return AlarmQuality(
            hazardAlarms: times.count, instrumentAlarms: alarms.count - times.count,
            per10MinAverage: (Double(times.count) / tenMinutes * 100).rounded() / 100,
            per10MinPeak: maxInWindow(times, windowMs: 600_000), floods: floods(times, settings),
            chattering: chattering(history, settings), standing: standing, unexpected: unexpected)
    }

    /// Per alarm: whether an alarm expectation (raised, cleared) of the scenario names it (as
    /// `Checker.matching` decides). The expectations are merged by the (enterprise, point) they
    /// name, each with the levels asked for, so each candidate alarm is visited once per scope.
    static func askedFor(_ history: History, _ expectations: [Expectation]) -> [Bool] {
        struct Scope: Hashable { var plant, point: String? }
        var scopes: [Scope: (anyLevel: Bool, levels: Set<String>)] = [:]
        for e in expectations {
            switch e.kind {
            case .alarmRaised(let m), .alarmCleared(let m):
                let scope = Scope(plant: e.plant, point: m.point)
                if let level = m.level { scopes[scope, default: (false, [])].levels.insert(level.rawValue) }
                else { scopes[scope, default: (false, [])].anyLevel = true }
            default: break
            }
        }
        var asked = [Bool](repeating: false, count: history.alarms.count)
        var levelAsked = [Bool](repeating: false, count: history.levelCodes.count)
        for (scope, wanted) in scopes {
            let levels = wanted.levels.compactMap { history.levelCodes.id($0) }
            for l in levels { levelAsked[Int(l)] = true }
            for i in history.alarmIndices(onPoint: scope.point, enterprise: scope.plant) {
                let codes = history.alarmCodes[Int(i)]
                let levelled = levelAsked[Int(codes.level)]
                    && codes.hazard == (history.levelCodes.names[Int(codes.level)] != AlarmLevel.instrument.rawValue)
                if (wanted.anyLevel && codes.hazard) || levelled { asked[Int(i)] = true }
            }
            for l in levels { levelAsked[Int(l)] = false }
        }
        return asked
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

    /// Alarm keys (`enterprise/point/level`) of hazard alarms raised `chatterCount`+ times within
    /// `chatterWindowMs`: per (enterprise, point) pair from the history's index, split by level.
    static func chattering(_ history: History, _ settings: Settings) -> [String] {
        var byLevel = [[Int64]](repeating: [], count: history.levelCodes.count)
        var levels: [Int32] = []
        var found: [String] = []
        for pair in 0..<history.alarmsByPair.count {
            let members = history.alarmsByPair[pair]
            guard let head = members.first.map({ history.alarmCodes[Int($0)] }) else { continue }
            for i in members where history.alarmCodes[Int(i)].hazard {
                let codes = history.alarmCodes[Int(i)]
                if byLevel[Int(codes.level)].isEmpty { levels.append(codes.level) }
                byLevel[Int(codes.level)].append(codes.raisedAt)
            }
            for level in levels {
                if maxInWindow(byLevel[Int(level)], windowMs: settings.chatterWindowMs) >= settings.chatterCount {
                    found.append(history.enterpriseCodes.names[Int(head.enterprise)] + "/"
                        + history.pointCodes.names[Int(head.point)] + "/" + history.levelCodes.names[Int(level)])
                }
                byLevel[Int(level)].removeAll(keepingCapacity: true)
            }
            levels.removeAll(keepingCapacity: true)
        }
        return found.sorted()
    }
}
