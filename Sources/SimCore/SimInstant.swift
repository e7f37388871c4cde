/// A point in plant time: milliseconds since the scenario's start (its epoch).
public struct SimInstant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public static let start = SimInstant(milliseconds: 0)

    public var seconds: Double { Double(milliseconds) / 1000 }
    public var sinceStart: SimDuration { SimDuration(milliseconds: milliseconds) }

    public static func < (lhs: SimInstant, rhs: SimInstant) -> Bool { lhs.milliseconds < rhs.milliseconds }
    public static func + (lhs: SimInstant, rhs: SimDuration) -> SimInstant {
        SimInstant(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }
    public static func - (lhs: SimInstant, rhs: SimInstant) -> SimDuration {
        SimDuration(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }
    public var description: String { "t+\(sinceStart)" }
}

/// Where plant time comes from. The engine owns a `VirtualClock`; edge modules may pace it against
/// wall time, but the pure core only ever reads this protocol.
public protocol SimClock: Sendable {
    var now: SimInstant { get }
}

/// A clock advanced only by its owner (the engine). Never reads the wall clock.
public struct VirtualClock: SimClock {
    public private(set) var now: SimInstant
    public init(start: SimInstant = .start) { now = start }
    public mutating func advance(by step: SimDuration) { now = now + step }
}
