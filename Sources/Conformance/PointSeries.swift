import SimCore

/// A point's values over a run, reduced to min/max per bucket for plotting (reports draw the
/// band between them, so spikes survive the reduction).
public struct PointSeries: Hashable, Sendable, Codable {
    public var enterprise: String
    public var point: String
    /// English name; `nameZh` the Chinese one (absent in series written before it was added).
    public var name: String
    public var nameZh: String?
    public var unit: String
    /// Alarm limits by level (`LL`, `L`, `H`, `HH`), the ones the point has.
    public var limits: [String: Double]
    public var rangeMin: Double
    public var rangeMax: Double
    /// Bucket `i` covers `[startMs + i·bucketMs, startMs + (i+1)·bucketMs)`.
    public var startMs: Int64
    public var bucketMs: Int64
    /// Nil where the bucket has no finite sample (offline).
    public var min: [Double?]
    public var max: [Double?]

    public init(enterprise: String, point: String, name: String, unit: String, limits: [String: Double],
                rangeMin: Double, rangeMax: Double, startMs: Int64, bucketMs: Int64, min: [Double?], max: [Double?],
                nameZh: String? = nil) {
        self.enterprise = enterprise; self.point = point; self.name = name; self.unit = unit; self.limits = limits
        self.rangeMin = rangeMin; self.rangeMax = rangeMax; self.startMs = startMs; self.bucketMs = bucketMs
        self.min = min; self.max = max; self.nameZh = nameZh
    }
}

/// Collects min/max per bucket for every point of every plant, in O(1) per sample.
public struct SeriesRecorder: Sendable {
    public struct PointInfo: Hashable, Sendable {
        public var code: String
        public var name: String
        public var nameZh: String?
        public var unit: String
        public var limits: [String: Double]
        public var rangeMin: Double
        public var rangeMax: Double
        public init(code: String, name: String, unit: String, limits: [String: Double], rangeMin: Double,
                    rangeMax: Double, nameZh: String? = nil) {
            self.code = code; self.name = name; self.unit = unit; self.limits = limits
            self.rangeMin = rangeMin; self.rangeMax = rangeMax; self.nameZh = nameZh
        }
    }

    let enterprises: [String]
    let points: [[PointInfo]]
    let bucketMs: Int64
    let buckets: Int
    /// Row of each plant's first point; a point's buckets are `row × (buckets + 1)` onwards in the
    /// flat `low` / `high` (one array each: a sample costs two reads and at most two writes).
    let firstRow: [Int]
    var low: [Double]
    var high: [Double]
    /// The bucket of the latest sample and where it starts.
    var cachedBucket = 0
    var cachedStartMs: Int64 = 0

    /// - Parameter buckets: how many buckets span `duration` (the plot's horizontal resolution).
    public init(enterprises: [String], points: [[PointInfo]], duration: SimDuration, buckets: Int = 400) {
        self.enterprises = enterprises
        self.points = points
        self.buckets = Swift.max(1, buckets)
        bucketMs = Swift.max(1, (duration.milliseconds + Int64(self.buckets) - 1) / Int64(self.buckets))
        var rows = 0
        firstRow = points.map { plant in
            defer { rows += plant.count }
            return rows
        }
        low = Array(repeating: .infinity, count: rows * (self.buckets + 1))
        high = Array(repeating: -.infinity, count: rows * (self.buckets + 1))
    }

    public mutating func record(plant: Int, point: Int, timeMs: Int64, value: Double) {
        guard value.isFinite else { return }
        // Samples come in time order: the bucket is recomputed (a division) only when time leaves it.
        if timeMs < cachedStartMs || timeMs >= cachedStartMs + bucketMs {
            cachedBucket = Swift.min(buckets, Swift.max(0, Int(timeMs / bucketMs)))
            cachedStartMs = Int64(cachedBucket) * bucketMs
        }
        let bucket = cachedBucket
        let slot = (firstRow[plant] + point) * (buckets + 1) + bucket
        if value < low[slot] { low[slot] = value }
        if value > high[slot] { high[slot] = value }
    }

    /// The series of the named points (`enterprise`, `point`); unknown names are skipped.
    public func series(_ wanted: [(enterprise: String, point: String)]) -> [PointSeries] {
        wanted.compactMap { want in
            guard let p = enterprises.firstIndex(of: want.enterprise),
                let i = points[p].firstIndex(where: { $0.code == want.point })
            else { return nil }
            let info = points[p][i]
            let row = (firstRow[p] + i) * (buckets + 1)
            let lows = low[row..<row + buckets + 1], highs = high[row..<row + buckets + 1]
            return PointSeries(
                enterprise: want.enterprise, point: info.code, name: info.name, unit: info.unit, limits: info.limits,
                rangeMin: info.rangeMin, rangeMax: info.rangeMax, startMs: 0, bucketMs: bucketMs,
                min: lows.map { $0.isFinite ? $0 : nil }, max: highs.map { $0.isFinite ? $0 : nil }, nameZh: info.nameZh)
        }
    }
}
