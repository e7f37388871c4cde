/// The documented `InterlockSpec`s of a casting line (what the platform supervises).
enum CastingInterlockSpecs {
    static func specs(config: CastingLineConfig, equipment: String) -> [InterlockSpec] {
        let p = config.pointPrefix
        var results: [String: Double] = ["\(p)V_QCO_STS": 1, "\(p)V_EMD_STS": 1, "\(p)DISC_STS": 1, "\(p)CM_CASTING": 0]
        var cutOff = [
            "close quick cut-off (V_QCO_STS=1)", "open emergency discharge (V_EMD_STS=1)",
            "disconnect launder (DISC_STS=1)",
        ]
        if config.tiltingFurnace {
            results["\(p)AF1_TILT_ANG"] = 0
            cutOff.append("tilt furnace back (AF1_TILT_ANG→0)")
        }
        let stop = "stop casting (CM_CASTING=0)"
        let delay = config.interlockDelayS
        let window = "casting, CM_LEN ≥ \(Int(config.activeFromMm)) mm"
        let platformWindow = config.platformActiveFromMm > 0
            ? "casting, CM_LEN ≥ \(Int(config.platformActiveFromMm)) mm" : "casting (from cast start)"
        return [
            InterlockSpec(
                name: "mouldWaterLow", nameZh: "结晶器冷却水压力/流量低低联锁", equipment: equipment,
                triggerPoints: ["\(p)MW_P_IN", "\(p)MW_Q_IN"],
                trigger: "MW_P_IN < LL or MW_Q_IN < LL for \(delay) s",
                actions: cutOff + [stop], resultPoints: results, activeWindow: window, delayS: delay,
                clause: "Order10-Art5-3"),
            InterlockSpec(
                name: "launderLevel", nameZh: "流槽液位联锁", equipment: equipment,
                triggerPoints: ["\(p)LD_LVL_OUT", "\(p)LD_LVL_TBL"],
                trigger: "LD_LVL_OUT or LD_LVL_TBL < LL or > HH, or |rate| > 15 mm/s, for \(delay) s",
                actions: cutOff + [stop], resultPoints: results, activeWindow: window, delayS: delay,
                clause: config.tiltingFurnace ? "Order10-Art5-6" : "Order10-Art5-5"),
            InterlockSpec(
                name: "alInWell", nameZh: "铸井漏铝联锁", equipment: equipment,
                triggerPoints: ["\(p)AL_IN_WELL"], trigger: "AL_IN_WELL = 1 (immediate)",
                actions: cutOff + [stop], resultPoints: results, activeWindow: window, delayS: 0,
                clause: "GD-DB44T2480"),
            InterlockSpec(
                name: "platformFault", nameZh: "铸造平台故障联锁", equipment: equipment,
                triggerPoints: ["\(p)CM_POS_DEV", "\(p)CM_TILT"] + (1...config.ropes).map { "\(p)CM_ROPE_F\($0)" },
                trigger: "CM_POS_DEV > HH or CM_TILT > HH or any CM_ROPE_F > HH for \(delay) s",
                actions: ["stop the platform"] + cutOff + [stop], resultPoints: results,
                activeWindow: platformWindow, delayS: delay, clause: "Order10-Art5-7"),
        ]
    }
}
