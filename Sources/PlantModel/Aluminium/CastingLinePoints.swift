import SimCore

/// The point table of a casting line, in the exact order `CastingLine.write(into:at:)` fills it.
/// Limits are proposals from the domain notes §7.2 [P].
enum CastingLinePoints {
    private static let art3 = "Order10-Art5-3"
    private static let art4 = "Order10-Art5-4"
    private static let art1 = "Order10-Art5-1"
    private static let art7 = "Order10-Art5-7"
    private static let guide = "GD-DB44T2480"
    private static let fast = SimDuration.seconds(1)
    private static let slow = SimDuration.seconds(5)

    static func specs(config: CastingLineConfig, equipment: String) -> [PointSpec] {
        var all = furnaceAndLaunder(config: config, equipment: equipment)
        all += waterAndWell(config: config, equipment: equipment)
        all += gates(config: config, equipment: equipment)
        all += machine(config: config, equipment: equipment)
        all += status(config: config, equipment: equipment)
        return all
    }

    private static func furnaceAndLaunder(config: CastingLineConfig, equipment e: String) -> [PointSpec] {
        let p = config.pointPrefix
        let tiltClause = config.tiltingFurnace ? "Order10-Art5-6" : "Order10-Art5-5"
        let L = CastingLineLimits.self
        return [
            PointSpec(code: p + "AF1_MELT_T", nameZh: "保温炉铝液温度", nameEn: "Holding furnace melt temperature",
                      unit: "°C", range: 0...1000, limits: L.meltT, samplePeriod: slow, equipment: e,
                      noiseSigma: 0.5, clause: guide),
            PointSpec(code: p + "AF1_TILT_ANG", nameZh: "倾动炉倾角", nameEn: "Holding furnace tilt angle",
                      unit: "°", range: -5...45, limits: L.tiltAngle, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 0.05, clause: tiltClause),
            PointSpec(code: p + "AF1_HYD_P", nameZh: "倾动液压/蓄能器压力", nameEn: "Tilt hydraulic/accumulator pressure",
                      unit: "MPa", range: 0...25, limits: L.hydraulicP, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 0.05, clause: tiltClause),
            PointSpec(code: p + "LD_LVL_OUT", nameZh: "炉口流槽液位", nameEn: "Furnace outlet launder level",
                      unit: "mm", range: 0...250, limits: L.launderLevel, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 0.5, clause: art4),
            PointSpec(code: p + "LD_LVL_TBL", nameZh: "流槽–模盘入口液位", nameEn: "Launder level at mould-table entry",
                      unit: "mm", range: 0...250, limits: L.launderLevel, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 0.5, clause: art4),
        ]
    }

    private static func waterAndWell(config: CastingLineConfig, equipment e: String) -> [PointSpec] {
        let p = config.pointPrefix
        let L = CastingLineLimits.self
        return [
            PointSpec(code: p + "MW_P_IN", nameZh: "结晶器冷却水进水压力", nameEn: "Mould cooling-water inlet pressure",
                      unit: "MPa", range: 0...1.0, limits: L.mouldWaterP, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 0.003, clause: art3),
            PointSpec(code: p + "MW_Q_IN", nameZh: "结晶器冷却水进水流量", nameEn: "Mould cooling-water inlet flow",
                      unit: "m³/h", range: 0...400, limits: L.mouldWaterQ, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 1.0, clause: art3),
            PointSpec(code: p + "MW_T_IN", nameZh: "冷却水进水温度", nameEn: "Cooling-water inlet temperature",
                      unit: "°C", range: 0...100, limits: L.mouldWaterTIn, samplePeriod: slow, equipment: e,
                      noiseSigma: 0.1, clause: guide),
            PointSpec(code: p + "WELL_T_OUT", nameZh: "铸井出水温度", nameEn: "Casting-well outlet water temperature",
                      unit: "°C", range: 0...120, limits: L.wellTOut, samplePeriod: fast, equipment: e,
                      noiseSigma: 0.2, clause: guide),
            PointSpec(code: p + "WELL_LVL", nameZh: "铸井水位（距井口）", nameEn: "Casting-well water level (below mouth)",
                      unit: "m", range: 0...12, limits: L.wellDistance, samplePeriod: slow, equipment: e,
                      noiseSigma: 0.01, clause: guide),
            PointSpec(code: p + "EW_P", nameZh: "应急水压力", nameEn: "Emergency water supply pressure",
                      unit: "MPa", range: 0...1.0, limits: L.emergencyP, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 0.002, clause: art1),
            PointSpec(code: p + "EW_TANK_LVL", nameZh: "高位水池液位", nameEn: "Emergency high-tank level",
                      unit: "%", range: 0...110, limits: L.emergencyTank, samplePeriod: slow, equipment: e,
                      critical: true, noiseSigma: 0.2, clause: art1),
            PointSpec(code: p + "EW_ACTIVE", nameZh: "应急水投入", nameEn: "Emergency water feeding the mould",
                      unit: "", kind: .digital, range: 0...1, limits: L.digitalH, samplePeriod: fast, equipment: e,
                      critical: true, states: ["standby", "active"], clause: art1),
        ]
    }

