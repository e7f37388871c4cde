import Conformance

/// A target system as a target file describes it (`Scenarios/targets/*.yaml`, docs/targets.md):
/// where our gateways post, where our Modbus slaves listen, and how to read back what the target
/// concluded (its alarms, grades and interlock actions) as history records.
///
/// Strings may hold `${NAME}` or `${NAME:-default}` placeholders; `resolving(_:)` fills them in.
public struct TargetSpec: Hashable, Sendable {
    public var name: String
    public var description: String?
    public var uplink: Uplink?
    public var modbus: Modbus?
    public var observe: Observation
    public var mapping: EventMapping
    public var time: TimeSource
    /// Signs of life of the target (`observe.heartbeat`, `observe.health`): the evidence of
    /// observation for webhook and JSONL targets.
    public var liveness = Liveness()
    /// The target file's folder: relative paths (`profile`, `credentials`, `caFile`, `jsonl.path`)
    /// are relative to it ("" = the working directory).
    public var directory: String = ""
    /// Hooks, epoch and platform actions for live runs (`TargetSpec+Live.swift`).
    public var live = LiveSettings()

    public init(name: String, description: String? = nil, uplink: Uplink? = nil, modbus: Modbus? = nil,
                observe: Observation, mapping: EventMapping = EventMapping(), time: TimeSource = .field) {
        self.name = name; self.description = description; self.uplink = uplink; self.modbus = modbus
        self.observe = observe; self.mapping = mapping; self.time = time
    }

    /// Where our gateways post. Paths are as written (relative to the target file's folder; see
    /// `TargetFile.resolve(path:relativeTo:)`).
    public struct Uplink: Hashable, Sendable {
        public var url: String
        public var profile: String?
        public var credentials: String?
        public var token: String?
        public var caFile: String?
        public init(url: String, profile: String? = nil, credentials: String? = nil, token: String? = nil, caFile: String? = nil) {
            self.url = url; self.profile = profile; self.credentials = credentials; self.token = token; self.caFile = caFile
        }
    }

    /// Where our Modbus slaves listen for the target's poller.
    public struct Modbus: Hashable, Sendable {
        public var listen: String
        /// A note on the unit ids the target polls (not enforced).
        public var unitIds: String?
        public init(listen: String, unitIds: String? = nil) { self.listen = listen; self.unitIds = unitIds }
    }

    /// How the target's events reach us (exactly one).
    public enum Observation: Hashable, Sendable {
        case webhook(Webhook)
        case poll(Poll)
        case jsonl(JSONL)
    }

    /// We listen; the target POSTs one event (a JSON object) per request.
    public struct Webhook: Hashable, Sendable {
        public var listen: String
        public var path: String = "/hook"
        /// The target's subscription endpoint; at start we POST `{"url": <our hook URL>, "types": []}` to it.
        public var subscribe: String?
        /// The URL the target should call, when it differs from `http://<listen><path>` (NAT, containers).
        public var publicURL: String?
        /// Bearer token for the subscription call, and required on incoming POSTs when `requireToken`.
        public var token: String?
        public var requireToken = false
        /// The subscription's own shared secret (sent as `secret` in the subscription body); when set,
        /// incoming POSTs must carry it in `secretHeader`, else they are refused (401, error record).
        public var secret: String?
        public var secretHeader = "X-Webhook-Secret"
        /// Event types the subscription asks for (`types` in the subscription body); empty: all types.
        public var types: [String] = []
        public init(listen: String, path: String = "/hook") { self.listen = listen; self.path = path }
    }

    /// We GET the target's event list on an interval, advancing a cursor.
    public struct Poll: Hashable, Sendable {
        public var url: String
        public var intervalMs: Int64 = 500
        public var timeoutMs: Int64 = 5000
        public var headers: [String: String] = [:]
        public var token: String?
        /// nil: no cursor (every poll returns everything; items already seen are skipped by content).
        public var cursor: Cursor?
        /// Where the event array is in the response (`""`: the response is the array).
        public var items: JSONPointer = JSONPointer(valid: "/events")
        public init(url: String) { self.url = url }
    }

    public struct Cursor: Hashable, Sendable {
        /// Query parameter the cursor is sent as.
        public var param: String
        /// Where the cursor value is in each event; the last event's value is sent next time.
        public var field: JSONPointer
        /// Value sent before any event was seen (nil: the parameter is left out of the first poll).
        public var start: String?
        public init(param: String, field: JSONPointer, start: String? = nil) {
            self.param = param; self.field = field; self.start = start
        }
        public static let reference = Cursor(param: "afterSeq", field: JSONPointer(valid: "/seq"), start: "0")
    }

