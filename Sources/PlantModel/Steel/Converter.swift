import SimCore

/// A basic oxygen converter (转炉) with its oxygen lance: lance cooling water (inlet/outlet flow,
/// difference, outlet temperature, inlet pressure), oxygen main, hood cooling difference, lance
/// position, oxygen shut-off valve and the tilting block (令第10号 第四条(四)).
public struct Converter: Equipment {
    public static let typeName = "converter"
    /// Lance flow difference HH or outlet temperature HH while blowing → lift lance, cut oxygen.
    public static let lanceLeakInterlock = "lanceWaterLeak"
    /// Lance inlet water pressure LL → lift lance, no lowering.
    public static let lancePressureInterlock = "lanceWaterPressureLow"
    /// Hood / mouth cooling flow difference HH → furnace tilting blocked.
    public static let hoodInterlock = "hoodLeak"

    public static let equipmentType = EquipmentType(
        name: typeName, industry: .steel,
        summary: "Basic oxygen converter with oxygen lance: lance cooling water, oxygen, hood, tilting block",
        parameters: [
            ParameterSpec("capacityT", .number, default: .number(120), range: 10...400, summary: "Heat size, t"),
            ParameterSpec(
                "interlockDelayS", .number, default: .number(2), range: 0...30,
                summary: "Delay from trigger to interlock action, s"),
            ParameterSpec(
                "lanceSpeedMPerS", .number, default: .number(3), range: 0.5...10,
                summary: "Lance hoist speed, m/s (raising and lowering)"),
        ],
        build: { Converter(config: $0) })

    public let id: String
    public let points: [PointSpec]
    public let interlocks: [InterlockSpec]

    let capacityT: Double
    let interlockDelayS: Double
    let lanceSpeedMPerS: Double

    static let parkM = 12.0
    static let blowM = 1.5
    /// Below this height the oxygen valve may be open (oxygen-on point).
    static let oxygenOnM = 4.0
    static let nominalFlowM3PerH = 200.0
    static let nominalInletMPa = 1.35
    static let inletWaterC = 25.0
    static let flowDiffHH = 8.0
    static let flowDiffH = 4.0
    static let outletHH = 55.0
    static let outletH = 50.0
    static let inletLL = 0.9
    static let inletL = 1.0
    static let hoodHH = 8.0
    static let hoodH = 4.0

    // Operator intent and equipment state.
    var blowing = false
    var lanceM = Converter.parkM
    var lanceTargetM = Converter.parkM
    var oxygenOpen = false
    var leakTripped = false
    var pressureTripped = false
    var hoodTripped = false

    // Process state.
    var inletFlow = Converter.nominalFlowM3PerH
    var outletFlow = Converter.nominalFlowM3PerH - 0.8
    var leakM3PerH = 0.0
    var outletC = 29.0
    var inletMPa = Converter.nominalInletMPa
    var oxygenMPa = 1.1
    var hoodDQ = 0.8

    // Faults.
    var leakTarget = 0.0
    var pumpTripped = false
    var oxygenStuck = false
    var oxygenFailed = false
    var bypassLeak = false
    var bypassPressure = false
    var bypassHood = false

    var gains = SteelGains()
    var leakTimer = SteelTripTimer()
    var pressureTimer = SteelTripTimer()
    var hoodTimer = SteelTripTimer()
    var wanderFlow = SteelWander(sigma: 2.5, tauS: 60)
    var wanderDQ = SteelWander(sigma: 0.25, tauS: 30)
    var wanderPressure = SteelWander(sigma: 0.02, tauS: 60)
    var wanderHood = SteelWander(sigma: 0.2, tauS: 40)

    public init(config: EquipmentConfig) {
        id = config.id
        capacityT = config.number("capacityT", default: 120)
        interlockDelayS = config.number("interlockDelayS", default: 2)
        lanceSpeedMPerS = config.number("lanceSpeedMPerS", default: 3)
        points = Converter.makePoints(id: id)
        interlocks = Converter.makeInterlocks(id: id, delayS: interlockDelayS)
    }

