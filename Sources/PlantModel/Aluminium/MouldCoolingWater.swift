/// Mould (crystallizer) cooling water and the emergency high tank (高位水池).
///
/// A tripped pump (or lost power) lets flow and pressure decay with `mouldWaterTauS`. When the
/// inlet pressure has been below L for `emergencyDelayS` and the tank is above LL, the emergency
/// water valve opens by gravity: flow recovers partly (with the tank head), the tank drains.
struct MouldCoolingWater: Sendable {
    enum Transition { case none, engaged, released }

    static let inletNominalC = 26.0
    static let emergencyNominalMPa = 0.22
    /// Tank level of the outlet pipe: no emergency water below it.
    static let tankOutletPct = 10.0
    static let tankFullPct = 95.0

    let nominalFlow: Double
    let nominalPressure: Double
    let emergencyShare: Double
    let emergencyDelayS: Double
    let tankM3: Double
    var pumpTripped = false
    var flow: Double
    var pressure: Double
    var inletT = inletNominalC
    var emergencyActive = false
    private var lowPressureS = 0.0
    var tankPct: Double
    var tankLeakPctPerS = 0.0
    var flowNoise = Disturbance(sigma: 2.0, tauS: 5)

    init(config: CastingLineConfig) {
        nominalFlow = config.mouldWaterFlowM3PerH
        nominalPressure = config.mouldWaterPressureMPa
        emergencyShare = config.emergencyFlowPct / 100
        emergencyDelayS = config.emergencyDelayS
        tankM3 = config.emergencyTankM3
        tankPct = config.emergencyTankInitialPct
        flow = nominalFlow
        pressure = nominalPressure
    }

    /// Relative head of the high tank (0 at the outlet, 1 at 95 %).
    var tankHead: Double {
        min(1.1, max(0, (tankPct - Self.tankOutletPct) / (Self.tankFullPct - Self.tankOutletPct)))
    }

    /// EW_P: the supply pressure the emergency line has available.
    var emergencyPressure: Double { Self.emergencyNominalMPa * tankHead }

    mutating func step(dt: Double, factors: LineFactors, powered: Bool, heatLoad: Double) -> Transition {
        let pumpOn = powered && !pumpTripped
        let transition = updateEmergency(dt: dt, pumpOn: pumpOn)
        let emergencyFlow = emergencyActive ? emergencyShare * nominalFlow * tankHead.squareRoot() : 0
        let flowTarget = pumpOn ? nominalFlow + flowNoise.value : emergencyFlow
        let pressureTarget = pumpOn
            ? nominalPressure * (1 + flowNoise.value / nominalFlow)
            : (emergencyActive ? emergencyPressure * 0.8 : 0)
        flow.lag(to: flowTarget, factors.flow)
        pressure.lag(to: pressureTarget, factors.pressure)
        if emergencyActive { tankPct -= emergencyFlow / tankM3 * 100 / 3600 * dt }
        if tankLeakPctPerS > 0 { tankPct -= tankLeakPctPerS * dt }
        if tankPct < 0 { tankPct = 0 }
        // Less flow through the hot mould heats the recirculated supply.
        let starved = nominalFlow / max(flow, 0.1 * nominalFlow) - 1
        let inletTarget = Self.inletNominalC + 2 * heatLoad * max(0, starved)
        inletT.lag(to: inletTarget, factors.waterT)
        return transition
    }

    private mutating func updateEmergency(dt: Double, pumpOn: Bool) -> Transition {
        if emergencyActive {
            let restored = pumpOn && pressure >= nominalPressure * 0.8
            if restored || tankPct <= Self.tankOutletPct {
                emergencyActive = false
                lowPressureS = 0
                return .released
            }
            return .none
        }
        let lowL = CastingLineLimits.mouldWaterP.l ?? 0
        let tankLL = CastingLineLimits.emergencyTank.ll ?? 0
        guard !pumpOn, pressure < lowL, tankPct > tankLL else {
            lowPressureS = 0
            return .none
        }
        lowPressureS += dt
        guard lowPressureS + 1e-9 >= emergencyDelayS else { return .none }
        emergencyActive = true
        return .engaged
    }
}
