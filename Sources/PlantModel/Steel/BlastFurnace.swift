import SimCore

/// A blast furnace (高炉): top pressure with the top-bleeder interlock (令第10号 第四条(五)),
/// hot blast, cooling-water supply, tuyere cooler flow difference, hearth wall thermocouples and
/// CO at the tuyere platform.
public struct BlastFurnace: Equipment {
    public static let typeName = "blastFurnace"
    /// Top pressure ≥ bleeder set → top bleeder (炉顶放散阀) opens.
    public static let bleederInterlock = "topPressureBleeder"
    /// Cooling-water supply pressure < LL → blast reduced (减风).
    public static let coolingInterlock = "coolingWaterLow"

    public static let equipmentType = EquipmentType(
        name: typeName, industry: .steel,
        summary: "Blast furnace: top pressure and top bleeder, hot blast, cooling water, tuyeres, hearth, CO",
        parameters: [
            ParameterSpec(
                "volumeM3", .number, default: .number(1080), range: 100...6000,
                summary: "Working volume, m³ (informational)"),
            ParameterSpec(
                "hearthSensors", .integer, default: .number(4), range: 1...16,
                summary: "Number of hearth side-wall thermocouples (HEARTH_T1..n)"),
            ParameterSpec(
                "designTopPressureKPa", .number, default: .number(250), range: 100...400,
                summary: "Design maximum top working pressure, kPa (setpoints above it are refused)"),
            ParameterSpec(
                "bleederSetKPa", .number, default: .number(240), range: 100...400,
                summary: "Top-bleeder interlock set pressure, kPa (the TOP_P HH limit)"),
            ParameterSpec(
                "interlockDelayS", .number, default: .number(2), range: 0...30,
                summary: "Delay from trigger to interlock action, s"),
        ],
        build: { BlastFurnace(config: $0) })

    public let id: String
    public let points: [PointSpec]
    public let interlocks: [InterlockSpec]

    let volumeM3: Double
    let designTopPressureKPa: Double
    let bleederSetKPa: Double
    let interlockDelayS: Double
    let hearthSensors: Int

    // Limits used by the physics and interlocks.
    static let topHighKPa = 220.0
    static let coolingLowLowMPa = 0.40
    static let coolingLowMPa = 0.50
    static let nominalCoolingMPa = 0.75
    static let reducedBlastFactor = 0.75

    // Setpoints.
    var topSetKPa = 175.0
    var blastSetKPa = 340.0

    // Process state.
    var topKPa: Double
    var blastKPa: Double
    var coolingMPa = BlastFurnace.nominalCoolingMPa
    var tuyereLeakM3PerH = 0.0
    var tuyereDQ = 0.12
    var hearth: [SteelThermocouple]
    var coTuyerePPM = 3.0
    var coLeak = SteelGasLeak()
    var bleederOpen = false
    var blastReduced = false

    // Fault state.
    var tuyereLeakTarget = 0.0
    var surgeKPa = 0.0
    var surgeRateKPaPerS = 0.0
    var coolingLossMPa = 0.0
    var coolingDropMPaPerS = 0.0
    var coolingPumpTripped = false
    var bleederStuck = false
    var bleederFailed = false
    var bypassBleeder = false
    var bypassCooling = false

    // Interlock timers and process wander.
    var gains = SteelGains()
    var bleederTimer = SteelTripTimer()
    var coolingTimer = SteelTripTimer()
    var wanderTop = SteelWander(sigma: 3, tauS: 60)
    var wanderBlast = SteelWander(sigma: 4, tauS: 90)
    var wanderCooling = SteelWander(sigma: 0.01, tauS: 60)
    var wanderDQ = SteelWander(sigma: 0.03, tauS: 30)
    var wanderCO = SteelWander(sigma: 0.8, tauS: 45)

    public init(config: EquipmentConfig) {
        id = config.id
        volumeM3 = config.number("volumeM3", default: 1080)
        designTopPressureKPa = config.number("designTopPressureKPa", default: 250)
        bleederSetKPa = config.number("bleederSetKPa", default: 240)
        interlockDelayS = config.number("interlockDelayS", default: 2)
        hearthSensors = max(1, config.int("hearthSensors", default: 4))
        topKPa = topSetKPa
        blastKPa = blastSetKPa
        hearth = (0..<hearthSensors).map { (index: Int) -> SteelThermocouple in
            let ring = Double(index % 4), row = Double(index / 4)
            return SteelThermocouple(baseC: 200 + 30 * ring + 5 * row)
        }
        points = BlastFurnace.makePoints(id: id, hearthSensors: hearthSensors, bleederSetKPa: bleederSetKPa)
        interlocks = BlastFurnace.makeInterlocks(
            id: id, bleederSetKPa: bleederSetKPa, delayS: interlockDelayS, blastSetKPa: blastSetKPa)
    }

