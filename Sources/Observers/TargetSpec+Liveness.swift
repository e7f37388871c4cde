extension TargetSpec {
    /// How the target shows it is alive, for the evidence of observation (`observed` records of kind
    /// `liveness`) of targets we do not poll: its heartbeat events and/or a health URL we check.
    public struct Liveness: Hashable, Sendable {
        public var heartbeat: Heartbeat?
        public var health: Health?
        public init(heartbeat: Heartbeat? = nil, health: Health? = nil) {
            self.heartbeat = heartbeat; self.health = health
        }

        /// True when something declares the target's liveness.
        public var isDeclared: Bool { heartbeat != nil || health != nil }
    }

    /// Heartbeat events in the target's stream (`observe.heartbeat`): never judged, never an
    /// "unknown type" error, each a sign of life. Signs more than `intervalS` wall seconds apart
    /// break the liveness span.
    public struct Heartbeat: Hashable, Sendable {
        /// The target's type strings (at `mapping.type`) that are heartbeats.
        public var types: [String]
        /// The longest wall-clock gap between two signs of life that still counts as alive.
        public var intervalS: Double
        public init(types: [String], intervalS: Double) { self.types = types; self.intervalS = intervalS }
    }

    /// A health URL we GET every `intervalS` wall seconds (`observe.health`): a 2xx answer is a sign
    /// of life; anything else breaks the liveness span and is an error record.
    public struct Health: Hashable, Sendable {
        public var url: String
        public var intervalS: Double
        public var timeoutMs: Int64 = 5000
        /// Sent as `Authorization: Bearer <token>` when set.
        public var token: String?
        public init(url: String, intervalS: Double) { self.url = url; self.intervalS = intervalS }
    }
}
