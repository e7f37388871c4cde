import PlantModel

/// Sampled values (感知数据): `{batchId, companyCode, gatewayCode, collectTime, datas: [...]}`.
public struct ReadingsBatch: UplinkPayload {
    public static let kind = PayloadKind.readings

    public var batchId: String
    public var companyCode: String
    public var gatewayCode: String
    /// Unix milliseconds when the gateway assembled the batch (plant time).
    public var collectTime: Int64
    public var datas: [Reading]

    public init(batchId: String, companyCode: String, gatewayCode: String, collectTime: Int64, datas: [Reading]) {
        self.batchId = batchId; self.companyCode = companyCode; self.gatewayCode = gatewayCode
        self.collectTime = collectTime; self.datas = datas
    }

    /// One sample: `{targetCode, value, quality, time}`.
    public struct Reading: Hashable, Sendable {
        public var targetCode: String
        /// In the point's unit; `nil` (JSON `null`) when no value reached the gateway.
        public var value: Double?
        public var quality: Quality
        /// Unix milliseconds of the sample (its original time, also when resent from a spool).
        public var time: Int64

        public init(targetCode: String, value: Double?, quality: Quality = .good, time: Int64) {
            self.targetCode = targetCode; self.value = value; self.quality = quality; self.time = time
        }
    }
}

extension ReadingsBatch: Codable {
    enum CodingKeys: String, CodingKey { case batchId, companyCode, gatewayCode, collectTime, datas }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        batchId = try c.decode(String.self, forKey: .batchId)
        companyCode = try c.decode(String.self, forKey: .companyCode)
        gatewayCode = try c.decode(String.self, forKey: .gatewayCode)
        collectTime = try c.integer(Int64.self, forKey: .collectTime)
        datas = try c.decode([Reading].self, forKey: .datas)
    }
}

extension ReadingsBatch.Reading: Codable {
    enum CodingKeys: String, CodingKey { case targetCode, value, quality, time }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        targetCode = try c.decode(String.self, forKey: .targetCode)
        // Required, but may be null.
        guard c.contains(.value) else {
            throw DecodingError.keyNotFound(
                CodingKeys.value, .init(codingPath: c.codingPath, debugDescription: "missing required key"))
        }
        value = try c.optionalNumber(forKey: .value)
        let code = try c.integer(Int.self, forKey: .quality)
        guard let quality = UInt8(exactly: code).flatMap(Quality.init(rawValue:)) else {
            throw DecodingError.dataCorruptedError(
                forKey: .quality, in: c,
                debugDescription: "expected \(choices(Quality.allCases.map { String($0.rawValue) })), found \(code)")
        }
        self.quality = quality
        time = try c.integer(Int64.self, forKey: .time)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(targetCode, forKey: .targetCode)
        try c.encode(value, forKey: .value)  // `null` written out, never omitted
        try c.encode(quality.rawValue, forKey: .quality)
        try c.encode(time, forKey: .time)
    }
}

/// The type of a plant-side alarm.
public enum AlarmType: String, Hashable, Sendable, CaseIterable {
    /// 低低报: below `lowValue01`.
    case ll = "LL"
    /// 低报: below `lowValue02`.
    case l = "L"
    /// 高报: above `topValue01`.
    case h = "H"
    /// 高高报: above `topValue02`.
    case hh = "HH"
    /// A digital point in its alarm state (device fault, valve not in position, …).
    case di = "DI"
    /// The point sends no value.
    case offline
}

extension AlarmType: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let value = AlarmType(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "expected \(choices(Self.allCases.map { "\"\($0.rawValue)\"" })), found \"\(raw)\"")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// Plant-side alarms (the DCS's own limits), sent at once when raised and again when cleared.
public struct AlarmBatch: UplinkPayload {
    public static let kind = PayloadKind.alarms

    public var batchId: String
    public var companyCode: String
    public var gatewayCode: String
    public var alarms: [Alarm]

    public init(batchId: String, companyCode: String, gatewayCode: String, alarms: [Alarm]) {
        self.batchId = batchId; self.companyCode = companyCode; self.gatewayCode = gatewayCode; self.alarms = alarms
    }

