/// The casting well: outlet (discharge) water temperature, water level (as the distance below the
/// mouth) and the Al-in-well detector.
struct CastingWell: Sendable {
    static let normalDistanceM = 4.0
    /// Outlet-minus-inlet temperature rise at nominal flow and speed.
    static let nominalRiseC = 10.0
    static let maxRiseC = 75.0
    static let bleedOutRiseC = 15.0
    /// Time from a mould bleed-out to the detector seeing metal in the well.
    static let bleedDetectS = 3.0

    var outletT = MouldCoolingWater.inletNominalC
    var distanceM = normalDistanceM
    var drainRiseMPerS = 0.0
    /// Heat carried by the billets (1 = nominal casting), lagged after speed changes.
    var heatLoad = 0.0
    var bleeding = false
    private var bleedS = 0.0
    var metalDetected = false

    mutating func step(
        dt: Double, factors: LineFactors, speedRatio: Double, inletT: Double, flowRatio: Double, spilling: Bool
    ) {
        heatLoad.lag(to: speedRatio, factors.heat)
        let rise = min(Self.maxRiseC, Self.nominalRiseC * heatLoad / max(flowRatio, 0.05))
        let target = inletT + rise + (bleeding ? Self.bleedOutRiseC : 0)
        outletT.lag(to: target, factors.wellT)
        if drainRiseMPerS > 0 {
            distanceM = max(0, distanceM - drainRiseMPerS * dt)
        } else {
            distanceM.lag(to: Self.normalDistanceM, factors.wellDrain)
        }
        if bleeding {
            bleedS += dt
            if bleedS + 1e-9 >= Self.bleedDetectS { metalDetected = true }
        }
        if spilling { metalDetected = true }
    }

    mutating func endBleedOut() {
        bleeding = false
        bleedS = 0
        metalDetected = false
    }
}