    /// The target appends one JSON event per line to a file we tail.
    public struct JSONL: Hashable, Sendable {
        public var path: String
        public var intervalMs: Int64 = 200
        /// Read the file from its start (true: events older than the scenario are still set aside by
        /// their time) or only what is appended after `start()` (false, the default: what the file
        /// already held is counted and set aside).
        public var fromStart = false
        public init(path: String) { self.path = path }
    }

    /// How an event's time becomes plant time.
    public enum TimeSource: String, Hashable, Sendable, CaseIterable {
        /// The event carries plant time as Unix ms (`mapping.timeMs`): t = timeMs − scenario epoch.
        case field
        /// The wall time of receipt, through the run's wall→plant map.
        case received
    }
}

/// JSON pointers from one target event to history-record fields, and tables translating the
/// target's vocabulary to ours. The defaults read the reference platform's event JSON.
public struct EventMapping: Hashable, Sendable {
    public var type = JSONPointer(valid: "/type")
    /// Target type strings → ours. Unlisted types are an error record unless in `ignoreTypes`.
    public var types: [String: HistoryRecord.Kind] = [
        "alarmRaised": .alarmRaised, "alarmCleared": .alarmCleared, "alarmHandled": .alarmHandled,
        "gradeChanged": .grade, "interlockActed": .interlockActed,
    ]
    /// Target type strings skipped without a record (heartbeats, readings…).
    public var ignoreTypes: Set<String> = []
    /// The target's own event id (the reference platform's `/seq`): two events with the same id and
    /// type are one event. nil, or absent from an event: events are the same when their JSON is.
    public var eventId: JSONPointer? = JSONPointer(valid: "/seq")
    /// Event times written as date text (`yyyy-MM-dd HH:mm:ss`, DateFormatter patterns), read in
    /// `timeZone` (an identifier like `Asia/Shanghai`, or an offset like `+08:00`); numbers stay
    /// Unix time units (`timeScale`).
    public var timeFormat: String?
    public var timeZone: String?
    public var timeMs = JSONPointer(valid: "/timeMs")
    /// Multiplier from the time field's unit to milliseconds (1000 when the target sends seconds).
    public var timeScale: Double = 1
    public var enterprise = JSONPointer(valid: "/enterprise")
    public var alarmId = JSONPointer(valid: "/alarm/id")
    public var point = JSONPointer(valid: "/alarm/point")
    public var level = JSONPointer(valid: "/alarm/level")
    public var category = JSONPointer(valid: "/alarm/category")
    public var kind = JSONPointer(valid: "/alarm/kind")
    public var critical = JSONPointer(valid: "/alarm/critical")
    /// The platform set the alarm aside (maintenance, a disabled point): not counted as unhandled.
    public var excluded = JSONPointer(valid: "/alarm/excluded")
    public var value = JSONPointer(valid: "/alarm/value")
    public var message = JSONPointer(valid: "/alarm/message")
    public var grade = JSONPointer(valid: "/grade/to")
    public var gradeFrom = JSONPointer(valid: "/grade/from")
    public var reasons = JSONPointer(valid: "/grade/reasons")
    public var interlock = JSONPointer(valid: "/interlock/name")
    /// Target level strings → ours (`LL`, `L`, `H`, `HH`, `DI`, `RATE`, `INTERLOCK`, `INSTRUMENT`). Empty: as sent.
    public var levels: [String: String] = [:]
    /// Target grade strings → ours (`blue`, `yellow`, `orange`, `red`). Empty: as sent.
    public var grades: [String: String] = [:]
    /// Target category strings → ours (`hazard`, `instrument`). Empty: as sent.
    public var categories: [String: String] = [:]

    public init() {}

    public static let ourTypes: [String: HistoryRecord.Kind] = [
        "alarmRaised": .alarmRaised, "alarmCleared": .alarmCleared, "alarmHandled": .alarmHandled, "grade": .grade,
        "interlockActed": .interlockActed,
    ]
    public static let ourLevels = ["LL", "L", "H", "HH", "DI", "RATE", "INTERLOCK", "INSTRUMENT"]
    public static let ourGrades = ["blue", "yellow", "orange", "red"]
    public static let ourCategories = ["hazard", "instrument"]
    /// The usual Chinese category words, understood without a `categories` table (a table entry wins).
    public static let chineseCategories = ["工艺": "hazard", "工艺报警": "hazard", "仪表": "instrument", "仪表报警": "instrument",
                                           "仪表故障": "instrument"]
}
