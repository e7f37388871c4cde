/// Something operators do to the plant. Scenario steps carry these as values; the equipment
/// that owns the addressed function interprets them.
public enum Operation: Hashable, Sendable, Codable {
    // Aluminium DC casting line
    /// Begin a drop at the given casting speed (the self-check runs first; see `CastingLine`).
    case startCast(speedMmPerMin: Double)
    case stopCast
    case setCastMode(CastMode)
    /// Tilt the holding furnace to an angle (degrees); 0 is upright.
    case tiltFurnace(angleDeg: Double)
    /// Run the pre-cast self-check (铸前自检).
    case runSelfCheck
    /// Operator reset of tripped interlocks (only effective once the cause has gone).
    case resetInterlocks
    /// Refill the emergency high tank (高位水池) to the given level in percent.
    case refillEmergencyTank(levelPct: Double)

    // Steel works
    case startBlow
    case stopBlow
    case lowerLance
    case raiseLance
    /// Hoist a ladle of the given load (tonnes).
    case hoistLadle(loadT: Double)
    case lowerLadle
    /// Change the BF top-pressure setpoint (kPa).
    case setTopPressure(kPa: Double)
    /// Change the BF hot-blast pressure setpoint (kPa).
    case setBlastPressure(kPa: Double)
    /// Gas network consumers' draw, as a percentage of nominal (100 = balanced with production).
    case setGasDemand(pct: Double)
}

/// Casting-machine modes (规范: auto casting / manual maintenance / simulation, mutually interlocked).
public enum CastMode: String, Hashable, Sendable, Codable, CaseIterable {
    case auto
    case manual
    case simulation

    /// Code exposed on the `CM_MODE` enum point.
    public var code: Double {
        switch self {
        case .auto: 0
        case .manual: 1
        case .simulation: 2
        }
    }
}
