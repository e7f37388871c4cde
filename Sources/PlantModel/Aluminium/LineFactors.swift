import Foundation
import SimCore

/// First-order lag factors `1 - exp(-dt/τ)` for every time constant of the line, recomputed only
/// when `dt` changes (the engine runs a fixed step, so normally once).
struct LineFactors: Sendable {
    private(set) var dt = -1.0
    var flow = 0.0, pressure = 0.0, launder = 0.0, meltT = 0.0, waterT = 0.0, wellT = 0.0
    var heat = 0.0, speed = 0.0, tilt = 0.0, rope = 0.0, posDev = 0.0, hydraulic = 0.0, wellDrain = 0.0

    static func alpha(dt: Double, tauS: Double) -> Double { 1 - exp(-dt / tauS) }

    /// Returns true when the factors were recomputed (so the caller can retune its disturbances).
    mutating func update(dt: Double, config: CastingLineConfig) -> Bool {
        if dt == self.dt { return false }
        self.dt = dt
        flow = Self.alpha(dt: dt, tauS: config.mouldWaterTauS)
        pressure = Self.alpha(dt: dt, tauS: config.mouldWaterTauS * 0.7)
        launder = Self.alpha(dt: dt, tauS: config.launderTauS)
        meltT = Self.alpha(dt: dt, tauS: 600)
        waterT = Self.alpha(dt: dt, tauS: 30)
        wellT = Self.alpha(dt: dt, tauS: 20)
        heat = Self.alpha(dt: dt, tauS: 30)
        speed = Self.alpha(dt: dt, tauS: 2)
        tilt = Self.alpha(dt: dt, tauS: 2)
        rope = Self.alpha(dt: dt, tauS: 0.5)
        posDev = Self.alpha(dt: dt, tauS: 2)
        hydraulic = Self.alpha(dt: dt, tauS: 30)
        wellDrain = Self.alpha(dt: dt, tauS: 120)
        return true
    }
}

/// A process disturbance: an Ornstein–Uhlenbeck process driven by one uniform draw per step,
/// with stationary standard deviation `sigma` and correlation time `tauS`.
struct Disturbance: Sendable {
    let sigma: Double
    let tauS: Double
    private(set) var value = 0.0
    private var decay = 0.0
    private var scale = 0.0

    init(sigma: Double, tauS: Double) { self.sigma = sigma; self.tauS = tauS }

    mutating func tune(dt: Double) {
        decay = exp(-dt / tauS)
        // Uniform(-0.5, 0.5) has variance 1/12.
        scale = sigma * (12 * (1 - decay * decay)).squareRoot()
    }

    @inline(__always)
    mutating func step(_ rng: inout SeededRandom) {
        value = value * decay + scale * (rng.nextUnit() - 0.5)
    }
}

extension Double {
    /// One first-order lag step towards `target` with factor `alpha`. Snaps onto the target once
    /// within 1e-9, so values settling at 0 never decay into (slow) subnormal numbers.
    @inline(__always)
    mutating func lag(to target: Double, _ alpha: Double) {
        let next = self + (target - self) * alpha
        self = abs(target - next) < 1e-9 ? target : next
    }
}
