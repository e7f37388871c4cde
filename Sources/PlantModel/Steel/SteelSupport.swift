import SimCore

/// Small numeric helpers shared by the steel-works models. Everything here is allocation-free
/// plain `Double` math meant for the 10 Hz hot path.
enum SteelMath {
    /// Gain of one explicit first-order-lag step: `dt/tau`, clamped to 1 so large steps stay stable.
    @inline(__always)
    static func gain(_ dt: Double, _ tau: Double) -> Double { dt >= tau ? 1 : dt / tau }

    /// Four uniform numbers in [0, 1) from one 64-bit draw (16 bits each: plenty for process wander).
    @inline(__always)
    static func uniforms(_ rng: inout SeededRandom) -> (Double, Double, Double, Double) {
        let bits = rng.next()
        let scale = 1.0 / 65536.0
        return (
            Double(bits & 0xFFFF) * scale, Double((bits >> 16) & 0xFFFF) * scale,
            Double((bits >> 32) & 0xFFFF) * scale, Double(bits >> 48) * scale
        )
    }

    /// A number for specification text: `240`, `0.4`.
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int64(value)) : String(value)
    }

    @inline(__always)
    static func clamp(_ value: Double, _ low: Double, _ high: Double) -> Double { min(max(value, low), high) }
}

extension Double {
    /// Moves `self` toward `target` by one first-order-lag step of the given gain.
    @inline(__always)
    mutating func steelLag(toward target: Double, gain: Double) { self += (target - self) * gain }
}

/// First-order-lag gains for the time constants the steel models use, plus √dt, recomputed only
/// when the step size changes (so the hot path does no division and no square root).
struct SteelGains: Sendable {
    private(set) var dt = -1.0
    private(set) var sqrtDt = 0.0
    private(set) var tau1_5 = 0.0, tau3 = 0.0, tau4 = 0.0, tau5 = 0.0, tau6 = 0.0, tau10 = 0.0, tau12 = 0.0
    private(set) var tau15 = 0.0, tau20 = 0.0, tau30 = 0.0, tau60 = 0.0, tau300 = 0.0, tau600 = 0.0

    @inline(__always)
    mutating func update(_ step: Double) {
        if step != dt { recompute(step) }
    }

    private mutating func recompute(_ step: Double) {
        dt = step
        sqrtDt = max(0, step).squareRoot()
        tau1_5 = SteelMath.gain(step, 1.5); tau3 = SteelMath.gain(step, 3); tau4 = SteelMath.gain(step, 4)
        tau5 = SteelMath.gain(step, 5); tau6 = SteelMath.gain(step, 6); tau10 = SteelMath.gain(step, 10)
        tau12 = SteelMath.gain(step, 12); tau15 = SteelMath.gain(step, 15); tau20 = SteelMath.gain(step, 20)
        tau30 = SteelMath.gain(step, 30); tau60 = SteelMath.gain(step, 60); tau300 = SteelMath.gain(step, 300)
        tau600 = SteelMath.gain(step, 600)
    }
}

/// Slow process wander: a mean-reverting random walk (discrete Ornstein–Uhlenbeck with uniform
/// increments) with a given stationary standard deviation and correlation time.
struct SteelWander: Sendable {
    private(set) var value = 0.0
    private let amplitude: Double
    private let pull: Double

    init(sigma: Double, tauS: Double) {
        // Uniform(-0.5, 0.5) has variance 1/12; stationary variance ≈ amp²·dt/12 / (2·dt/tau).
        amplitude = sigma * (24.0 / tauS).squareRoot()
        pull = 1.0 / tauS
    }

    /// `u` is uniform in [0, 1); `sqrtDt` is √dt, computed once per step by the caller.
    @inline(__always)
    mutating func step(_ u: Double, dt: Double, sqrtDt: Double) {
        value += -value * min(1, dt * pull) + (u - 0.5) * amplitude * sqrtDt
    }
}

