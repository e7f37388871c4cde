/// Equipment faults: the physical world going wrong. Values carry their units in their names.
public enum EquipmentFault: Hashable, Sendable, Codable {
    /// A cooling-water pump trips (flow and pressure decay with the circuit's time constant).
    case pumpTrip(pump: Pump)
    /// A valve stays where it is when commanded.
    case valveStuck(valve: Valve)
    /// A valve reports a fault (its status point shows fault) and will not act.
    case valveFailed(valve: Valve)
    /// Loss of main power (aluminium line: PWR_MAIN off, pumps stop, UPS-held interlocks act).
    case powerLoss
    /// A winch wire rope breaks (1-based index).
    case ropeBreak(rope: Int)
    /// Tap hole enlarging: furnace outflow rises by this percentage of nominal per minute.
    case tapHoleOverflow(flowRisePctPerMin: Double)
    /// Launder flow blocked or furnace under-feeding: outflow falls by this percentage per minute.
    case launderStarvation(flowDropPctPerMin: Double)
    /// Molten aluminium leaks from the mould into the well (Al-in-well detector, table level drop).
    case mouldBleedOut
    /// The starter block sticks to the mould table: the platform moves, the block does not.
    case starterBlockStuck
    /// The tilting furnace keeps tipping without a command (degrees per second).
    case tiltRunaway(rateDegPerS: Double)
    /// Loss of tilting hydraulic pressure (MPa per minute).
    case hydraulicLeak(dropMPaPerMin: Double)
    /// The emergency high tank drains (percentage points per minute).
    case emergencyTankLeak(dropPctPerMin: Double)
    /// The casting-well drain is blocked: water rises (metres per minute).
    case wellDrainBlocked(riseMPerMin: Double)
    /// Oxygen-lance water circuit leak (outlet flow lower than inlet by this many m³/h).
    case lanceLeak(leakM3PerH: Double)
    /// BF tuyere cooler leak (in/out flow difference, m³/h).
    case tuyereLeak(leakM3PerH: Double)
    /// BF cooling-water supply pressure falls (MPa per minute).
    case coolingWaterLoss(dropMPaPerMin: Double)
    /// BF top pressure rises (kPa per minute), e.g. a hanging burden slipping.
    case topPressureSurge(riseKPaPerMin: Double)
    /// Hearth wall temperature creep at one thermocouple (1-based), °C per hour.
    case hearthErosion(sensor: Int, riseCPerH: Double)
    /// CO escapes at a location (point-code suffix such as `CO_TUY`, `CO_1`), ramping to `ppm`.
    case coLeak(location: String, ppm: Double, rampS: Double)
    /// Gas holder inflow/outflow imbalance: level changes by this many percentage points per minute.
    case gasImbalance(levelPctPerMin: Double)
    /// Gas main pressure falls (kPa per minute), e.g. a consumer surge or booster trip.
    case gasMainPressureLoss(dropKPaPerMin: Double)
    /// One hoist brake (1-based) reports a fault.
    case craneBrakeFault(brake: Int)
    /// The ladle's refractory thins: shell hot spot rising (°C per minute).
    case ladleHotSpot(riseCPerMin: Double)
    /// The named interlock will not act (bypass / 旁路).
    case interlockBypassed(interlock: String)

    /// The name used in scenario files (`fault: pumpTrip`).
    public var kindName: String {
        switch self {
        case .pumpTrip: "pumpTrip"
        case .valveStuck: "valveStuck"
        case .valveFailed: "valveFailed"
        case .powerLoss: "powerLoss"
        case .ropeBreak: "ropeBreak"
        case .tapHoleOverflow: "tapHoleOverflow"
        case .launderStarvation: "launderStarvation"
        case .mouldBleedOut: "mouldBleedOut"
        case .starterBlockStuck: "starterBlockStuck"
        case .tiltRunaway: "tiltRunaway"
        case .hydraulicLeak: "hydraulicLeak"
        case .emergencyTankLeak: "emergencyTankLeak"
        case .wellDrainBlocked: "wellDrainBlocked"
        case .lanceLeak: "lanceLeak"
        case .tuyereLeak: "tuyereLeak"
        case .coolingWaterLoss: "coolingWaterLoss"
        case .topPressureSurge: "topPressureSurge"
        case .hearthErosion: "hearthErosion"
        case .coLeak: "coLeak"
        case .gasImbalance: "gasImbalance"
        case .gasMainPressureLoss: "gasMainPressureLoss"
        case .craneBrakeFault: "craneBrakeFault"
        case .ladleHotSpot: "ladleHotSpot"
        case .interlockBypassed: "interlockBypassed"
        }
    }
}

public enum Pump: String, Hashable, Sendable, Codable, CaseIterable {
    /// Mould (crystallizer) cooling water, aluminium line.
    case mouldWater
    /// BF cooling-water supply.
    case furnaceCooling
    /// Oxygen-lance cooling water.
    case lanceWater
}

public enum Valve: String, Hashable, Sendable, Codable, CaseIterable {
    /// 快速切断阀
    case quickCutOff
    /// 紧急排放阀
    case emergencyDischarge
    /// 流槽断开装置
    case launderDisconnect
    /// BF 炉顶放散阀
    case topBleeder
    /// BOF oxygen shut-off valve
    case oxygen
}

/// Sensor faults: the instrument lies while the process does not. Applied by the engine on top of
/// the true value of one point.
public enum SensorFault: Hashable, Sendable, Codable {
    /// The reading freezes at its value when the fault starts.
    case stuck
    /// The reading drifts away from the truth, in units per minute.
    case drift(perMin: Double)
    /// A single-sample spike of this size (units) at the fault's start.
    case spike(magnitude: Double)
    /// Extra Gaussian noise with this standard deviation (units).
    case noise(sigma: Double)
    /// The reading jumps to a value outside the physical range.
    case outOfRange(value: Double)
    /// No data reaches the gateway (quality `offline`).
    case offline
    /// The instrument flags bad quality; the value is kept but not to be trusted.
    case badQuality

    public var kindName: String {
        switch self {
        case .stuck: "stuck"
        case .drift: "drift"
        case .spike: "spike"
        case .noise: "noise"
        case .outOfRange: "outOfRange"
        case .offline: "offline"
        case .badQuality: "badQuality"
        }
    }
}