    static func makePoints(id: String) -> [PointSpec] {
        let lance = "Order10-Art4-4"
        return [
            .steelAnalog(
                id, "LNC_QIN", zh: "氧枪冷却水进水流量", en: "Lance cooling-water inlet flow", unit: "m³/h",
                range: 0...400, limits: Limits(ll: 150, l: 165), critical: true, noise: 0.8, clause: lance),
            .steelAnalog(
                id, "LNC_QOUT", zh: "氧枪冷却水出水流量", en: "Lance cooling-water outlet flow", unit: "m³/h",
                range: 0...400, limits: Limits(ll: 150, l: 165), critical: true, noise: 0.8, clause: lance),
            .steelAnalog(
                id, "LNC_DQ", zh: "氧枪进出水流量差", en: "Lance cooling-water flow difference", unit: "m³/h",
                range: -20...100, limits: Limits(h: flowDiffH, hh: flowDiffHH), critical: true, noise: 0.3,
                clause: lance),
            .steelAnalog(
                id, "LNC_TOUT", zh: "氧枪出水温度", en: "Lance cooling-water outlet temperature", unit: "°C",
                range: 0...150, limits: Limits(h: outletH, hh: outletHH), critical: true, noise: 0.2, clause: lance),
            .steelAnalog(
                id, "LNC_PIN", zh: "氧枪进水压力", en: "Lance cooling-water inlet pressure", unit: "MPa",
                range: 0...2.5, limits: Limits(ll: inletLL, l: inletL), critical: true, noise: 0.005, clause: lance),
            .steelAnalog(
                id, "O2_P", zh: "氧气总管压力", en: "Oxygen main pressure", unit: "MPa", range: 0...2.5,
                limits: Limits(ll: 0.6, l: 0.7, h: 1.3, hh: 1.4), noise: 0.005),
            .steelAnalog(
                id, "HOOD_DQ", zh: "烟罩/炉口水冷件流量差", en: "Hood / mouth cooling flow difference", unit: "m³/h",
                range: -20...100, limits: Limits(h: hoodH, hh: hoodHH), critical: true, noise: 0.2, clause: lance),
            .steelAnalog(
                id, "LNC_POS", zh: "氧枪枪位", en: "Lance height above bath", unit: "m", range: 0...20, noise: 0.01,
                clause: lance),
            .steelDigital(
                id, "O2_VLV", zh: "氧气切断阀状态", en: "Oxygen shut-off valve", states: ["closed", "open"],
                critical: true, clause: lance),
            .steelDigital(
                id, "TILT_BLK", zh: "炉体倾动闭锁", en: "Furnace tilting blocked", states: ["free", "blocked"],
                critical: true, clause: lance),
            .steelBypass(id),
        ]
    }

    static func makeInterlocks(id: String, delayS: Double) -> [InterlockSpec] {
        [
            InterlockSpec(
                name: lanceLeakInterlock, nameZh: "氧枪漏水提枪切氧联锁", equipment: id,
                triggerPoints: ["\(id)_LNC_DQ", "\(id)_LNC_TOUT"],
                trigger: "\(id)_LNC_DQ ≥ HH (8 m³/h) or \(id)_LNC_TOUT ≥ HH (55 °C)",
                actions: ["lift lance to parking position", "close oxygen shut-off valve", "block furnace tilting"],
                resultPoints: ["\(id)_O2_VLV": 0, "\(id)_LNC_POS": parkM, "\(id)_TILT_BLK": 1],
                activeWindow: "while blowing", delayS: delayS, clause: "Order10-Art4-4"),
            InterlockSpec(
                name: lancePressureInterlock, nameZh: "氧枪进水压力低提枪联锁", equipment: id,
                triggerPoints: ["\(id)_LNC_PIN"], trigger: "\(id)_LNC_PIN < LL (0.9 MPa)",
                actions: ["lift lance to parking position", "close oxygen shut-off valve", "refuse lance lowering"],
                resultPoints: ["\(id)_O2_VLV": 0, "\(id)_LNC_POS": parkM],
                activeWindow: "while blowing or lance below parking position", delayS: delayS,
                clause: "Order10-Art4-4"),
            InterlockSpec(
                name: hoodInterlock, nameZh: "烟罩漏水倾动闭锁", equipment: id, triggerPoints: ["\(id)_HOOD_DQ"],
                trigger: "\(id)_HOOD_DQ ≥ HH (8 m³/h)", actions: ["block furnace tilting"],
                resultPoints: ["\(id)_TILT_BLK": 1], activeWindow: "always", delayS: delayS, clause: "Order10-Art4-4"),
        ]
    }

    var bypassFlag: Double { bypassLeak || bypassPressure || bypassHood ? 1 : 0 }
    var tiltBlocked: Bool { leakTripped || hoodTripped }
    var oxygenValveBroken: Bool { oxygenStuck || oxygenFailed }
    /// The lance-leak cause is present (at H or above, so lowering stays refused until it is well clear).
    var leakCausePresent: Bool {
        inletFlow - outletFlow >= Converter.flowDiffH || outletC >= Converter.outletH
    }
}