/// Times how long an interlock condition has held and whether its failure has been reported.
struct SteelTripTimer: Sendable {
    private(set) var heldS = 0.0
    /// Set once an `interlockFailed` event was emitted for the current excursion.
    var failureReported = false

    /// Advances the timer; true while the condition has held for at least `delayS`.
    @inline(__always)
    mutating func due(_ condition: Bool, dt: Double, delayS: Double) -> Bool {
        guard condition else {
            heldS = 0
            failureReported = false
            return false
        }
        heldS += dt
        return heldS >= delayS - 1e-9
    }

    /// Emits one `interlockFailed` event per excursion (the interlock is bypassed).
    mutating func reportFailure(interlock: String, equipment: String, now: SimInstant, events: inout [PlantEvent]) {
        guard !failureReported else { return }
        failureReported = true
        events.append(
            PlantEvent(time: now, kind: .interlockFailed, equipment: equipment, name: interlock, detail: "interlock bypassed"))
    }
}

/// A CO release ramping linearly to a concentration over a ramp time, decaying once repaired.
struct SteelGasLeak: Sendable {
    private(set) var ppm = 0.0
    private var startPPM = 0.0
    private var targetPPM = 0.0
    private var rampS = 1.0
    private var elapsedS = 0.0
    private(set) var active = false

    mutating func start(ppm target: Double, rampS ramp: Double) {
        startPPM = ppm
        targetPPM = max(0, target)
        rampS = max(ramp, 0.1)
        elapsedS = 0
        active = true
    }

    mutating func stop() { active = false }

    /// Ventilation clears a stopped leak with a 60 s time constant.
    @inline(__always)
    mutating func step(dt: Double, gain60: Double) {
        if active {
            elapsedS += dt
            ppm = startPPM + (targetPPM - startPPM) * min(1, elapsedS / rampS)
        } else if ppm > 0 {
            ppm -= ppm * gain60
            if ppm < 1e-3 { ppm = 0 }
        }
    }
}

extension PointSpec {
    /// An analog steel point `<id>_<suffix>`.
    static func steelAnalog(
        _ id: String, _ suffix: String, zh: String, en: String, unit: String, range: ClosedRange<Double>,
        limits: Limits = .none, periodS: Double = 1, critical: Bool = false, noise: Double, clause: String? = nil
    ) -> PointSpec {
        PointSpec(
            code: "\(id)_\(suffix)", nameZh: zh, nameEn: en, unit: unit, kind: .analog, range: range, limits: limits,
            samplePeriod: .seconds(periodS), equipment: id, critical: critical, noiseSigma: noise, clause: clause)
    }

    /// A digital steel point `<id>_<suffix>`; `hh: 1` makes state 1 an alarm.
    static func steelDigital(
        _ id: String, _ suffix: String, zh: String, en: String, states: [String], alarmOnOne: Bool = false,
        critical: Bool = false, clause: String? = nil
    ) -> PointSpec {
        PointSpec(
            code: "\(id)_\(suffix)", nameZh: zh, nameEn: en, unit: "", kind: .digital, range: 0...1,
            limits: alarmOnOne ? Limits(hh: 1) : .none, samplePeriod: .seconds(1), equipment: id, critical: critical,
            states: states, noiseSigma: 0, clause: clause)
    }

    /// The interlock-bypass flag every steel unit exposes.
    static func steelBypass(_ id: String) -> PointSpec {
        steelDigital(
            id, "INTLK_BYP", zh: "联锁旁路状态", en: "Interlock bypassed", states: ["normal", "bypassed"],
            alarmOnOne: true)
    }
}

extension EquipmentFault {
    /// Whether a `coLeak` location names `code` (`CO_TUY`) for instance `id` (also `BF1_CO_TUY`).
    static func steelLocation(_ location: String, matches suffix: String, id: String) -> Bool {
        location == suffix || location == "\(id)_\(suffix)"
    }
}
