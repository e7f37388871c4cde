import ConfigText
import ModbusMap
import PlantModel
import SimCore

/// A validated scenario: what happens to which plant, when, and what the target must do about it.
/// Produced by `ScenarioLoader`; every time is already resolved to plant time.
public struct ScenarioSpec: Sendable {
    public var id: String
    public var titleZh: String
    public var titleEn: String
    public var description: String
    public var tags: [String]
    /// Regulation clauses the scenario serves (e.g. `Order10-Art5-3`).
    public var clauses: [String]
    /// The incident it is modelled on, if any (e.g. `2024-02-18 Haian`).
    public var incident: String?
    /// Reference-platform rule ids the scenario exists to exercise (its teeth: switching them off
    /// must make an expectation fail). Not checked here: Scenario does not know the rule set.
    public var rules: [String]
    /// Plant files, resolved relative to the scenario file, in declaration order.
    public var plantPaths: [String]
    public var seed: UInt64
    /// Plant time at `SimInstant.start`, as Unix milliseconds (from the ISO 8601 `epoch`).
    public var epochUnixMs: Int64
    public var duration: SimDuration
    /// Engine step (default 100 ms).
    public var step: SimDuration
    /// Steps sorted by time (stable: file order among equal times).
    public var timeline: [TimelineStep]
    public var expectations: [Expectation]
    public var location: SourceLocation

    public init(
        id: String, titleZh: String, titleEn: String, description: String, tags: [String], clauses: [String],
        incident: String?, plantPaths: [String], seed: UInt64, epochUnixMs: Int64, duration: SimDuration,
        step: SimDuration, timeline: [TimelineStep], expectations: [Expectation], location: SourceLocation,
        rules: [String] = []
    ) {
        self.id = id; self.titleZh = titleZh; self.titleEn = titleEn; self.description = description
        self.tags = tags; self.clauses = clauses; self.incident = incident; self.plantPaths = plantPaths
        self.rules = rules
        self.seed = seed; self.epochUnixMs = epochUnixMs; self.duration = duration; self.step = step
        self.timeline = timeline; self.expectations = expectations; self.location = location
    }
}

/// One timeline entry.
public struct TimelineStep: Hashable, Sendable {
    public var name: String?
    /// Resolved plant time at which the action applies.
    public var time: SimInstant
    /// The enterprise code of the plant addressed (nil: the only plant, or every plant that accepts it).
    public var plant: String?
    /// Equipment instance id addressed (nil: every instance that accepts the action).
    public var equipment: String?
    public var action: StepAction
    /// For faults: ends by itself after this long (nil: lasts until cleared or the scenario ends).
    public var duration: SimDuration?
    public var location: SourceLocation

    public init(
        name: String?, time: SimInstant, plant: String?, equipment: String?, action: StepAction,
        duration: SimDuration?, location: SourceLocation
    ) {
        self.name = name; self.time = time; self.plant = plant; self.equipment = equipment
        self.action = action; self.duration = duration; self.location = location
    }
}

public enum StepAction: Hashable, Sendable {
    case operation(Operation)
    case equipmentFault(EquipmentFault)
    case sensorFault(point: String, SensorFault)
    /// A Modbus protocol fault (applied by the slave, not the plant).
    case protocolFault(ProtocolFault)
    /// A network fault between the gateway and the target (applied by the uplink sender).
    case networkFault(NetworkFault)
    /// End the fault started by the named step.
    case clear(step: String)
    /// A named instant with no action, to anchor windows (`mark: cast_window_open`).
    case mark
    /// A setting the enterprise makes on the platform side (a unit into maintenance, a point
    /// disabled); applied to the reference platform in lockstep runs.
    case platform(PlatformAction)
}

