/// The DC casting machine: mode, drop state, platform speed and cast length, platform vs starter
/// block deviation, platform tilt and winch ropes, and the pre-cast self-check result.
struct CastingMachine: Sendable {
    static let normalDeviationMm = 1.0
    static let normalTiltDeg = 0.1
    /// Platform tilt with a broken rope.
    static let brokenRopeTiltDeg = 1.5
    static let maxDeviationMm = 500.0

    let nominalSpeed: Double
    let dropLength: Double
    var mode: CastMode = .auto
    var casting = false
    var speedSetpoint = 0.0
    var speed = 0.0
    var lengthMm = 0.0
    var deviationMm = normalDeviationMm
    var tiltDeg = normalTiltDeg
    var selfCheckFailed = false
    var starterBlockStuck = false
    var ropes: RopeForces
    var ropeNoise = Disturbance(sigma: 0.4, tauS: 3)

    init(config: CastingLineConfig) {
        nominalSpeed = config.nominalSpeedMmPerMin
        dropLength = config.dropLengthMm
        ropes = RopeForces(count: config.ropes, nominalKN: config.ropeNominalKN)
    }

    /// The moulds' metal demand relative to nominal (1 in standby: the launder stays primed).
    var demandRatio: Double { casting ? max(0.05, speedSetpoint / nominalSpeed) : 1 }

    mutating func begin(speedMmPerMin: Double) {
        casting = true
        lengthMm = 0
        speedSetpoint = min(300, max(0, speedMmPerMin))
    }

    mutating func halt() {
        casting = false
        speedSetpoint = 0
    }

    /// Advances the platform; returns true when the drop reached its full length and ended.
    mutating func step(dt: Double, factors: LineFactors) -> Bool {
        speed.lag(to: casting ? speedSetpoint : 0, factors.speed)
        let travel = speed / 60 * dt
        if casting { lengthMm += travel }
        if starterBlockStuck {
            // The platform moves away, the block stays on the table: the gap grows.
            deviationMm = min(Self.maxDeviationMm, deviationMm + travel)
        } else {
            deviationMm.lag(to: Self.normalDeviationMm, factors.posDev)
        }
        let tiltTarget = ropes.anyBroken ? Self.brokenRopeTiltDeg : Self.normalTiltDeg
        tiltDeg.lag(to: tiltTarget, factors.tilt)
        ropes.step(alpha: factors.rope, ripple: ropeNoise.value)
        if casting && lengthMm >= dropLength {
            halt()
            return true
        }
        return false
    }
}
