import SimCore

/// The by-product gas system (煤气系统): a gas holder (煤气柜) with inlet/outlet valves, the gas
/// network main, and fixed CO monitors (monitor 1 at the holder area, 2 at the booster station, …).
public struct GasSystem: Equipment {
    public static let typeName = "gasSystem"
    /// Holder level LL → outlet valve closed (no further draw-down).
    public static let levelLowInterlock = "holderLevelLow"
    /// Holder level HH → inlet valve closed (surplus gas to the flare).
    public static let levelHighInterlock = "holderLevelHigh"

    public static let equipmentType = EquipmentType(
        name: typeName, industry: .steel,
        summary: "Gas holder with inlet/outlet valves, gas network main pressure and fixed CO monitors",
        parameters: [
            ParameterSpec(
                "coMonitors", .integer, default: .number(2), range: 1...16,
                summary: "Fixed CO monitors CO_1..n (1 = holder area, 2 = booster station, …)"),
            ParameterSpec(
                "initialLevelPct", .number, default: .number(50), range: 0...100,
                summary: "Holder level at the start, %"),
            ParameterSpec(
                "interlockDelayS", .number, default: .number(2), range: 0...30,
                summary: "Delay from trigger to interlock action, s"),
        ],
        build: { GasSystem(config: $0) })

    public let id: String
    public let points: [PointSpec]
    public let interlocks: [InterlockSpec]

    let coMonitors: Int
    let interlockDelayS: Double

    static let levelLL = 10.0
    static let levelL = 15.0
    static let levelH = 85.0
    static let levelHH = 90.0
    /// Production into the holder and consumption out of it at 100 % demand, % of holder per minute.
    static let productionPctPerMin = 2.0

    var demandPct = 100.0
    var levelPct: Double
    var holderKPa: Double
    var mainKPa = 10.0
    var monitors: [SteelCOMonitor]
    var inletOpen = true
    var outletOpen = true
    var lowTripped = false
    var highTripped = false

    var imbalancePctPerS = 0.0
    var mainDropKPaPerS = 0.0
    var mainLossKPa = 0.0
    var bypassLow = false
    var bypassHigh = false

    var gains = SteelGains()
    var lowTimer = SteelTripTimer()
    var highTimer = SteelTripTimer()
    var wanderLevel = SteelWander(sigma: 0.3, tauS: 120)
    var wanderMain = SteelWander(sigma: 0.3, tauS: 40)
    var wanderHolder = SteelWander(sigma: 0.05, tauS: 30)
    var wanderCO = SteelWander(sigma: 0.6, tauS: 45)

    public init(config: EquipmentConfig) {
        id = config.id
        coMonitors = max(1, config.int("coMonitors", default: 2))
        interlockDelayS = config.number("interlockDelayS", default: 2)
        levelPct = SteelMath.clamp(config.number("initialLevelPct", default: 50), 0, 100)
        holderKPa = GasSystem.holderPressure(levelPct: levelPct)
        monitors = Array(repeating: SteelCOMonitor(), count: coMonitors)
        points = GasSystem.makePoints(id: id, coMonitors: coMonitors)
        interlocks = GasSystem.makeInterlocks(id: id, delayS: interlockDelayS)
    }

    /// Holder pressure from the piston weight, rising with level and steeply at the top stop.
    @inline(__always)
    static func holderPressure(levelPct: Double) -> Double {
        3.0 + 0.035 * levelPct + max(0, levelPct - 95) * 0.5
    }

    static func makePoints(id: String, coMonitors: Int) -> [PointSpec] {
        var points: [PointSpec] = [
            .steelAnalog(
                id, "LEVEL", zh: "煤气柜柜位", en: "Gas holder level", unit: "%", range: 0...100,
                limits: Limits(ll: levelLL, l: levelL, h: levelH, hh: levelHH), critical: true, noise: 0.1,
                clause: "GB6222"),
            .steelAnalog(
                id, "P", zh: "柜内压力", en: "Gas holder pressure", unit: "kPa", range: 0...15,
                limits: Limits(ll: 2, l: 2.5, h: 6.5, hh: 7), periodS: 2, noise: 0.02, clause: "GB6222"),
            .steelAnalog(
                id, "MAIN_P", zh: "煤气管网主管压力", en: "Gas network main pressure", unit: "kPa", range: 0...30,
                limits: Limits(ll: 3, l: 5, h: 14, hh: 16), critical: true, noise: 0.05, clause: "GB6222"),
        ]
        let places = ["柜区", "加压站"]
        let placesEn = ["holder area", "booster station"]
        for index in 1...coMonitors {
            let zh = index <= places.count ? places[index - 1] : "区域\(index)"
            let en = index <= placesEn.count ? placesEn[index - 1] : "area \(index)"
            points.append(
                .steelAnalog(
                    id, "CO_\(index)", zh: "\(zh)CO浓度", en: "CO at \(en)", unit: "ppm", range: 0...1000,
                    limits: Limits(h: 24, hh: 160), critical: true, noise: 0.5, clause: "Order10-Art4-6"))
        }
        points += [
            .steelDigital(
                id, "INLET_VLV", zh: "煤气柜进口阀状态", en: "Holder inlet valve", states: ["closed", "open"],
                critical: true, clause: "GB6222"),
            .steelDigital(
                id, "OUTLET_VLV", zh: "煤气柜出口阀状态", en: "Holder outlet valve", states: ["closed", "open"],
                critical: true, clause: "GB6222"),
            .steelBypass(id),
        ]
        return points
    }

    static func makeInterlocks(id: String, delayS: Double) -> [InterlockSpec] {
        [
            InterlockSpec(
                name: levelLowInterlock, nameZh: "煤气柜低低柜位联锁", equipment: id, triggerPoints: ["\(id)_LEVEL"],
                trigger: "\(id)_LEVEL ≤ LL (10 %)", actions: ["close holder outlet valve"],
                resultPoints: ["\(id)_OUTLET_VLV": 0], activeWindow: "always", delayS: delayS, clause: "GB6222",
                triggerSide: .low),
            InterlockSpec(
                name: levelHighInterlock, nameZh: "煤气柜高高柜位联锁", equipment: id, triggerPoints: ["\(id)_LEVEL"],
                trigger: "\(id)_LEVEL ≥ HH (90 %)", actions: ["close holder inlet valve", "surplus gas to flare"],
                resultPoints: ["\(id)_INLET_VLV": 0], activeWindow: "always", delayS: delayS, clause: "GB6222",
                triggerSide: .high),
        ]
    }

    var bypassFlag: Double { bypassLow || bypassHigh ? 1 : 0 }
    /// Inflow and outflow if the valves were open, % of holder per minute.
    var openInflowPctPerMin: Double { GasSystem.productionPctPerMin + max(0, imbalancePctPerS * 60) }
    var openOutflowPctPerMin: Double {
        GasSystem.productionPctPerMin * demandPct * 0.01 + max(0, -imbalancePctPerS * 60)
    }
}

/// One fixed CO monitor: its reading and the leak (if any) near it.
struct SteelCOMonitor: Sendable {
    var leak = SteelGasLeak()
    var ppm = 2.0
}