/// Platform-side settings of an enterprise (RUN_STATUS maintenance, 停用 points).
public enum PlatformAction: Hashable, Sendable {
    /// The step's `equipment` goes into maintenance (`true`) or back into service (`false`).
    case maintenance(Bool)
    /// A point is disabled (`true`) or enabled again (`false`).
    case pointDisabled(point: String, Bool)

    public static let names = ["maintenance", "endMaintenance", "disablePoint", "enablePoint"]

    public var name: String {
        switch self {
        case .maintenance(let on): on ? "maintenance" : "endMaintenance"
        case .pointDisabled(_, let off): off ? "disablePoint" : "enablePoint"
        }
    }
}

/// Alarm severities and categories a target may raise.
/// Which alarms an expectation is about. Nil fields match anything.
public struct AlarmMatch: Hashable, Sendable, Codable {
    public var point: String?
    public var level: AlarmLevel?
    public init(point: String?, level: AlarmLevel?) { self.point = point; self.level = level }
}

public enum ExpectationKind: Hashable, Sendable, Codable {
    case alarmRaised(AlarmMatch)
    case alarmNotRaised(AlarmMatch)
    case alarmCleared(AlarmMatch)
    case gradeReached(RiskGrade)
    case gradeNotExceeded(RiskGrade)
    /// At most `maxChanges` grade changes of an enterprise in the window (the grade does not flap).
    case gradeStable(maxChanges: Int)
    case interlockTripped(name: String)
    case interlockNotTripped(name: String)
    /// At least `minPct` % of expected readings (of `point`, or of every point) received in the window.
    case dataComplete(point: String?, minPct: Double)
    /// The regulator view at the window's end: the number of enterprises of a region (code or name)
    /// at exactly `grade` is within the bounds.
    case regionGrades(region: String, grade: RiskGrade, bounds: CountBounds)
    /// The regulator view at the window's end: the number of unhandled (未处置) alarms of a region's
    /// enterprises (not excluded, no handling yet) is within the bounds.
    case regionUnhandled(region: String, bounds: CountBounds)
}

/// `atLeast` / `atMost` (either or both).
public struct CountBounds: Hashable, Sendable, Codable, CustomStringConvertible {
    public var atLeast: Int?
    public var atMost: Int?
    public init(atLeast: Int?, atMost: Int?) { self.atLeast = atLeast; self.atMost = atMost }
    public func contains(_ count: Int) -> Bool { count >= (atLeast ?? Int.min) && count <= (atMost ?? Int.max) }
    public var description: String {
        switch (atLeast, atMost) {
        case let (low?, high?) where low == high: "exactly \(low)"
        case let (low?, high?): "\(low)–\(high)"
        case let (low?, nil): "at least \(low)"
        case let (nil, high?): "at most \(high)"
        default: "any number"
        }
    }
}

/// A time window, written relative to named steps and resolved to plant time.
public struct Window: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The step the window is relative to (nil: scenario start).
    public var anchor: String?
    public var start: SimInstant
    public var end: SimInstant
    public init(anchor: String?, start: SimInstant, end: SimInstant) {
        self.anchor = anchor; self.start = start; self.end = end
    }
    public func contains(_ instant: SimInstant) -> Bool { instant >= start && instant <= end }
    public var description: String { "[\(start), \(end)]" + (anchor.map { " after '\($0)'" } ?? "") }
}

/// Codable so that a run directory keeps the expectations it was judged by (`expectations.json`).
public struct Expectation: Hashable, Sendable, Codable {
    public var id: String
    public var kind: ExpectationKind
    public var window: Window
    /// The enterprise the expectation is about (nil: the only plant, or any).
    public var plant: String?
    public var clauses: [String]
    public var note: String?
    public var location: SourceLocation

    public init(
        id: String, kind: ExpectationKind, window: Window, plant: String?, clauses: [String], note: String?,
        location: SourceLocation
    ) {
        self.id = id; self.kind = kind; self.window = window; self.plant = plant; self.clauses = clauses
        self.note = note; self.location = location
    }
}
