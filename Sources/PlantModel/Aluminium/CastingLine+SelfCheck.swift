/// The mandatory pre-cast self-check (铸前自检, casting-machine control-system requirement (f)).
///
/// It sees what a real check sees: power, mode, hydraulics, emergency water, mould water, the
/// launder levels, the gates (fault flags, ready positions, and a stroke test that finds a stuck
/// gate), bypasses, the well and the platform. It cannot see a fault that arrives after it ran
/// (a gate failing mid-cast): that is the violation the monitoring platform must catch.
extension CastingLine {
    /// The self-check items, in the order they are checked (documented in docs/plants/aluminium.md).
    static let selfCheckItems = [
        "main power on (PWR_MAIN=1)",
        "casting mode AUTO (CM_MODE=0)",
        "tilt hydraulics ≥ L (AF1_HYD_P)",
        "emergency tank level ≥ L (EW_TANK_LVL)",
        "emergency water pressure ≥ L (EW_P)",
        "mould water pressure and flow ≥ L (MW_P_IN, MW_Q_IN)",
        "launder levels within L…H (LD_LVL_OUT, LD_LVL_TBL)",
        "gates healthy and ready: quick cut-off open, discharge closed, launder connected, no fault, stroke test",
        "no interlock bypassed or tripped (INTLK_BYP=0)",
        "casting-well water level below L distance (WELL_LVL ≥ L) and no Al in the well",
        "platform: ropes intact, tilt and deviation below H",
    ]

    /// The first failing item, or nil when the check passes.
    func selfCheckFailure() -> String? {
        let L = CastingLineLimits.self
        if !powered { return "main power lost" }
        if machine.mode != .auto { return "casting mode is \(machine.mode.rawValue), not auto" }
        if furnace.hydraulicP < (L.hydraulicP.l ?? 0) { return "tilt hydraulic pressure below L" }
        if water.tankPct < (L.emergencyTank.l ?? 0) { return "emergency tank level below L" }
        if water.emergencyPressure < (L.emergencyP.l ?? 0) { return "emergency water pressure below L" }
        if water.pressure < (L.mouldWaterP.l ?? 0) || water.flow < (L.mouldWaterQ.l ?? 0) {
            return "mould cooling water below L"
        }
        let lo = L.launderLevel.l ?? 0, hi = L.launderLevel.h ?? .infinity
        if launder.levelOut < lo || launder.levelOut > hi || launder.levelTable < lo || launder.levelTable > hi {
            return "launder level outside L…H"
        }
        if let gate = gateProblem() { return gate }
        if safety.anyBypassed { return "interlock bypassed" }
        if safety.tripped { return "interlock tripped (reset first)" }
        if well.distanceM < (L.wellDistance.l ?? 0) { return "casting-well water level high" }
        if well.metalDetected { return "Al detected in the well" }
        if machine.ropes.anyBroken { return "winch rope broken" }
        if machine.tiltDeg > (L.platformTilt.h ?? .infinity) { return "platform tilt above H" }
        if machine.deviationMm > (L.positionDeviation.h ?? .infinity) { return "starter-block deviation above H" }
        return nil
    }

    private func gateProblem() -> String? {
        let gates = [
            ("quick cut-off", launder.quickCutOff), ("emergency discharge", launder.emergencyDischarge),
            ("launder disconnect", launder.disconnect),
        ]
        for (name, gate) in gates {
            if gate.failed { return "\(name) fault" }
            if gate.actuated { return "\(name) not in ready position" }
            if gate.stuck { return "\(name) failed stroke test" }
        }
        return nil
    }
}
