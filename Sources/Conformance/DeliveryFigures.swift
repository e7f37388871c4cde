import SimCore

/// How a live run's data reached the target and how far the target lagged: per enterprise, the
/// uplink batches sent, delivered, rejected and still queued at the end and the backlog's
/// high-water mark (`uplink` records, else counted from `delivery` records), and the target's lag
/// (`seenMs − t` over its alarm and grade records, p50/p99); per scenario, the target events set
/// aside as older than the scenario (`setAside` records). Figures only: nothing here is judged.
public struct DeliveryFigures: Hashable, Sendable, Codable {
    public struct Enterprise: Hashable, Sendable, Codable {
        public var enterprise: String
        /// Uplink batches (nil: the history has no uplink figures for it).
        public var sent: Int?
        public var delivered: Int?
        public var rejected: Int?
        public var undelivered: Int?
        public var backlogHighWater: Int?
        /// Plant milliseconds from an event's time to the observer seeing it (nil: no such records).
        public var lagP50Ms: Int64?
        public var lagP99Ms: Int64?
        /// Target records the lag figures are over.
        public var lagSamples: Int
        /// Modbus, when the target polled our slaves (`modbusRead` records; nil: none): requests,
        /// reads answered with data, exceptions answered, and the points a successful read covered.
        public var modbusRequests: Int?
        public var modbusReads: Int?
        public var modbusExceptions: Int?
        public var modbusPointsCovered: Int?

        public init(enterprise: String, sent: Int? = nil, delivered: Int? = nil, rejected: Int? = nil,
                    undelivered: Int? = nil, backlogHighWater: Int? = nil, lagP50Ms: Int64? = nil,
                    lagP99Ms: Int64? = nil, lagSamples: Int = 0) {
            self.enterprise = enterprise; self.sent = sent; self.delivered = delivered; self.rejected = rejected
            self.undelivered = undelivered; self.backlogHighWater = backlogHighWater; self.lagP50Ms = lagP50Ms
            self.lagP99Ms = lagP99Ms; self.lagSamples = lagSamples
        }

        /// Batches that did not reach the target.
        public var lost: Int { (rejected ?? 0) + (undelivered ?? 0) }
    }

    public var enterprises: [Enterprise]
    /// Target events set aside as older than the scenario's start (nil: no such record).
    public var setAside: Int?

    public init(enterprises: [Enterprise], setAside: Int? = nil) {
        self.enterprises = enterprises; self.setAside = setAside
    }

    /// The figures a history holds, or nil when it holds none (a lockstep run).
    public static func compute(_ history: History) -> DeliveryFigures? {
        let uplinks = history.records(.uplink), deliveries = history.records(.delivery)
        let asides = history.records(.setAside)
        let modbus = history.records(.modbusRead)
        var lags: [String: [Int64]] = [:]
        for record in history.raw where record.seenMs != nil && (record.type == .alarmRaised || record.type == .grade) {
            guard let seen = record.seenMs, let code = record.enterprise else { continue }
            lags[code, default: []].append(max(0, seen - record.t))
        }
        guard !uplinks.isEmpty || !deliveries.isEmpty || !asides.isEmpty || !lags.isEmpty || !modbus.isEmpty else { return nil }
        var codes = history.enterprises.map(\.code)
        for code in uplinks.compactMap(\.enterprise) + deliveries.compactMap(\.enterprise) + modbus.compactMap(\.enterprise) + lags.keys.sorted()
        where !codes.contains(code) { codes.append(code) }
        let rows = codes.map { code in
            var row = Enterprise(enterprise: code)
            if let counts = uplinks.last(where: { $0.enterprise == code })?.counts, counts.count >= 5 {
                (row.sent, row.delivered, row.rejected, row.undelivered, row.backlogHighWater)
                    = (counts[0], counts[1], counts[2], counts[3], counts[4])
            } else {
                let mine = deliveries.filter { $0.enterprise == code }
                if !mine.isEmpty {
                    row.sent = mine.count
                    row.delivered = mine.count { $0.kind == HistoryRecord.DeliveryFate.delivered.rawValue }
                    row.rejected = mine.count { $0.kind == HistoryRecord.DeliveryFate.rejected.rawValue }
                    row.undelivered = mine.count { $0.kind == HistoryRecord.DeliveryFate.undelivered.rawValue }
                }
            }
            let reads = modbus.filter { $0.enterprise == code }
            if !reads.isEmpty {
                func sum(_ i: Int) -> Int { reads.reduce(0) { $0 + (($1.counts?.count ?? 0) > i ? $1.counts![i] : 0) } }
                (row.modbusRequests, row.modbusReads, row.modbusExceptions) = (sum(0), sum(1), sum(2))
                row.modbusPointsCovered = Set(reads.flatMap { $0.points ?? [] }).count
            }
            if let sorted = lags[code]?.sorted(), !sorted.isEmpty {
                row.lagP50Ms = percentile(sorted, 50); row.lagP99Ms = percentile(sorted, 99)
                row.lagSamples = sorted.count
            }
            return row
        }
        let setAside = asides.isEmpty ? nil : asides.compactMap { $0.counts?.first }.reduce(0, +)
        return DeliveryFigures(enterprises: rows, setAside: setAside)
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Int64], _ p: Int) -> Int64 {
        let rank = (sorted.count * p + 99) / 100
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