    static func makePoints(id: String, hearthSensors: Int, bleederSetKPa: Double) -> [PointSpec] {
        var points: [PointSpec] = [
            .steelAnalog(
                id, "TOP_P", zh: "高炉炉顶压力", en: "BF top pressure", unit: "kPa", range: 0...400,
                limits: Limits(l: 120, h: min(topHighKPa, bleederSetKPa), hh: bleederSetKPa), critical: true,
                noise: 0.8,
                clause: "Order10-Art4-5"),
            .steelAnalog(
                id, "BLAST_P", zh: "热风压力", en: "BF hot-blast pressure", unit: "kPa", range: 0...600,
                limits: Limits(ll: 200, l: 250, h: 400, hh: 420), noise: 1.0),
            .steelAnalog(
                id, "CW_P", zh: "冷却水供水总管压力", en: "BF cooling-water supply pressure", unit: "MPa",
                range: 0...1.6, limits: Limits(ll: coolingLowLowMPa, l: coolingLowMPa), critical: true, noise: 0.004),
            .steelAnalog(
                id, "TUY_DQ", zh: "风口小套进出水流量差", en: "BF tuyere cooler in/out flow difference", unit: "m³/h",
                range: -2...20, limits: Limits(h: 0.8, hh: 1.5), noise: 0.02),
        ]
        for index in 1...hearthSensors {
            points.append(
                .steelAnalog(
                    id, "HEARTH_T\(index)", zh: "炉缸侧壁温度\(index)", en: "BF hearth side-wall temperature \(index)",
                    unit: "°C", range: 0...1200, limits: Limits(h: 450, hh: 550), periodS: 5, noise: 0.5))
        }
        points += [
            .steelAnalog(
                id, "CO_TUY", zh: "风口平台CO浓度", en: "BF tuyere-platform CO", unit: "ppm", range: 0...1000,
                limits: Limits(h: 24, hh: 160), critical: true, noise: 0.5, clause: "GB6222"),
            .steelDigital(
                id, "BLEEDER", zh: "炉顶放散阀状态", en: "BF top bleeder valve", states: ["closed", "open"],
                critical: true, clause: "Order10-Art4-5"),
            .steelBypass(id),
        ]
        return points
    }

    static func makeInterlocks(id: String, bleederSetKPa: Double, delayS: Double, blastSetKPa: Double)
        -> [InterlockSpec]
    {
        [
            InterlockSpec(
                name: bleederInterlock, nameZh: "炉顶压力与炉顶放散阀联锁", equipment: id,
                triggerPoints: ["\(id)_TOP_P"],
                trigger: "\(id)_TOP_P ≥ HH (bleeder set \(SteelMath.text(bleederSetKPa)) kPa)",
                actions: ["open top bleeder valve (炉顶放散阀)", "vent until top pressure is back near setpoint"],
                resultPoints: ["\(id)_BLEEDER": 1], activeWindow: "always (furnace in blast)", delayS: delayS,
                clause: "Order10-Art4-5"),
            InterlockSpec(
                name: coolingInterlock, nameZh: "冷却水压力低减风联锁", equipment: id,
                triggerPoints: ["\(id)_CW_P"], trigger: "\(id)_CW_P < LL (0.40 MPa)",
                actions: ["reduce blast to 75 % of setpoint (减风)"],
                resultPoints: ["\(id)_BLAST_P": blastSetKPa * reducedBlastFactor],
                activeWindow: "always (furnace in blast)", delayS: delayS, clause: "DomainNotes-7.1[P]"),
        ]
    }

    var bypassFlag: Double { bypassBleeder || bypassCooling ? 1 : 0 }
}

/// One hearth side-wall thermocouple: its sound-lining temperature, the erosion so far and its rate.
struct SteelThermocouple: Sendable {
    let baseC: Double
    var erosionC = 0.0
    var rateCPerS = 0.0
    var valueC: Double

    init(baseC: Double) {
        self.baseC = baseC
        valueC = baseC
    }
}
