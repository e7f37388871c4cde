import PlantModel
import SimCore

/// One entry of the run's event log, in the order it happened.
public struct EngineEvent: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// An operation from the timeline was applied.
        case operationApplied
        /// An equipment fault started / ended.
        case faultInjected
        case faultCleared
        /// A sensor fault started / ended on a point.
        case sensorFaultStarted
        case sensorFaultEnded
        /// A Modbus protocol fault started / ended (applied by the slave).
        case protocolFaultStarted
        case protocolFaultEnded
        /// A network fault started / ended (applied by the uplink sender).
        case networkFaultStarted
        case networkFaultEnded
        /// A `mark` step was reached.
        case mark
        /// A platform-side setting (`platform:` step): maintenance on/off, a point disabled/enabled.
        case platformAction
        // The plant's own reactions (PlantEvent kinds).
        case interlockTripped
        case interlockFailed
        case interlockReset
        case stateChanged
        case operationRefused
    }

    public var time: SimInstant
    public var kind: Kind
    /// Enterprise code of the plant.
    public var plant: String
    public var equipment: String?
    /// Interlock, state or action name (for timeline events: the step's action name).
    public var name: String
    /// The timeline step that caused it, if any.
    public var step: String?
    public var detail: String

    public init(
        time: SimInstant, kind: Kind, plant: String, equipment: String?, name: String, step: String?,
        detail: String
    ) {
        self.time = time; self.kind = kind; self.plant = plant; self.equipment = equipment; self.name = name
        self.step = step; self.detail = detail
    }

    init(_ event: PlantEvent, plant: String) {
        let kind: Kind =
            switch event.kind {
            case .interlockTripped: .interlockTripped
            case .interlockFailed: .interlockFailed
            case .interlockReset: .interlockReset
            case .stateChanged: .stateChanged
            case .operationRefused: .operationRefused
            }
        self.init(
            time: event.time, kind: kind, plant: plant, equipment: event.equipment, name: event.name, step: nil,
            detail: event.detail)
    }
}

/// One recorded reading as the plant's gateway would see it.
public struct Sample: Hashable, Sendable {
    public var time: SimInstant
    /// Index of the plant in the engine's `plants`.
    public var plant: Int
    /// Index of the point in that plant's `points`.
    public var point: Int
    /// Measured value (NaN when `quality == .offline`).
    public var value: Double
    public var quality: Quality

    public init(time: SimInstant, plant: Int, point: Int, value: Double, quality: Quality) {
        self.time = time; self.plant = plant; self.point = point; self.value = value; self.quality = quality
    }
}

/// Where the engine sends what it records. Implementations at the edge write files or stream to
/// transports; the pure core only calls these two methods, in time order.
public protocol TraceSink {
    mutating func record(_ sample: Sample)
    mutating func record(_ event: EngineEvent)
}

/// Keeps everything in memory (tests, lockstep runs of short scenarios).
public struct MemoryTrace: TraceSink, Sendable {
    public var samples: [Sample] = []
    public var events: [EngineEvent] = []
    public init() {}
    public mutating func record(_ sample: Sample) { samples.append(sample) }
    public mutating func record(_ event: EngineEvent) { events.append(event) }
}

/// Counts without keeping (benchmarks).
public struct CountingTrace: TraceSink, Sendable {
    public var samples = 0
    public var events = 0
    public var interlockTrips = 0
    /// A running checksum over values, so the work cannot be optimised away and runs can be compared.
    public var checksum: Double = 0
    public init() {}
    public mutating func record(_ sample: Sample) {
        samples += 1
        if sample.value.isFinite { checksum += sample.value }
    }
    public mutating func record(_ event: EngineEvent) {
        events += 1
        if event.kind == .interlockTripped { interlockTrips += 1 }
    }
}
