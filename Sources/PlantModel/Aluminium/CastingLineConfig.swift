/// The parameters of one DC casting line, read once from its `EquipmentConfig` (defaults filled in).
/// Units are in the names; everything the physics needs per step is precomputed here or in `LineFactors`.
struct CastingLineConfig: Sendable {
    /// Prepended to every point code (e.g. `L2_`), so several lines can share a plant.
    var pointPrefix: String
    /// `true` for a tilting holding furnace (tilt-back on trip), `false` for a fixed furnace (tap hole).
    var tiltingFurnace: Bool
    /// Number of winch wire ropes (2…8).
    var ropes: Int
    /// Delay from a persistent trigger to the interlock action (mould water, launder, platform).
    var interlockDelayS: Double
    /// The water/launder/Al-in-well interlocks arm once the cast is this long (SMM: 300–500 mm).
    var activeFromMm: Double
    /// The platform interlock arms once the cast is this long (0: from the start, Haian-type faults).
    var platformActiveFromMm: Double
    var nominalSpeedMmPerMin: Double
    /// Length at which a drop ends by itself.
    var dropLengthMm: Double
    var mouldWaterFlowM3PerH: Double
    var mouldWaterPressureMPa: Double
    /// Time constant of mould-water flow and pressure after a pump trip.
    var mouldWaterTauS: Double
    /// Emergency (high-tank) flow as a percentage of the nominal mould-water flow, with a full tank.
    var emergencyFlowPct: Double
    /// Time from the pressure falling below L to the emergency water valve being open.
    var emergencyDelayS: Double
    var emergencyTankM3: Double
    var emergencyTankInitialPct: Double
    /// Launder level time constant.
    var launderTauS: Double
    /// Standby/pouring angle of the tilting furnace that gives the nominal launder flow.
    var pourAngleDeg: Double
    var tiltRateDegPerS: Double
    var tiltBackRateDegPerS: Double
    var ropeNominalKN: Double

    /// Furnace angle below which no metal leaves a tilting furnace.
    static let lipAngleDeg = 4.0

    init(_ config: EquipmentConfig) {
        pointPrefix = config.text("pointPrefix", default: "")
        tiltingFurnace = config.text("furnace", default: "tilting") != "fixed"
        ropes = min(8, max(2, config.int("ropes", default: 4)))
        interlockDelayS = max(0, config.number("interlockDelayS", default: 2))
        activeFromMm = max(0, config.number("activeFromMm", default: 400))
        platformActiveFromMm = max(0, config.number("platformActiveFromMm", default: 0))
        nominalSpeedMmPerMin = max(1, config.number("nominalSpeedMmPerMin", default: 90))
        dropLengthMm = max(100, config.number("dropLengthMm", default: 6500))
        mouldWaterFlowM3PerH = max(1, config.number("mouldWaterFlowM3PerH", default: 200))
        mouldWaterPressureMPa = max(0.01, config.number("mouldWaterPressureMPa", default: 0.25))
        mouldWaterTauS = max(0.1, config.number("mouldWaterTauS", default: 3))
        emergencyFlowPct = max(0, config.number("emergencyFlowPct", default: 65))
        emergencyDelayS = max(0, config.number("emergencyDelayS", default: 3))
        emergencyTankM3 = max(1, config.number("emergencyTankM3", default: 60))
        emergencyTankInitialPct = min(100, max(0, config.number("emergencyTankInitialPct", default: 95)))
        launderTauS = max(0.1, config.number("launderTauS", default: 3))
        pourAngleDeg = max(Self.lipAngleDeg + 1, config.number("pourAngleDeg", default: 12))
        tiltRateDegPerS = max(0.01, config.number("tiltRateDegPerS", default: 1))
        tiltBackRateDegPerS = max(0.01, config.number("tiltBackRateDegPerS", default: 2))
        ropeNominalKN = max(1, config.number("ropeNominalKN", default: 50))
    }

    /// The declared parameters of `dcCastingLine`.
    static let parameterSpecs: [ParameterSpec] = [
        ParameterSpec("pointPrefix", .text, default: .text(""), summary: "Prefix for every point code, e.g. L2_"),
        ParameterSpec("furnace", .text, default: .text("tilting"), allowed: ["tilting", "fixed"],
                      summary: "Holding furnace kind: tilting (tilt-back on trip) or fixed (tap hole)"),
        ParameterSpec("ropes", .integer, default: .number(4), range: 2...8, summary: "Winch wire ropes"),
        ParameterSpec("interlockDelayS", .number, default: .number(2), range: 0...30,
                      summary: "Trigger-to-action delay of the interlocks, s"),
        ParameterSpec("activeFromMm", .number, default: .number(400), range: 0...2000,
                      summary: "Cast length from which the water/launder/Al interlocks are armed, mm"),
        ParameterSpec("platformActiveFromMm", .number, default: .number(0), range: 0...2000,
                      summary: "Cast length from which the platform interlock is armed, mm"),
        ParameterSpec("nominalSpeedMmPerMin", .number, default: .number(90), range: 10...300,
                      summary: "Nominal casting speed, mm/min"),
        ParameterSpec("dropLengthMm", .number, default: .number(6500), range: 100...10000,
                      summary: "Cast length at which a drop ends, mm"),
        ParameterSpec("mouldWaterFlowM3PerH", .number, default: .number(200), range: 10...1000,
                      summary: "Nominal mould cooling-water flow, m³/h"),
        ParameterSpec("mouldWaterPressureMPa", .number, default: .number(0.25), range: 0.05...1,
                      summary: "Nominal mould cooling-water inlet pressure, MPa"),
        ParameterSpec("mouldWaterTauS", .number, default: .number(3), range: 0.1...60,
                      summary: "Flow/pressure decay time constant after a pump trip, s"),
        ParameterSpec("emergencyFlowPct", .number, default: .number(65), range: 0...100,
                      summary: "Emergency water flow from a full high tank, % of nominal"),
        ParameterSpec("emergencyDelayS", .number, default: .number(3), range: 0...60,
                      summary: "Emergency water valve opening delay after pressure < L, s"),
        ParameterSpec("emergencyTankM3", .number, default: .number(60), range: 1...1000,
                      summary: "High-tank volume, m³"),
        ParameterSpec("emergencyTankInitialPct", .number, default: .number(95), range: 0...100,
                      summary: "High-tank level at start, %"),
        ParameterSpec("launderTauS", .number, default: .number(3), range: 0.1...60,
                      summary: "Launder level time constant, s"),
        ParameterSpec("pourAngleDeg", .number, default: .number(12), range: 5...25,
                      summary: "Tilting-furnace angle giving the nominal launder flow, °"),
        ParameterSpec("tiltRateDegPerS", .number, default: .number(1), range: 0.01...10,
                      summary: "Commanded tilt rate, °/s"),
        ParameterSpec("tiltBackRateDegPerS", .number, default: .number(2), range: 0.01...20,
                      summary: "Emergency tilt-back rate (accumulator), °/s"),
        ParameterSpec("ropeNominalKN", .number, default: .number(50), range: 1...1000,
                      summary: "Nominal force per winch rope, kN"),
    ]
}
