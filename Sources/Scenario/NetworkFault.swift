import SimCore

/// A network fault between the gateway (uplink sender) and the target, for a span of plant time.
public enum NetworkFault: Hashable, Sendable {
    /// The target cannot be reached at all (connection refused).
    case outage
    /// Every request takes this much longer (wall time).
    case latency(delayMs: Int)
    /// Connections are reset with this probability (percent, drawn from the seeded generator).
    case drop(probabilityPct: Double)
    /// The gateway's clock is off by this much: payload timestamps shift.
    case clockSkew(skewMs: Int64)
    /// Every batch is sent twice (the receiver must drop the copy by batch id).
    case duplicate

    public var name: String {
        switch self {
        case .outage: "outage"
        case .latency: "latency"
        case .drop: "drop"
        case .clockSkew: "clockSkew"
        case .duplicate: "duplicate"
        }
    }
}

/// Network faults with their plant-time spans (from `network:` timeline steps).
public struct NetworkFaultSchedule: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var fault: NetworkFault
        public var start: SimInstant
        public var end: SimInstant?
        public init(fault: NetworkFault, start: SimInstant, end: SimInstant?) { self.fault = fault; self.start = start; self.end = end }
    }

    public var entries: [Entry]
    public init(entries: [Entry] = []) { self.entries = entries }

    public func active(at time: SimInstant) -> [NetworkFault] {
        entries.filter { $0.start <= time && ($0.end.map { time < $0 } ?? true) }.map(\.fault)
    }
}

/// Network faults (`network: outage`), timed by the step (`duration`, or a later `clear`).
public enum NetworkFaultSchema {
    public static let all: [ActionSchema<NetworkFault>] = [
        ActionSchema("outage", "The target cannot be reached (connection refused).") { _ in .outage },
        ActionSchema("latency", "Every request takes longer.", [
            ActionParameter("delayMs", .integer(1...600_000), unit: "ms", "added delay (wall time)"),
        ]) { .latency(delayMs: $0.int("delayMs")) },
        ActionSchema("drop", "Connections are reset at random (seeded).", [
            ActionParameter("probabilityPct", .number(0...100), unit: "%", default: .number(50), "chance a request is reset"),
        ]) { .drop(probabilityPct: $0.number("probabilityPct")) },
        ActionSchema("clockSkew", "The gateway's clock is off: payload timestamps shift.", [
            ActionParameter("skewMs", .integer(-86_400_000...86_400_000), unit: "ms", "offset added to timestamps"),
        ]) { .clockSkew(skewMs: Int64($0.int("skewMs"))) },
        ActionSchema("duplicate", "Every batch is sent twice.") { _ in .duplicate },
    ]

    public static func named(_ name: String) -> ActionSchema<NetworkFault>? { all.first { $0.name == name } }
}

extension LoadedScenario {
    /// The scenario's network faults with their plant-time spans.
    public var networkFaults: NetworkFaultSchedule {
        var entries: [NetworkFaultSchedule.Entry] = []
        for step in spec.timeline {
            guard case .networkFault(let fault) = step.action else { continue }
            var end = step.duration.map { step.time + $0 }
            if let name = step.name,
                let clear = spec.timeline.first(where: { $0.action == .clear(step: name) && $0.time >= step.time }) {
                end = min(end ?? clear.time, clear.time)
            }
            entries.append(.init(fault: fault, start: step.time, end: end))
        }
        return NetworkFaultSchedule(entries: entries)
    }
}
