import PlantModel
import SimCore
import UplinkProfile

/// An enterprise data gateway (数采系统) as a pure state machine: fed with the plant's samples in
/// time order, it produces the uploads of the default profile — basic data at start, every sample
/// in a readings batch every `readingsPeriod` (sooner when a value moves beyond its deadband),
/// plant-side alarms at once from the plant's own DCS limits, and a heartbeat every
/// `heartbeatPeriod` with the number of points online. Timestamps are plant time (Unix ms).
public struct Gateway: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var gatewayCode: String
        public var readingsPeriod: SimDuration
        public var heartbeatPeriod: SimDuration
        /// A change beyond this share of a point's span (0…1) sends the batch at once; nil: never.
        public var deadbandFraction: Double?
        /// Unix ms of plant time zero (the scenario's epoch).
        public var epochUnixMs: Int64
        /// Makes batch ids unique beyond one gateway: `<gatewayCode>-<batchScope>-<sequence>` (a live
        /// run sets its run id and the scenario id, so no two runs or scenarios share an id); nil:
        /// `<gatewayCode>-<sequence>`.
        public var batchScope: String?

        public init(
            gatewayCode: String, readingsPeriod: SimDuration = .seconds(10), heartbeatPeriod: SimDuration = .seconds(60),
            deadbandFraction: Double? = 0.05, epochUnixMs: Int64
        ) {
            self.gatewayCode = gatewayCode; self.readingsPeriod = readingsPeriod; self.heartbeatPeriod = heartbeatPeriod
            self.deadbandFraction = deadbandFraction; self.epochUnixMs = epochUnixMs
        }
    }

    public let configuration: Configuration
    let enterprise: String
    let points: [PointSpec]
    let codeIndex: [String: Int]
    let basic: BasicData
    var sequence: UInt64 = 0
    var pending: [ReadingsBatch.Reading] = []
    var lastSent: [Double]
    var online: [Bool]
    var alarmLevel: [AlarmType?]
    var openAlarm: [(id: String, time: Int64)?]
    var alarmCount = 0
    var nextReadings: SimInstant = .start
    var nextHeartbeat: SimInstant = .start
    var started = false
    /// Added to every timestamp (gateway clock skew, a network fault); 0 normally.
    public var clockSkewMs: Int64 = 0

    public init(plant: Plant, equipment: [EquipmentConfig] = [], configuration: Configuration) {
        self.configuration = configuration
        enterprise = plant.enterprise.code
        points = plant.points
        codeIndex = Dictionary(plant.points.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        basic = BasicData(
            plant: plant, gatewayCode: configuration.gatewayCode, batchId: "", sentAt: configuration.epochUnixMs,
            equipment: equipment)
        lastSent = Array(repeating: .nan, count: plant.points.count)
        online = Array(repeating: false, count: plant.points.count)
        alarmLevel = Array(repeating: nil, count: plant.points.count)
        openAlarm = Array(repeating: nil, count: plant.points.count)
    }

    func unix(_ time: SimInstant) -> Int64 { configuration.epochUnixMs + time.milliseconds + clockSkewMs }

    mutating func nextBatchId() -> String {
        defer { sequence += 1 }
        let prefix = configuration.batchScope.map { "\(configuration.gatewayCode)-\($0)" } ?? configuration.gatewayCode
        return BatchId.make(gateway: prefix, sequence: sequence)
    }

    /// Registration (basic data): the first upload.
    public mutating func start(at time: SimInstant) -> [Payload] {
        guard !started else { return [] }
        started = true
        var registration = basic
        registration.batchId = nextBatchId()
        registration.sentAt = unix(time)
        nextReadings = time + configuration.readingsPeriod
        nextHeartbeat = time + configuration.heartbeatPeriod
        return [.basic(registration)]
    }

    /// One sample of point `index`; returns what must go out at once (alarms, a deadband batch).
    public mutating func observe(point index: Int, time: SimInstant, value: Double, quality: Quality) -> [Payload] {
        var out = start(at: time)
        let finite = value.isFinite && quality != .offline
        pending.append(
            ReadingsBatch.Reading(targetCode: points[index].code, value: finite ? value : nil, quality: quality, time: unix(time)))
        online[index] = quality != .offline
        if let alarms = plantAlarm(index, time: time, value: finite ? value : nil, quality: quality) { out.append(alarms) }
        if let fraction = configuration.deadbandFraction, finite {
            let span = points[index].rangeMax - points[index].rangeMin
            let last = lastSent[index]
            if !last.isNaN, span > 0, abs(value - last) > fraction * span, let batch = flushReadings(at: time) {
                out.append(batch)
            }
        }
        return out
    }

    /// Periodic uploads due at `time` (readings batch, heartbeat).
    public mutating func tick(at time: SimInstant) -> [Payload] {
        var out = start(at: time)
        if time >= nextReadings {
            if let batch = flushReadings(at: time) { out.append(batch) }
            nextReadings = time + configuration.readingsPeriod
        }
        if time >= nextHeartbeat {
            out.append(
                .heartbeat(
                    Heartbeat(
                        batchId: nextBatchId(), companyCode: enterprise, gatewayCode: configuration.gatewayCode,
                        time: unix(time), onlineTargets: online.filter { $0 }.count, totalTargets: points.count)))
            nextHeartbeat = time + configuration.heartbeatPeriod
        }
        return out
    }

    /// Whatever is pending, at the end of a run.
    public mutating func finish(at time: SimInstant) -> [Payload] {
        flushReadings(at: time).map { [$0] } ?? []
    }

    mutating func flushReadings(at time: SimInstant) -> Payload? {
        guard !pending.isEmpty else { return nil }
        for reading in pending {
            if let index = index(of: reading.targetCode), let value = reading.value { lastSent[index] = value }
        }
        let batch = ReadingsBatch(
            batchId: nextBatchId(), companyCode: enterprise, gatewayCode: configuration.gatewayCode,
            collectTime: unix(time), datas: pending)
        pending.removeAll(keepingCapacity: true)
        return .readings(batch)
    }

    func index(of code: String) -> Int? { codeIndex[code] }
}
