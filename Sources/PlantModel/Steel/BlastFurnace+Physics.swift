import SimCore

extension BlastFurnace {
    public mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {
        gains.update(dt)
        let sqrtDt = gains.sqrtDt
        let (u1, u2, u3, u4) = SteelMath.uniforms(&rng)
        wanderTop.step(u1, dt: dt, sqrtDt: sqrtDt)
        wanderBlast.step(u2, dt: dt, sqrtDt: sqrtDt)
        wanderCooling.step(u3, dt: dt, sqrtDt: sqrtDt)
        wanderDQ.step(u4, dt: dt, sqrtDt: sqrtDt)
        wanderCO.step((u1 + u4) * 0.5, dt: dt, sqrtDt: sqrtDt)

        stepCoolingWater(dt: dt)
        stepBlastAndTop(dt: dt)
        stepTuyeresAndHearth(dt: dt)
        runBleederInterlock(now: now, dt: dt, events: &events)
        runCoolingInterlock(now: now, dt: dt, events: &events)
    }

    /// Supply pressure: pump head (tripped pump: residual 0.12 MPa) minus a ramping loss; τ 6 s.
    mutating func stepCoolingWater(dt: Double) {
        if coolingDropMPaPerS > 0 {
            coolingLossMPa = min(coolingLossMPa + coolingDropMPaPerS * dt, 0.7)
        } else if coolingLossMPa > 0 {
            coolingLossMPa.steelLag(toward: 0, gain: gains.tau30)
        }
        let head = coolingPumpTripped ? 0.12 : BlastFurnace.nominalCoolingMPa
        let target = max(0.02, head - coolingLossMPa + wanderCooling.value)
        coolingMPa.steelLag(toward: target, gain: gains.tau6)
    }

    /// Hot blast follows its setpoint (τ 15 s); top pressure follows setpoint + surge + blast coupling
    /// (τ 10 s), or is vented down toward setpoint by an open bleeder (τ 5 s).
    mutating func stepBlastAndTop(dt: Double) {
        let blastTarget = blastSetKPa * (blastReduced ? BlastFurnace.reducedBlastFactor : 1) + wanderBlast.value
        blastKPa.steelLag(toward: blastTarget, gain: gains.tau15)

        if surgeRateKPaPerS > 0 {
            surgeKPa = min(surgeKPa + surgeRateKPaPerS * dt, 150)
        } else if surgeKPa > 0 {
            surgeKPa.steelLag(toward: 0, gain: gains.tau60)
        }
        let natural = topSetKPa + surgeKPa + 0.4 * (blastKPa - blastSetKPa) + wanderTop.value
        if bleederOpen {
            let vented = min(topSetKPa, bleederSetKPa - 60) + 10 + wanderTop.value
            topKPa.steelLag(toward: min(natural, vented), gain: gains.tau5)
        } else {
            topKPa.steelLag(toward: natural, gain: gains.tau10)
        }
        topKPa = max(0, topKPa)
    }

    /// Tuyere leak opens over τ 30 s and lets gas out at the platform; hearth thermocouples follow
    /// base + erosion (+ a penalty when cooling water is short) with τ 600 s.
    mutating func stepTuyeresAndHearth(dt: Double) {
        tuyereLeakM3PerH.steelLag(toward: tuyereLeakTarget, gain: gains.tau30)
        tuyereDQ = 0.12 + wanderDQ.value + tuyereLeakM3PerH
        coLeak.step(dt: dt, gain60: gains.tau60)
        coTuyerePPM = max(0, 3 + wanderCO.value + min(8 * tuyereLeakM3PerH, 60) + coLeak.ppm)

        let coolingPenalty = max(0, 0.6 - coolingMPa) * 150
        let gain = gains.tau600
        hearth.withUnsafeMutableBufferPointer { sensors in
            for index in sensors.indices {
                sensors[index].erosionC += sensors[index].rateCPerS * dt
                let target = sensors[index].baseC + sensors[index].erosionC + coolingPenalty
                sensors[index].valueC += (target - sensors[index].valueC) * gain
            }
        }
    }

    /// Art. 4 (五): top pressure at the bleeder set → open the top bleeder after the delay. It
    /// recloses once the excess is gone and the pressure is back near setpoint.
    mutating func runBleederInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        let due = bleederTimer.due(topKPa >= bleederSetKPa, dt: dt, delayS: interlockDelayS)
        if due && !bleederOpen {
            if bypassBleeder || bleederStuck || bleederFailed {
                if !bleederTimer.failureReported {
                    bleederTimer.failureReported = true
                    let detail =
                        bypassBleeder ? "interlock bypassed" : bleederStuck ? "top bleeder stuck" : "top bleeder failed"
                    events.append(
                        PlantEvent(
                            time: now, kind: .interlockFailed, equipment: id, name: BlastFurnace.bleederInterlock,
                            detail: detail))
                }
            } else {
                bleederOpen = true
                events.append(
                    PlantEvent(
                        time: now, kind: .interlockTripped, equipment: id, name: BlastFurnace.bleederInterlock,
                        detail: "top bleeder opened"))
            }
        } else if bleederOpen && !bleederStuck && !bleederFailed && surgeKPa < 15
            && topKPa < topSetKPa + 20
        {
            bleederOpen = false
            events.append(
                PlantEvent(
                    time: now, kind: .interlockReset, equipment: id, name: BlastFurnace.bleederInterlock,
                    detail: "top bleeder closed"))
        }
    }

    /// Cooling-water supply below LL → reduce blast; restored once the supply is back above L.
    mutating func runCoolingInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        let due = coolingTimer.due(coolingMPa < BlastFurnace.coolingLowLowMPa, dt: dt, delayS: interlockDelayS)
        if due && !blastReduced {
            if bypassCooling {
                if !coolingTimer.failureReported {
                    coolingTimer.failureReported = true
                    events.append(
                        PlantEvent(
                            time: now, kind: .interlockFailed, equipment: id, name: BlastFurnace.coolingInterlock,
                            detail: "interlock bypassed"))
                }
            } else {
                blastReduced = true
                events.append(
                    PlantEvent(
                        time: now, kind: .interlockTripped, equipment: id, name: BlastFurnace.coolingInterlock,
                        detail: "blast reduced"))
            }
        } else if blastReduced && coolingMPa >= BlastFurnace.coolingLowMPa {
            blastReduced = false
            events.append(
                PlantEvent(
                    time: now, kind: .interlockReset, equipment: id, name: BlastFurnace.coolingInterlock,
                    detail: "blast restored"))
        }
    }

    public func write(into values: inout [Double], at offset: Int) {
        let count = 7 + hearthSensors
        precondition(offset >= 0 && offset + count <= values.count)
        values.withUnsafeMutableBufferPointer { all in
            let out = UnsafeMutableBufferPointer(rebasing: all[offset..<(offset + count)])
            out[0] = topKPa
            out[1] = blastKPa
            out[2] = coolingMPa
            out[3] = tuyereDQ
            hearth.withUnsafeBufferPointer { sensors in
                for index in sensors.indices { out[4 + index] = sensors[index].valueC }
            }
            out[count - 3] = coTuyerePPM
            out[count - 2] = bleederOpen ? 1 : 0
            out[count - 1] = bypassFlag
        }
    }
}
