import PlantModel
import SimCore

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
