/// The four interlocks of the line (Order No. 10 Art. 5 items 3–6; the SMM interlock points).
enum CastingInterlock: Int, CaseIterable, Sendable {
    case mouldWaterLow
    case launderLevel
    case alInWell
    case platformFault

    var name: String {
        switch self {
        case .mouldWaterLow: "mouldWaterLow"
        case .launderLevel: "launderLevel"
        case .alInWell: "alInWell"
        case .platformFault: "platformFault"
        }
    }

    init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}

/// Per-interlock supervision state: how long the trigger has persisted, bypass, and whether a
/// failure was already reported for the current trigger episode.
struct InterlockChannel: Sendable {
    var pendingS = 0.0
    var bypassed = false
    var failureReported = false

    /// Accumulates trigger time; returns true on the step the delay is reached (once per episode).
    mutating func update(triggered: Bool, armed: Bool, dt: Double, delayS: Double) -> Bool {
        guard triggered, armed else {
            pendingS = 0
            failureReported = false
            return false
        }
        if failureReported { return false }
        pendingS += dt
        return pendingS + 1e-9 >= delayS
    }
}

/// The line's interlock supervisor: channels, the latched trip, and which interlock tripped.
struct CastingInterlocks: Sendable {
    var mouldWater = InterlockChannel()
    var launder = InterlockChannel()
    var alInWell = InterlockChannel()
    var platform = InterlockChannel()
    /// Latched until an operator reset once the cause has gone.
    var tripped = false
    var trippedBy: CastingInterlock?

    var anyBypassed: Bool { mouldWater.bypassed || launder.bypassed || alInWell.bypassed || platform.bypassed }

    subscript(kind: CastingInterlock) -> InterlockChannel {
        get {
            switch kind {
            case .mouldWaterLow: mouldWater
            case .launderLevel: launder
            case .alInWell: alInWell
            case .platformFault: platform
            }
        }
        set {
            switch kind {
            case .mouldWaterLow: mouldWater = newValue
            case .launderLevel: launder = newValue
            case .alInWell: alInWell = newValue
            case .platformFault: platform = newValue
            }
        }
    }
}
