import SimCore

/// A steel (hot-metal) ladle (钢包): the hottest spot of its shell, watched by a scanner or a
/// thermocouple array. A thinning refractory lining shows as a rising hot spot (breakout precursor).
public struct Ladle: Equipment {
    public static let typeName = "ladle"

    public static let equipmentType = EquipmentType(
        name: typeName, industry: .steel, summary: "Steel ladle: maximum shell temperature (hot spot)",
        parameters: [
            ParameterSpec(
                "normalShellC", .number, default: .number(260), range: 50...340,
                summary: "Shell hot-spot temperature with a sound lining, °C"),
        ],
        build: { Ladle(config: $0) })

    public let id: String
    public let points: [PointSpec]
    public let interlocks: [InterlockSpec] = []

    let normalShellC: Double
    var shellC: Double
    /// Extra temperature from lining wear at the hot spot, °C.
    var hotSpotC = 0.0
    var hotSpotRateCPerS = 0.0
    var wander = SteelWander(sigma: 3, tauS: 120)
    var gains = SteelGains()

    public init(config: EquipmentConfig) {
        id = config.id
        normalShellC = config.number("normalShellC", default: 260)
        shellC = normalShellC
        points = [
            .steelAnalog(
                id, "SHELL_T", zh: "钢包包壳最高温度", en: "Ladle shell maximum temperature", unit: "°C",
                range: 0...800, limits: Limits(h: 350, hh: 400), periodS: 5, critical: true, noise: 1.0)
        ]
    }

    public func accepts(_ operation: Operation) -> Bool { false }

    public func accepts(_ fault: EquipmentFault) -> Bool {
        if case .ladleHotSpot = fault { return true }
        return false
    }

    public mutating func apply(_ operation: Operation, now: SimInstant, events: inout [PlantEvent]) {}

    public mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        guard case .ladleHotSpot(let rise) = fault else { return }
        hotSpotRateCPerS = max(0, rise) / 60
    }

    /// Clearing means the ladle was emptied and taken out of service for relining: the hot spot
    /// stops growing and the shell returns to normal over τ 300 s.
    public mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        guard case .ladleHotSpot = fault else { return }
        hotSpotRateCPerS = 0
        events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "ladleRelined"))
    }

    /// The hot spot grows at the fault's rate; the shell follows it (τ 60 s) with slow wander.
    public mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {
        let (u, _, _, _) = SteelMath.uniforms(&rng)
        gains.update(dt)
        wander.step(u, dt: dt, sqrtDt: gains.sqrtDt)
        if hotSpotRateCPerS > 0 {
            hotSpotC += hotSpotRateCPerS * dt
        } else if hotSpotC > 0 {
            hotSpotC.steelLag(toward: 0, gain: gains.tau300)
        }
        shellC.steelLag(toward: normalShellC + hotSpotC + wander.value, gain: gains.tau60)
    }

    public func write(into values: inout [Double], at offset: Int) {
        values[offset] = shellC
    }
}
