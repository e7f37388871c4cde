import SimCore

/// The history of one scenario run, indexed for judging. Built from records in any order; kept in
/// time order (stable: records at the same time keep their file order).
public struct History: Sendable {
    /// An alarm as the target reported it over its life.
    public struct Alarm: Hashable, Sendable {
        public var id: String
        public var enterprise: String
        public var point: String
        public var level: String
        public var category: String?
        public var kind: String?
        public var critical: Bool
        /// On a disabled point or a unit in maintenance: logged, not counted.
        public var excluded: Bool
        public var raisedAt: SimInstant
        public var clearedAt: SimInstant?
        public var handledAt: SimInstant?
        public var message: String?
        public var isHazard: Bool { category != "instrument" && level != "INSTRUMENT" }
    }

    /// An enterprise as the harness registered it.
    public struct Enterprise: Hashable, Sendable {
        public var code: String
        public var region: String
        public var regionName: String
        public var points: [String]
        public var periodsMs: [Int64]
    }

    /// The records as given, and their time order (indices into `raw`).
    let raw: [HistoryRecord]
    let order: [Int]
    /// Every record in time order (materialised on demand: the judging works from the indexes).
    public var records: [HistoryRecord] { order.map { raw[$0] } }
    /// Alarms in the order raised.
    public private(set) var alarms: [Alarm] = []
    /// Grade changes per enterprise, oldest first.
    public private(set) var grades: [String: [HistoryRecord]] = [:]
    public private(set) var enterprises: [Enterprise] = []
    /// Step name → time the step applied.
    public private(set) var stepTimes: [String: SimInstant] = [:]
    /// Errors (harness or target), oldest first.
    public private(set) var errors: [HistoryRecord] = []
    /// Plant time up to which observation is complete (the `end` record; nil: the run did not finish).
    public private(set) var end: SimInstant?
    /// Indices into `alarms` by point code, in raise order (alarms are judged per point).
    private(set) var alarmsByPoint: [String: [Int]] = [:]
    /// The same by enterprise and point.
    private(set) var alarmsByKey: [AlarmKey: [Int]] = [:]

    struct AlarmKey: Hashable {
        var enterprise: String
        var point: String
    }
    /// Records by type, in time order.
    private(set) var byType: [HistoryRecord.Kind: [HistoryRecord]] = [:]

    public init(_ records: [HistoryRecord]) {
        raw = records
        let inOrder = zip(records, records.dropFirst()).allSatisfy { $0.t <= $1.t }
        // Sort (time, position) keys, never the records themselves (large structs).
        order = inOrder ? Array(records.indices)
            : records.indices.map { (t: records[$0].t, i: $0) }.sorted { ($0.t, $0.i) < ($1.t, $1.i) }.map(\.i)
        let raised = records.reduce(0) { $0 + ($1.type == .alarmRaised ? 1 : 0) }
        var alarmIndex: [String: Int] = [:]
        alarmIndex.reserveCapacity(raised)
        alarms.reserveCapacity(raised)
        for i in order { index(records[i], alarmIndex: &alarmIndex) }
    }

    private mutating func index(_ record: HistoryRecord, alarmIndex: inout [String: Int]) {
        if record.type == .interlockActed || record.type == .plantEvent || record.type == .received {
            byType[record.type, default: []].append(record)
        }
        switch record.type {
        case .plant:
            guard let code = record.enterprise else { return }
            enterprises.append(Enterprise(
                code: code, region: record.region ?? "", regionName: record.regionName ?? "",
                points: record.points ?? [], periodsMs: record.periodsMs ?? []))
        case .step:
            if let name = record.name, stepTimes[name] == nil { stepTimes[name] = record.time }
        case .alarmRaised:
            let alarm = Alarm(
                id: record.id ?? "#\(alarms.count)", enterprise: record.enterprise ?? "", point: record.point ?? "",
                level: record.level ?? "", category: record.category, kind: record.kind,
                critical: record.critical ?? false, excluded: record.excluded ?? false, raisedAt: record.time,
                message: record.message)
            alarmIndex[alarm.id] = alarms.count
            alarmsByPoint[alarm.point, default: []].append(alarms.count)
            alarmsByKey[AlarmKey(enterprise: alarm.enterprise, point: alarm.point), default: []].append(alarms.count)
            alarms.append(alarm)
        case .alarmCleared:
            if let id = record.id, let i = alarmIndex[id], alarms[i].clearedAt == nil { alarms[i].clearedAt = record.time }
        case .alarmHandled:
            if let id = record.id, let i = alarmIndex[id], alarms[i].handledAt == nil { alarms[i].handledAt = record.time }
        case .grade:
            if let code = record.enterprise { grades[code, default: []].append(record) }
        case .error:
            errors.append(record)
        case .end:
            end = max(end ?? record.time, record.time)
        case .plantEvent, .interlockActed, .received:
            break
        }
    }

    /// The first error at or before `time`, if any.
    public func firstError(atOrBefore time: SimInstant) -> HistoryRecord? {
        errors.first { $0.time <= time }
    }

    /// Records of one type, optionally of one enterprise, in time order.
    public func records(_ type: HistoryRecord.Kind, enterprise: String? = nil) -> [HistoryRecord] {
        let all = byType[type] ?? order.compactMap { raw[$0].type == type ? raw[$0] : nil }
        return enterprise == nil ? all : all.filter { $0.enterprise == enterprise }
    }

    /// Alarms on a point (every alarm when nil), of one enterprise when given, in raise order.
    public func alarms(onPoint point: String?, enterprise: String? = nil) -> [Alarm] {
        guard let point else { return enterprise.map { code in alarms.filter { $0.enterprise == code } } ?? alarms }
        let indices = enterprise.map { alarmsByKey[AlarmKey(enterprise: $0, point: point)] } ?? alarmsByPoint[point]
        return (indices ?? []).map { alarms[$0] }
    }

    /// The grade of an enterprise in effect at `time` (nil before its first grade).
    public func grade(of enterprise: String, at time: SimInstant) -> String? {
        grades[enterprise]?.last { $0.time <= time }?.grade
    }
}