    /// One alarm: `{alarmId, targetCode, alarmType, alarmValue, threshold?, alarmTime, clearTime?}`.
    public struct Alarm: Hashable, Sendable, Codable {
        /// Unique per gateway; the clearing message repeats the id of the raising one.
        public var alarmId: String
        public var targetCode: String
        public var alarmType: AlarmType
        /// The value that raised it, in the point's unit; `null` for `offline`.
        public var alarmValue: Double?
        /// The limit crossed (absent for `DI` and `offline`).
        public var threshold: Double?
        /// Unix milliseconds.
        public var alarmTime: Int64
        /// Unix milliseconds of 消警 (the value back within its limit); absent while active.
        public var clearTime: Int64?

        public init(
            alarmId: String, targetCode: String, alarmType: AlarmType, alarmValue: Double?, threshold: Double? = nil,
            alarmTime: Int64, clearTime: Int64? = nil
        ) {
            self.alarmId = alarmId; self.targetCode = targetCode; self.alarmType = alarmType
            self.alarmValue = alarmValue; self.threshold = threshold; self.alarmTime = alarmTime
            self.clearTime = clearTime
        }

        enum CodingKeys: String, CodingKey {
            case alarmId, targetCode, alarmType, alarmValue, threshold, alarmTime, clearTime
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            alarmId = try c.decode(String.self, forKey: .alarmId)
            targetCode = try c.decode(String.self, forKey: .targetCode)
            alarmType = try c.decode(AlarmType.self, forKey: .alarmType)
            // Required, but may be null.
            guard c.contains(.alarmValue) else {
                throw DecodingError.keyNotFound(
                    CodingKeys.alarmValue, .init(codingPath: c.codingPath, debugDescription: "missing required key"))
            }
            alarmValue = try c.optionalNumber(forKey: .alarmValue)
            threshold = try c.optionalNumber(forKey: .threshold)
            alarmTime = try c.integer(Int64.self, forKey: .alarmTime)
            clearTime = try c.optionalInteger(Int64.self, forKey: .clearTime)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(alarmId, forKey: .alarmId)
            try c.encode(targetCode, forKey: .targetCode)
            try c.encode(alarmType, forKey: .alarmType)
            try c.encode(alarmValue, forKey: .alarmValue)  // `null` written out
            try c.encodeIfPresent(threshold, forKey: .threshold)
            try c.encode(alarmTime, forKey: .alarmTime)
            try c.encodeIfPresent(clearTime, forKey: .clearTime)
        }
    }
}

/// Liveness: `{batchId, companyCode, gatewayCode, time, onlineTargets, totalTargets}`.
public struct Heartbeat: UplinkPayload, Codable {
    public static let kind = PayloadKind.heartbeat

    public var batchId: String
    public var companyCode: String
    public var gatewayCode: String
    /// Unix milliseconds.
    public var time: Int64
    /// Points that delivered a value (good or bad quality) within the offline timeout.
    public var onlineTargets: Int
    /// Registered points, the denominator of the online rate (在线率).
    public var totalTargets: Int

    public init(batchId: String, companyCode: String, gatewayCode: String, time: Int64, onlineTargets: Int, totalTargets: Int) {
        self.batchId = batchId; self.companyCode = companyCode; self.gatewayCode = gatewayCode; self.time = time
        self.onlineTargets = onlineTargets; self.totalTargets = totalTargets
    }

    enum CodingKeys: String, CodingKey { case batchId, companyCode, gatewayCode, time, onlineTargets, totalTargets }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        batchId = try c.decode(String.self, forKey: .batchId)
        companyCode = try c.decode(String.self, forKey: .companyCode)
        gatewayCode = try c.decode(String.self, forKey: .gatewayCode)
        time = try c.integer(Int64.self, forKey: .time)
        onlineTargets = try c.integer(Int.self, forKey: .onlineTargets)
        totalTargets = try c.integer(Int.self, forKey: .totalTargets)
    }
}
