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
        public var isHazard: Bool { Self.isHazard(category: category, level: level) }
        /// By the category the target reported where it reported one (`hazard`, `instrument`), else
        /// by level: an instrument fault the target labels a hazard is a hazard alarm here.
        static func isHazard(category: String?, level: String) -> Bool {
            switch category {
            case "hazard": true
            case "instrument": false
            default: level != "INSTRUMENT"
            }
        }
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
    /// Grade changes per enterprise, oldest first (materialised on demand from `gradeChanges`).
    public var grades: [String: [HistoryRecord]] { gradeChanges.mapValues { $0.map { raw[$0] } } }
    public private(set) var enterprises: [Enterprise] = []
    /// Step name → time the step applied.
    public private(set) var stepTimes: [String: SimInstant] = [:]
    /// Errors (harness or target), oldest first.
    public private(set) var errors: [HistoryRecord] = []
    /// Plant time up to which observation is complete (the `end` record; nil: the run did not finish).
    public private(set) var end: SimInstant?

    /// Per alarm (indices as in `alarms`): its enterprise, point, level and (enterprise, point)
    /// pair as numbers, whether it is a hazard alarm, and when it was raised (milliseconds).
    struct AlarmCodes: Sendable {
        var enterprise: Int32, point: Int32, level: Int32, pair: Int32
        var hazard = false
        var raisedAt: Int64 = 0
    }
    private(set) var alarmCodes: [AlarmCodes] = []
    private(set) var enterpriseCodes = Interner(), pointCodes = Interner(), levelCodes = Interner()
    /// (enterprise number << 32 | point number) → pair number.
    private(set) var pairs: [Int: Int32] = [:]
    /// Indices into `alarms` by point, by enterprise and by (enterprise, point) pair number, in
    /// raise order (alarms are judged per point).
    private(set) var alarmsByPoint = GroupedIndices(), alarmsByEnterprise = GroupedIndices(), alarmsByPair = GroupedIndices()
    /// Grade changes per enterprise as indices into `raw`, oldest first; the codes sorted.
    private(set) var gradeChanges: [String: [Int]] = [:]
    private(set) var gradeCodes: [String] = []
    /// Records by type (indices into `raw`), in time order.
    private(set) var byType: [HistoryRecord.Kind: [Int]] = [:]

    /// Indexes the records: scanned once as given (alarm ids and alarm keys hashed once each, see
    /// `RecordScan`), sorted by time (`TimeOrder`), then walked once in time order over the scan's
    /// small slots: alarms built as raised, clears and handlings linked to them by id number. The
    /// alarm lists by point, enterprise and pair are then laid out flat (`GroupedIndices`).
    public init(_ records: [HistoryRecord]) {
        raw = records
        var scan = RecordScan(records)
        let time = TimeOrder(scan.times)
        order = time.order
        let keyCodes = numberKeys(scan.keys)
        alarms.reserveCapacity(scan.raised); alarmCodes.reserveCapacity(scan.raised)
        // Id number → the alarm last raised with it (a clear or handling applies to that one, once).
        var latest = [Int32](repeating: -1, count: scan.ids.count)
        var grades = [[Int]](repeating: [], count: scan.gradeEnterprises.count)
        for (k, i) in order.enumerated() {
            let slot = scan.slots[i]
            switch slot.type {
            case .alarmRaised:
                let a = alarms.count
                alarms.append(Self.alarm(records[i]))
                var id = slot.id
                if id < 0 { // No id: "#" and its place in raise order, an id later records may name.
                    alarms[a].id = "#\(a)"
                    id = scan.ids.number(alarms[a].id).number
                    if id == latest.count { latest.append(-1) }
                }
                latest[Int(id)] = Int32(a)
                alarmCodes.append(keyCodes[Int(slot.key)])
                alarmCodes[a].hazard = slot.hazard
                alarmCodes[a].raisedAt = time.times[k]
            case .alarmCleared, .alarmHandled:
                guard slot.id >= 0, case let a = Int(latest[Int(slot.id)]), a >= 0 else { continue }
                let at = SimInstant(milliseconds: time.times[k])
                if slot.type == .alarmCleared {
                    alarms[a].clearedAt = alarms[a].clearedAt ?? at
                } else {
                    alarms[a].handledAt = alarms[a].handledAt ?? at
                }
            case .grade:
                if slot.key >= 0 { grades[Int(slot.key)].append(i) }
            default:
                indexOther(records[i], at: i)
            }
        }
        gradeChanges = Dictionary(uniqueKeysWithValues: zip(scan.gradeEnterprises, grades))
        gradeCodes = scan.gradeEnterprises.sorted()
        alarmsByPoint = GroupedIndices(groups: alarmCodes.map(\.point), count: pointCodes.count)
        alarmsByEnterprise = GroupedIndices(groups: alarmCodes.map(\.enterprise), count: enterpriseCodes.count)
        alarmsByPair = GroupedIndices(groups: alarmCodes.map(\.pair), count: pairs.count)
    }

    private static func alarm(_ record: borrowing HistoryRecord) -> Alarm {
        Alarm(id: record.id ?? "", enterprise: record.enterprise ?? "", point: record.point ?? "",
              level: record.level ?? "", category: record.category, kind: record.kind,
              critical: record.critical ?? false, excluded: record.excluded ?? false, raisedAt: record.time,
              message: record.message)
    }

    /// Numbers the enterprises, points, levels and (enterprise, point) pairs of the alarm keys.
    private mutating func numberKeys(_ keys: [RecordScan.AlarmKey]) -> [AlarmCodes] {
        keys.map { key in
            let e = enterpriseCodes.intern(key.enterprise), p = pointCodes.intern(key.point)
            let (pair, _) = pairs.number(Self.pairKey(e, p))
            return AlarmCodes(enterprise: e, point: p, level: levelCodes.intern(key.level), pair: pair)
        }
    }

    /// Records other than alarms and grade changes (few), in time order.
    private mutating func indexOther(_ record: borrowing HistoryRecord, at i: Int) {
        switch record.type {
        case .plant:
            guard let code = record.enterprise else { return }
            enterprises.append(Enterprise(
                code: code, region: record.region ?? "", regionName: record.regionName ?? "",
                points: record.points ?? [], periodsMs: record.periodsMs ?? []))
        case .step:
            if let name = record.name, stepTimes[name] == nil { stepTimes[name] = record.time }
        case .error:
            errors.append(copy record)
        case .end:
            end = max(end ?? record.time, record.time)
        case .plantEvent, .interlockActed, .received, .delivery, .observed, .setAside, .uplink, .modbusRead:
            byType[record.type, default: []].append(i)
        case .alarmRaised, .alarmCleared, .alarmHandled, .grade:
            break
        }
    }

    /// The first error at or before `time`, if any.
    public func firstError(atOrBefore time: SimInstant) -> HistoryRecord? {
        errors.first { $0.time <= time }
    }

    /// Records of one type, optionally of one enterprise, in time order.
    public func records(_ type: HistoryRecord.Kind, enterprise: String? = nil) -> [HistoryRecord] {
        let all = byType[type] ?? order.filter { raw[$0].type == type }
        return all.compactMap { enterprise == nil || raw[$0].enterprise == enterprise ? raw[$0] : nil }
    }

    /// Alarms on a point (every alarm when nil), of one enterprise when given, in raise order.
    public func alarms(onPoint point: String?, enterprise: String? = nil) -> [Alarm] {
        alarmIndices(onPoint: point, enterprise: enterprise).map { alarms[Int($0)] }
    }

    /// The same as indices into `alarms`.
    func alarmIndices(onPoint point: String?, enterprise: String?) -> ArraySlice<Int32> {
        switch (point, enterprise) {
        case (nil, nil): return ArraySlice(0..<Int32(alarms.count))
        case (nil, let code?): return enterpriseCodes.id(code).map { alarmsByEnterprise[Int($0)] } ?? []
        case (let point?, nil): return pointCodes.id(point).map { alarmsByPoint[Int($0)] } ?? []
        case (let point?, let code?):
            guard let e = enterpriseCodes.id(code), let p = pointCodes.id(point), let pair = pairs[Self.pairKey(e, p)]
            else { return [] }
            return alarmsByPair[Int(pair)]
        }
    }

    static func pairKey(_ enterprise: Int32, _ point: Int32) -> Int { Int(enterprise) << 32 | Int(point) }

    /// The grade of an enterprise in effect at `time` (nil before its first grade).
    public func grade(of enterprise: String, at time: SimInstant) -> String? {
        guard let changes = gradeChanges[enterprise] else { return nil }
        let after = firstChange(changes) { $0 > time.milliseconds }
        return after > 0 ? raw[changes[after - 1]].grade : nil
    }

    /// The position in `changes` (indices into `raw`, in time order) of the first whose time is
    /// `late` (a predicate false then true along the changes).
    func firstChange(_ changes: [Int], where late: (Int64) -> Bool) -> Int {
        var lo = 0, hi = changes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if late(raw[changes[mid]].t) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
