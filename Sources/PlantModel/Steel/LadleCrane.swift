import SimCore

/// A casting (ladle) crane (铸造起重机): main-hoist load cell, the two main-hoist brakes and the
/// hoist-up block of the overload limiter.
public struct LadleCrane: Equipment {
    public static let typeName = "ladleCrane"
    /// Load ≥ HH (110 % rated) → hoist-up blocked.
    public static let overloadInterlock = "craneOverload"
    /// A main-hoist brake fault → hoist-up blocked (lowering to set the ladle down stays possible).
    public static let brakeInterlock = "hoistBrakeFault"

    public static let equipmentType = EquipmentType(
        name: typeName, industry: .steel,
        summary: "Ladle (casting) crane: load, two main-hoist brakes, overload hoist block",
        parameters: [
            ParameterSpec("ratedLoadT", .number, default: .number(100), range: 1...600, summary: "Rated load, t"),
            ParameterSpec(
                "interlockDelayS", .number, default: .number(0.5), range: 0...10,
                summary: "Delay from trigger to interlock action, s"),
        ],
        build: { LadleCrane(config: $0) })

    public let id: String
    public let points: [PointSpec]
    public let interlocks: [InterlockSpec]

    let ratedLoadT: Double
    let interlockDelayS: Double
    var overloadT: Double { ratedLoadT * 11 / 10 }

    /// Load on the hook being taken up or lowered, t.
    var hookTargetT = 0.0
    var loadT = 0.0
    /// The ladle is lifted clear of its seat.
    var hoisted = false
    /// A hoist was commanded and has not yet completed or been refused.
    var lifting = false
    var overloadBlocked = false
    var brakeBlocked = false
    var brakeFault1 = false
    var brakeFault2 = false
    var gains = SteelGains()
    var bypassOverload = false
    var bypassBrake = false
    var bothBrakesS = 0.0

    var overloadTimer = SteelTripTimer()
    var brakeTimer = SteelTripTimer()

    public init(config: EquipmentConfig) {
        id = config.id
        ratedLoadT = config.number("ratedLoadT", default: 100)
        interlockDelayS = config.number("interlockDelayS", default: 0.5)
        points = LadleCrane.makePoints(id: id, ratedLoadT: ratedLoadT)
        interlocks = LadleCrane.makeInterlocks(id: id, ratedLoadT: ratedLoadT, delayS: interlockDelayS)
    }

    static func makePoints(id: String, ratedLoadT: Double) -> [PointSpec] {
        let clause = "GB6067.1"
        return [
            .steelAnalog(
                id, "LOAD", zh: "铸造起重机起重量", en: "Ladle crane load", unit: "t", range: 0...(ratedLoadT * 1.5),
                limits: Limits(h: ratedLoadT, hh: ratedLoadT * 11 / 10), critical: true, noise: ratedLoadT * 0.002,
                clause: clause),
            .steelDigital(
                id, "BRK1", zh: "主起升制动器1状态", en: "Main hoist brake 1", states: ["ok", "fault"],
                alarmOnOne: true, critical: true, clause: clause),
            .steelDigital(
                id, "BRK2", zh: "主起升制动器2状态", en: "Main hoist brake 2", states: ["ok", "fault"],
                alarmOnOne: true, critical: true, clause: clause),
            .steelDigital(
                id, "HOIST_BLK", zh: "起升闭锁", en: "Hoist-up blocked", states: ["free", "blocked"], critical: true,
                clause: clause),
            .steelBypass(id),
        ]
    }

    static func makeInterlocks(id: String, ratedLoadT: Double, delayS: Double) -> [InterlockSpec] {
        [
            InterlockSpec(
                name: overloadInterlock, nameZh: "起重量超载起升闭锁", equipment: id, triggerPoints: ["\(id)_LOAD"],
                trigger: "\(id)_LOAD ≥ HH (110 % of \(SteelMath.text(ratedLoadT)) t)",
                actions: ["block hoist-up (lowering allowed)"],
                resultPoints: ["\(id)_HOIST_BLK": 1], activeWindow: "while taking up a load", delayS: delayS,
                clause: "GB6067.1"),
            InterlockSpec(
                name: brakeInterlock, nameZh: "制动器故障起升闭锁", equipment: id,
                triggerPoints: ["\(id)_BRK1", "\(id)_BRK2"], trigger: "\(id)_BRK1 or \(id)_BRK2 = fault",
                actions: ["block hoist-up (lowering allowed)"], resultPoints: ["\(id)_HOIST_BLK": 1],
                activeWindow: "always", delayS: delayS, clause: "GB6067.1"),
        ]
    }

    var bypassFlag: Double { bypassOverload || bypassBrake ? 1 : 0 }
    var anyBrakeFault: Bool { brakeFault1 || brakeFault2 }
}
