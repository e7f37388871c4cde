import SimCore

/// Rule ids (reason codes) of the default risk rules (§8 of the domain notes, a proposal [P]).
public enum RiskRuleID {
    public static let red1 = "RED-1-interlock-not-reached"
    public static let red2 = "RED-2-casting-with-safety-fault"
    public static let red3 = "RED-3-critical-uncleared-30m"
    public static let red4 = "RED-4-co-personnel-area-5m"
    public static let red5 = "RED-5-al-in-well"
    public static let orange1 = "ORANGE-critical-uncleared-10m"
    public static let orange2 = "ORANGE-3-hl-uncleared-30m"
    public static let orange3 = "ORANGE-online-rate-below-80-1h"
    public static let orange4 = "ORANGE-interlock-bypass-2h"
    public static let orange5 = "ORANGE-critical-alarms-24h"
    public static let yellow1 = "YELLOW-hl-uncleared-30m"
    public static let yellow2 = "YELLOW-alarms-24h"
    public static let yellow3 = "YELLOW-online-rate-below-95"
    public static let yellow4 = "YELLOW-data-delay-5m"
    public static let yellow5 = "YELLOW-cleared-unhandled"
    public static let floorGasHolder = "FLOOR-gas-holder"
    public static let floorCastingWells = "FLOOR-casting-wells"
    public static let floorBlastFurnace = "FLOOR-bf-volume"
    public static let floorMajorHazard = "FLOOR-major-hazard-open"
    public static let deescalate = "DEESCALATE-hysteresis"
    /// Interlock supervision as a whole (alarm side).
    public static let interlockSupervision = "INTERLOCK-supervision"
    /// The data-quality checks (instrument alarms); disabled, the data counts as sound.
    public static let qualityOffline = "QUALITY-offline"
    public static let qualityFrozen = "QUALITY-frozen"
    public static let qualityOutOfRange = "QUALITY-out-of-range"
    public static let qualityBadQuality = "QUALITY-bad-quality"
    public static let quality = [qualityOffline, qualityFrozen, qualityOutOfRange, qualityBadQuality]
    /// Exclusions as a whole: disabled points (停用) and units in maintenance.
    public static let exclusions = "EXCLUSIONS"

    public static let dynamic = [red1, red2, red3, red4, red5, orange1, orange2, orange3, orange4, orange5,
                                 yellow1, yellow2, yellow3, yellow4, yellow5]
    public static let floors = [floorGasHolder, floorCastingWells, floorBlastFurnace, floorMajorHazard]
    public static let all = dynamic + floors + [interlockSupervision, exclusions] + quality
}

/// Parameters of the risk rules. Defaults are §8's numbers.
public struct RiskSettings: Hashable, Sendable {
    public var evaluateEvery: SimDuration = .seconds(60)
    /// Rolling window of the count rules (and of RED-5 and YELLOW-5).
    public var window: SimDuration = .hours(24)
    /// Without a new trigger, the grade steps down one level after this long (hysteresis).
    public var deescalateAfter: SimDuration = .minutes(60)

    // RED
    /// RED-2: "casting" (a condition per enterprise), and the points whose alarm means a safety
    /// device is faulted (any active hazard alarm on them), plus any instrument alarm on a critical point.
    public var castingWhen: Condition? = .equals(point: "CM_CASTING", value: 1)
    public var safetyFaultPoints: [String] = ["V_QCO_FLT", "V_EMD_FLT", "DISC_FLT", "CM_SELFCHK", "EW_P", "EW_TANK_LVL"]
    public var criticalUnclearedRed: SimDuration = .minutes(30)
    /// RED-4: an HH alarm on one of these points (HH = 160 ppm on the models' CO points) active this long.
    public var coPoints: [String] = ["BF1_CO_TUY", "GH1_CO_1", "GH1_CO_2"]
    public var coHighFor: SimDuration = .minutes(5)
    /// RED-5: an alarm on one of these points raised within the window.
    public var alInWellPoints: [String] = ["AL_IN_WELL"]

    // ORANGE
    public var criticalUnclearedOrange: SimDuration = .minutes(10)
    public var highLowCount = 3
    public var highLowUncleared: SimDuration = .minutes(30)
    public var onlineOrangePct: Double = 80
    public var onlineOrangeFor: SimDuration = .hours(1)
    /// ORANGE-4: an alarm on one of these (bypass-flag) points active this long.
    public var bypassPoints: [String] = ["INTLK_BYP"]
    public var bypassFor: SimDuration = .hours(2)
    public var criticalAlarmsCount = 10

    // YELLOW
    public var highLowUnclearedYellow: SimDuration = .minutes(30)
    public var alarmsCount = 5
    public var onlineYellowPct: Double = 95
    public var dataDelay: SimDuration = .minutes(5)

    // Inherent floor (G0 from the registry: equipment types and parameters of the plant)
    public var gasHolderTypes: [String] = ["gasSystem"]
    public var castingWellTypes: [String] = ["dcCastingLine"]
    public var castingWellsAtLeast = 2
    public var blastFurnaceTypes: [String] = ["blastFurnace"]
    public var blastFurnaceVolumeParameter = "volumeM3"
    public var blastFurnaceVolumeAbove: Double = 1000
    /// Enterprises with an open 重大事故隐患 item: floor orange.
    public var majorHazardOpen: [String] = []

    public init() {}
}