    private static func gate(
        _ code: String, _ zh: String, _ en: String, states: [String], fault: Bool, clause: String, equipment e: String
    ) -> PointSpec {
        PointSpec(code: code, nameZh: zh, nameEn: en, unit: "", kind: .digital, range: 0...1,
                  limits: fault ? CastingLineLimits.digitalH : .none, samplePeriod: fast, equipment: e,
                  critical: true, states: states, clause: clause)
    }

    private static func gates(config: CastingLineConfig, equipment e: String) -> [PointSpec] {
        let p = config.pointPrefix
        let emdClause = config.tiltingFurnace ? art3 : "Order10-Art5-5"
        let fault = ["ok", "fault"]
        return [
            gate(p + "V_QCO_STS", "快速切断阀状态", "Quick cut-off valve position", states: ["open", "closed"],
                 fault: false, clause: art3, equipment: e),
            gate(p + "V_QCO_FLT", "快速切断阀故障", "Quick cut-off valve fault", states: fault,
                 fault: true, clause: art3, equipment: e),
            gate(p + "V_EMD_STS", "紧急排放阀状态", "Emergency discharge valve position", states: ["closed", "open"],
                 fault: false, clause: emdClause, equipment: e),
            gate(p + "V_EMD_FLT", "紧急排放阀故障", "Emergency discharge valve fault", states: fault,
                 fault: true, clause: emdClause, equipment: e),
            gate(p + "DISC_STS", "流槽断开装置状态", "Launder disconnect position", states: ["connected", "disconnected"],
                 fault: false, clause: art3, equipment: e),
            gate(p + "DISC_FLT", "流槽断开装置故障", "Launder disconnect fault", states: fault,
                 fault: true, clause: art3, equipment: e),
        ]
    }

    private static func machine(config: CastingLineConfig, equipment e: String) -> [PointSpec] {
        let p = config.pointPrefix
        let L = CastingLineLimits.self
        var list = [
            PointSpec(code: p + "CM_MODE", nameZh: "铸造机模式", nameEn: "Casting machine mode", unit: "",
                      kind: .enumeration, range: 0...2, samplePeriod: fast, equipment: e, critical: true,
                      states: CastMode.allCases.map(\.rawValue), clause: guide),
            PointSpec(code: p + "CM_CASTING", nameZh: "铸造进行中", nameEn: "Drop in progress", unit: "",
                      kind: .digital, range: 0...1, samplePeriod: fast, equipment: e, critical: true,
                      states: ["idle", "casting"], clause: guide),
            PointSpec(code: p + "CM_SPEED", nameZh: "铸造速度", nameEn: "Casting speed", unit: "mm/min",
                      range: 0...300, limits: L.speed, samplePeriod: fast, equipment: e, noiseSigma: 0.3, clause: guide),
            PointSpec(code: p + "CM_LEN", nameZh: "铸造长度", nameEn: "Cast length", unit: "mm",
                      range: 0...12000, samplePeriod: fast, equipment: e, noiseSigma: 0.5, clause: guide),
            PointSpec(code: p + "CM_POS_DEV", nameZh: "平台与引锭位移偏差", nameEn: "Platform vs starter-block deviation",
                      unit: "mm", range: 0...600, limits: L.positionDeviation, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 0.1, clause: guide),
            PointSpec(code: p + "CM_TILT", nameZh: "平台水平度", nameEn: "Platform tilt", unit: "°",
                      range: 0...10, limits: L.platformTilt, samplePeriod: fast, equipment: e,
                      critical: true, noiseSigma: 0.01, clause: art7),
        ]
        let ropeLimits = L.rope(nominalKN: config.ropeNominalKN)
        for rope in 1...config.ropes {
            list.append(PointSpec(
                code: p + "CM_ROPE_F\(rope)", nameZh: "\(rope)#钢丝绳张力", nameEn: "Winch rope \(rope) force",
                unit: "kN", range: 0...(3 * config.ropeNominalKN), limits: ropeLimits, samplePeriod: fast,
                equipment: e, critical: true, noiseSigma: 0.2, clause: art7))
        }
        return list
    }

    private static func status(config: CastingLineConfig, equipment e: String) -> [PointSpec] {
        let p = config.pointPrefix
        let L = CastingLineLimits.self
        return [
            PointSpec(code: p + "CM_SELFCHK", nameZh: "铸前自检结果", nameEn: "Pre-cast self-check result", unit: "",
                      kind: .digital, range: 0...1, limits: L.digitalH, samplePeriod: fast, equipment: e,
                      critical: true, states: ["pass", "fail"], clause: guide),
            PointSpec(code: p + "AL_IN_WELL", nameZh: "铸井漏铝检测", nameEn: "Molten Al detected in well", unit: "",
                      kind: .digital, range: 0...1, limits: L.digitalHH, samplePeriod: fast, equipment: e,
                      critical: true, states: ["clear", "detected"], clause: guide),
            PointSpec(code: p + "PWR_MAIN", nameZh: "主电源/UPS", nameEn: "Main power", unit: "",
                      kind: .digital, range: 0...1, limits: L.digitalL, samplePeriod: fast, equipment: e,
                      critical: true, states: ["lost", "on"], clause: guide),
            PointSpec(code: p + "INTLK_BYP", nameZh: "联锁旁路", nameEn: "Interlock bypassed", unit: "",
                      kind: .digital, range: 0...1, limits: L.digitalH, samplePeriod: fast, equipment: e,
                      critical: true, states: ["none", "bypassed"], clause: art3),
        ]
    }
}
