import PlantModel
import Reference
import SimCore

// The JSON shapes of the reference platform's API (docs/openapi.yaml). Times are Unix milliseconds.

public struct APIAlarm: Codable, Sendable, Hashable {
    public var id: String
    public var enterprise: String
    public var point: String
    public var level: String
    public var category: String
    public var kind: String?
    public var value: Double?
    public var threshold: Double?
    public var raisedAtMs: Int64
    public var clearedAtMs: Int64?
    public var handledAtMs: Int64?
    public var handler: String?
    public var result: String?
    public var critical: Bool
    public var excluded: Bool
    public var message: String

    enum CodingKeys: String, CodingKey {
        case id, enterprise, point, level, category, kind, value, threshold, raisedAtMs, clearedAtMs, handledAtMs
        case handler, result, critical, excluded, message
    }

    /// Every required key is written, `null` when unset (docs/openapi.yaml); the optional `kind` is
    /// left out when the alarm has none (never `"kind": null`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(enterprise, forKey: .enterprise); try c.encode(point, forKey: .point)
        try c.encode(level, forKey: .level); try c.encode(category, forKey: .category); try c.encodeIfPresent(kind, forKey: .kind)
        try c.encode(value, forKey: .value); try c.encode(threshold, forKey: .threshold)
        try c.encode(raisedAtMs, forKey: .raisedAtMs); try c.encode(clearedAtMs, forKey: .clearedAtMs)
        try c.encode(handledAtMs, forKey: .handledAtMs); try c.encode(handler, forKey: .handler)
        try c.encode(result, forKey: .result); try c.encode(critical, forKey: .critical)
        try c.encode(excluded, forKey: .excluded); try c.encode(message, forKey: .message)
    }

    public init(_ alarm: AlarmRecord) {
        id = alarm.id; enterprise = alarm.enterprise; point = alarm.point; level = alarm.level.rawValue
        category = alarm.category.rawValue; kind = alarm.kind
        value = alarm.value.isFinite ? alarm.value : nil
        threshold = alarm.threshold.isFinite ? alarm.threshold : nil
        raisedAtMs = alarm.raisedAt.milliseconds; clearedAtMs = alarm.clearedAt?.milliseconds
        handledAtMs = alarm.handledAt?.milliseconds; handler = alarm.handler; result = alarm.result
        critical = alarm.critical; excluded = alarm.excluded; message = alarm.message
    }
}

public struct APIGradeChange: Codable, Sendable, Hashable {
    public var timeMs: Int64
    public var enterprise: String
    public var from: String?
    public var to: String
    public var reasons: [String]

    public init(_ change: GradeChange) {
        timeMs = change.time.milliseconds; enterprise = change.enterprise; from = change.from?.rawValue
        to = change.to.rawValue; reasons = change.reasons
    }
}

public struct APIEvent: Codable, Sendable, Hashable {
    public var seq: Int64
    public var type: String
    public var timeMs: Int64
    public var enterprise: String
    public var alarm: APIAlarm?
    public var grade: APIGradeChange?
    public var interlock: APIInterlockAction?

    init(_ stored: StoredEvent) {
        seq = stored.seq; type = stored.type; timeMs = stored.timeMs; enterprise = stored.enterprise
        alarm = stored.event.alarm.map(APIAlarm.init)
        if case .gradeChanged(let change) = stored.event { grade = APIGradeChange(change) }
        if case .interlockActed(let action) = stored.event { interlock = APIInterlockAction(action) }
    }
}

public struct APIInterlockAction: Codable, Sendable, Hashable {
    public var name: String
    public var triggerAlarm: String
    public var afterMs: Int64
    public var late: Bool

    public init(_ action: InterlockAction) {
        name = action.interlock; triggerAlarm = action.triggerAlarm; afterMs = action.after.milliseconds
        late = action.late
    }
}

public struct APIGrade: Codable, Sendable, Hashable {
    public var enterprise: String
    public var grade: String
    public var reasons: [String]
    public var floor: String
    public var sinceMs: Int64?
}

public struct APIEnterprise: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var nameEn: String
    public var industry: String
    public var regionCode: String
    public var regionName: String
    public var points: Int
    public var grade: String?
}

public struct APIPoint: Codable, Sendable, Hashable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var unit: String
    public var kind: String
    public var rangeMin: Double
    public var rangeMax: Double
    public var limits: Limits
    public var samplePeriodMs: Int64
    public var critical: Bool

    init(_ point: PointSpec) {
        code = point.code; nameZh = point.nameZh; nameEn = point.nameEn; unit = point.unit; kind = point.kind.rawValue
        rangeMin = point.rangeMin; rangeMax = point.rangeMax; limits = point.limits
        samplePeriodMs = point.samplePeriod.milliseconds; critical = point.critical
    }
}

public struct APIReading: Codable, Sendable, Hashable {
    public var enterprise: String
    public var point: String
    public var timeMs: Int64?
    public var value: Double?
    public var quality: Int
}

public struct APIRegion: Codable, Sendable, Hashable {
    enum CodingKeys: String, CodingKey {
        case regionCode, regionName, enterprisesByGrade, unhandledAlarms, oldestUnhandledAgeS, criticalOnlineRatePct
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(regionCode, forKey: .regionCode); try c.encode(regionName, forKey: .regionName)
        try c.encode(enterprisesByGrade, forKey: .enterprisesByGrade); try c.encode(unhandledAlarms, forKey: .unhandledAlarms)
        try c.encode(oldestUnhandledAgeS, forKey: .oldestUnhandledAgeS)
        try c.encode(criticalOnlineRatePct, forKey: .criticalOnlineRatePct)
    }

    public struct GradeCounts: Codable, Sendable, Hashable {
        public var blue = 0, yellow = 0, orange = 0, red = 0
    }
    public var regionCode: String
    public var regionName: String
    public var enterprisesByGrade: GradeCounts
    public var unhandledAlarms: Int
    public var oldestUnhandledAgeS: Double?
    public var criticalOnlineRatePct: Double
}

public struct APIHandlingRequest: Codable, Sendable {
    public var handler: String
    public var result: String
    public var atMs: Int64?
}

public struct APIWebhookRequest: Codable, Sendable {
    public var url: String
    public var types: [String]?
}

struct APIAlarmList: Codable, Sendable { var alarms: [APIAlarm] }

/// A webhook subscription as the API shows it (ids are strings).
struct APIWebhook: Codable, Sendable {
    var id: String
    var url: String
    var types: [String]
    init(_ hook: Webhook) { id = String(hook.id); url = hook.url; types = hook.types }
}
struct APIEventList: Codable, Sendable { var events: [APIEvent] }
struct APIHealth: Codable, Sendable {
    var status: String
    var version: String
    /// One per `--poll` slave (absent when nothing is polled).
    var pollers: [PollerStatus]?
}
struct APIAccepted: Codable, Sendable { var accepted: Int; var duplicate: Bool }
