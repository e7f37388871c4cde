import SimCore

extension Converter {
    public mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {
        gains.update(dt)
        let sqrtDt = gains.sqrtDt
        let (u1, u2, u3, u4) = SteelMath.uniforms(&rng)
        wanderFlow.step(u1, dt: dt, sqrtDt: sqrtDt)
        wanderDQ.step(u2, dt: dt, sqrtDt: sqrtDt)
        wanderPressure.step(u3, dt: dt, sqrtDt: sqrtDt)
        wanderHood.step(u4, dt: dt, sqrtDt: sqrtDt)

        stepLanceAndOxygen(dt: dt)
        stepLanceWater(dt: dt)
        hoodDQ = 0.8 + wanderHood.value
        runLeakInterlock(now: now, dt: dt, events: &events)
        runPressureInterlock(now: now, dt: dt, events: &events)
        runHoodInterlock(now: now, dt: dt, events: &events)
    }

    /// The lance travels at its hoist speed; the oxygen valve is open only while blowing with the
    /// lance below the oxygen-on point (unless the valve is stuck or failed). O₂ main τ 5 s.
    mutating func stepLanceAndOxygen(dt: Double) {
        let travel = lanceSpeedMPerS * dt
        if lanceM < lanceTargetM {
            lanceM = min(lanceTargetM, lanceM + travel)
        } else if lanceM > lanceTargetM {
            lanceM = max(lanceTargetM, lanceM - travel)
        }
        if !oxygenValveBroken { oxygenOpen = blowing && lanceM <= Converter.oxygenOnM }
        let oxygenTarget = 1.1 - (oxygenOpen ? 0.08 : 0) + wanderPressure.value * 0.5
        oxygenMPa.steelLag(toward: oxygenTarget, gain: gains.tau5)
    }

    /// Pump head and flow (τ 3 s / 4 s, a tripped pump decays both), a leak opening over τ 20 s that
    /// is lost between inlet and outlet, and an outlet temperature (τ 12 s) set by the heat load at
    /// the lance's position over the water that actually passes the tip.
    mutating func stepLanceWater(dt: Double) {
        let pressureTarget = pumpTripped ? 0.05 : Converter.nominalInletMPa + wanderPressure.value
        inletMPa.steelLag(toward: pressureTarget, gain: gains.tau3)
        let flowTarget = pumpTripped ? 0 : Converter.nominalFlowM3PerH + wanderFlow.value
        inletFlow.steelLag(toward: flowTarget, gain: gains.tau4)
        leakM3PerH.steelLag(toward: leakTarget, gain: gains.tau20)

        let share = inletFlow * (1 / Converter.nominalFlowM3PerH)
        let lost = min(inletFlow, (0.8 + wanderDQ.value) * share + leakM3PerH)
        outletFlow = max(0, inletFlow - lost)

        let heat: Double = lanceM < 6 ? (oxygenOpen ? 1 : 0.6) : 0.4
        let flowRatio = min(Converter.nominalFlowM3PerH / max(outletFlow, 1), 8)
        let outletTarget = Converter.inletWaterC + heat * (13 * flowRatio + 0.6 * leakM3PerH)
        outletC.steelLag(toward: outletTarget, gain: gains.tau12)
    }

    /// Art. 4 (四): flow difference or outlet temperature HH while blowing → lift lance, cut oxygen,
    /// block tilting. Resets itself once both are back below H.
    mutating func runLeakInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        let dq = inletFlow - outletFlow
        let cause = blowing && (dq >= Converter.flowDiffHH || outletC >= Converter.outletHH)
        if leakTimer.due(cause, dt: dt, delayS: interlockDelayS) {
            if bypassLeak {
                leakTimer.reportFailure(interlock: Converter.lanceLeakInterlock, equipment: id, now: now, events: &events)
            } else {
                leakTripped = true
                liftLance(Converter.lanceLeakInterlock, now: now, events: &events)
            }
        } else if leakTripped && !leakCausePresent {
            leakTripped = false
            events.append(
                PlantEvent(time: now, kind: .interlockReset, equipment: id, name: Converter.lanceLeakInterlock))
        }
    }

    /// Inlet pressure LL with the lance in the vessel or blowing → lift lance, cut oxygen.
    mutating func runPressureInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        let armed = blowing || lanceTargetM < Converter.parkM
        let cause = armed && inletMPa < Converter.inletLL
        if pressureTimer.due(cause, dt: dt, delayS: interlockDelayS) {
            if bypassPressure {
                pressureTimer.reportFailure(interlock: Converter.lancePressureInterlock, equipment: id, now: now, events: &events)
            } else {
                pressureTripped = true
                liftLance(Converter.lancePressureInterlock, now: now, events: &events)
            }
        } else if pressureTripped && inletMPa >= Converter.inletL {
            pressureTripped = false
            events.append(
                PlantEvent(time: now, kind: .interlockReset, equipment: id, name: Converter.lancePressureInterlock))
        }
    }

    mutating func runHoodInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        if hoodTimer.due(hoodDQ >= Converter.hoodHH, dt: dt, delayS: interlockDelayS) && !hoodTripped {
            if bypassHood {
                hoodTimer.reportFailure(interlock: Converter.hoodInterlock, equipment: id, now: now, events: &events)
            } else {
                hoodTripped = true
                events.append(
                    PlantEvent(
                        time: now, kind: .interlockTripped, equipment: id, name: Converter.hoodInterlock,
                        detail: "furnace tilting blocked"))
            }
        } else if hoodTripped && hoodDQ < Converter.hoodH {
            hoodTripped = false
            events.append(PlantEvent(time: now, kind: .interlockReset, equipment: id, name: Converter.hoodInterlock))
        }
    }

    /// The common lance action: stop the blow, send the lance to park, close the oxygen valve.
    mutating func liftLance(_ interlock: String, now: SimInstant, events: inout [PlantEvent]) {
        blowing = false
        lanceTargetM = Converter.parkM
        events.append(
            PlantEvent(
                time: now, kind: .interlockTripped, equipment: id, name: interlock,
                detail: "lance lifted, oxygen cut"))
        if oxygenValveBroken && oxygenOpen {
            events.append(
                PlantEvent(
                    time: now, kind: .interlockFailed, equipment: id, name: interlock,
                    detail: oxygenStuck ? "oxygen valve stuck open" : "oxygen valve failed open"))
        } else if !oxygenValveBroken {
            oxygenOpen = false
        }
    }

    public func write(into values: inout [Double], at offset: Int) {
        precondition(offset >= 0 && offset + 11 <= values.count)
        values.withUnsafeMutableBufferPointer { all in
            let out = UnsafeMutableBufferPointer(rebasing: all[offset..<(offset + 11)])
            out[0] = inletFlow
            out[1] = outletFlow
            out[2] = inletFlow - outletFlow
            out[3] = outletC
            out[4] = inletMPa
            out[5] = oxygenMPa
            out[6] = hoodDQ
            out[7] = lanceM
            out[8] = oxygenOpen ? 1 : 0
            out[9] = tiltBlocked ? 1 : 0
            out[10] = bypassFlag
        }
    }
}
