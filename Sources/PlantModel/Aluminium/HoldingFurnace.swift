/// The holding furnace: melt temperature, tilt (tilting furnace) or tap hole (fixed furnace),
/// tilting hydraulics, and the outflow it delivers to the launder.
struct HoldingFurnace: Sendable {
    static let meltSetpointC = 720.0
    static let hydraulicNominalMPa = 14.0
    static let maxAngleDeg = 35.0

    let tilting: Bool
    let pourAngleDeg: Double
    let tiltRate: Double
    let tiltBackRate: Double
    var meltT = meltSetpointC
    var angle: Double
    var targetAngle: Double
    var hydraulicP = hydraulicNominalMPa
    /// Set by an interlock: return to 0° on the accumulator, ignoring commands and runaway.
    var tiltingBack = false
    var runawayDegPerS = 0.0
    var hydraulicLeakMPaPerS = 0.0
    var tapRisePerS = 0.0
    var starvationPerS = 0.0
    var tapFactor = 1.0
    var starvationFactor = 1.0
    var meltNoise = Disturbance(sigma: 1.5, tauS: 120)

    init(config: CastingLineConfig) {
        tilting = config.tiltingFurnace
        pourAngleDeg = config.pourAngleDeg
        tiltRate = config.tiltRateDegPerS
        tiltBackRate = config.tiltBackRateDegPerS
        angle = tilting ? config.pourAngleDeg : 0
        targetAngle = angle
    }

    /// Whether the hydraulics can still move the furnace (LL is "tilt-back impossible").
    var hydraulicsOK: Bool { hydraulicP >= (CastingLineLimits.hydraulicP.ll ?? 0) }

    /// The angle giving `ratio` × nominal flow.
    func angle(forFlowRatio ratio: Double) -> Double {
        CastingLineConfig.lipAngleDeg + (pourAngleDeg - CastingLineConfig.lipAngleDeg) * ratio
    }

    /// Metal outflow to the launder as a fraction of nominal.
    var outflowRatio: Double {
        let base: Double
        if tilting {
            let lip = CastingLineConfig.lipAngleDeg
            base = min(4, max(0, (angle - lip) / (pourAngleDeg - lip)))
        } else {
            base = 1
        }
        return base * tapFactor * starvationFactor
    }

    mutating func step(dt: Double, factors: LineFactors, powered: Bool) {
        meltT.lag(to: Self.meltSetpointC + meltNoise.value, factors.meltT)
        stepHydraulics(dt: dt, factors: factors, powered: powered)
        if tilting { stepTilt(dt: dt) }
        if tapRisePerS > 0 { tapFactor = min(4, tapFactor + tapRisePerS * dt) }
        if starvationPerS > 0 { starvationFactor = max(0, starvationFactor - starvationPerS * dt) }
    }

    private mutating func stepHydraulics(dt: Double, factors: LineFactors, powered: Bool) {
        if hydraulicLeakMPaPerS > 0 {
            hydraulicP = max(0, hydraulicP - hydraulicLeakMPaPerS * dt)
        } else if powered {
            hydraulicP.lag(to: Self.hydraulicNominalMPa, factors.hydraulic)
        } else {
            // Accumulator only: bleeds down slowly (0.2 MPa/min) without the pump.
            hydraulicP = max(0, hydraulicP - 0.2 / 60 * dt)
        }
    }

    private mutating func stepTilt(dt: Double) {
        if tiltingBack {
            if hydraulicsOK { angle = max(0, angle - tiltBackRate * dt) }
            return
        }
        if runawayDegPerS > 0 {
            angle = min(Self.maxAngleDeg, angle + runawayDegPerS * dt)
            return
        }
        guard hydraulicsOK else { return }
        let move = tiltRate * dt
        let error = targetAngle - angle
        angle += error > move ? move : (error < -move ? -move : error)
    }
}
