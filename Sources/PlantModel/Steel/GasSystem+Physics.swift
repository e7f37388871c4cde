import SimCore

extension GasSystem {
    public mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {
        gains.update(dt)
        let sqrtDt = gains.sqrtDt
        let (u1, u2, u3, u4) = SteelMath.uniforms(&rng)
        wanderLevel.step(u1, dt: dt, sqrtDt: sqrtDt)
        wanderMain.step(u2, dt: dt, sqrtDt: sqrtDt)
        wanderHolder.step(u3, dt: dt, sqrtDt: sqrtDt)
        wanderCO.step(u4, dt: dt, sqrtDt: sqrtDt)

        stepHolder(dt: dt)
        stepMain(dt: dt)
        let wander = wanderCO.value, gain60 = gains.tau60
        monitors.withUnsafeMutableBufferPointer { monitors in
            for index in monitors.indices {
                monitors[index].leak.step(dt: dt, gain60: gain60)
                let sign: Double = index & 1 == 0 ? 1 : -1
                monitors[index].ppm = max(0, 2 + sign * wander + monitors[index].leak.ppm)
            }
        }
        runLowInterlock(now: now, dt: dt, events: &events)
        runHighInterlock(now: now, dt: dt, events: &events)
    }

    /// Level integrates inflow − outflow through the open valves; holder pressure follows the
    /// piston (τ 20 s).
    mutating func stepHolder(dt: Double) {
        let inflow = inletOpen ? openInflowPctPerMin : 0
        let outflow = outletOpen ? openOutflowPctPerMin : 0
        levelPct = SteelMath.clamp(levelPct + (inflow - outflow) * dt * (1.0 / 60), 0, 100)
        let target = GasSystem.holderPressure(levelPct: levelPct) + wanderHolder.value
        holderKPa.steelLag(toward: target, gain: gains.tau20)
    }

    /// Main pressure (τ 10 s) falls with excess demand, with a pressure-loss fault, with the holder
    /// outlet closed (−3 kPa) and hard when the holder runs empty.
    mutating func stepMain(dt: Double) {
        if mainDropKPaPerS > 0 {
            mainLossKPa = min(mainLossKPa + mainDropKPaPerS * dt, 9.5)
        } else if mainLossKPa > 0 {
            mainLossKPa.steelLag(toward: 0, gain: gains.tau60)
        }
        var target = 10 - (demandPct - 100) * 0.05 - mainLossKPa + wanderMain.value
        if !outletOpen { target -= 3 }
        if outletOpen && levelPct < 0.5 { target -= 6 }
        mainKPa.steelLag(toward: max(0, target), gain: gains.tau10)
    }

    var shownLevel: Double { SteelMath.clamp(levelPct + wanderLevel.value, 0, 100) }

    /// Level LL → close the outlet. Reopens once the level is back above L and the draw no longer
    /// exceeds production (the imbalance has been dealt with).
    mutating func runLowInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        let level = shownLevel
        if lowTimer.due(level <= GasSystem.levelLL, dt: dt, delayS: interlockDelayS) && outletOpen {
            if bypassLow {
                lowTimer.reportFailure(interlock: GasSystem.levelLowInterlock, equipment: id, now: now, events: &events)
            } else {
                outletOpen = false
                lowTripped = true
                events.append(
                    PlantEvent(
                        time: now, kind: .interlockTripped, equipment: id, name: GasSystem.levelLowInterlock,
                        detail: "holder outlet closed"))
            }
        } else if lowTripped && level >= GasSystem.levelL && openInflowPctPerMin >= openOutflowPctPerMin {
            outletOpen = true
            lowTripped = false
            events.append(
                PlantEvent(
                    time: now, kind: .interlockReset, equipment: id, name: GasSystem.levelLowInterlock,
                    detail: "holder outlet reopened"))
        }
    }

    /// Level HH → close the inlet (surplus to the flare). Reopens below H once production no longer
    /// exceeds the draw.
    mutating func runHighInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        let level = shownLevel
        if highTimer.due(level >= GasSystem.levelHH, dt: dt, delayS: interlockDelayS) && inletOpen {
            if bypassHigh {
                highTimer.reportFailure(interlock: GasSystem.levelHighInterlock, equipment: id, now: now, events: &events)
            } else {
                inletOpen = false
                highTripped = true
                events.append(
                    PlantEvent(
                        time: now, kind: .interlockTripped, equipment: id, name: GasSystem.levelHighInterlock,
                        detail: "holder inlet closed, gas to flare"))
            }
        } else if highTripped && level <= GasSystem.levelH && openInflowPctPerMin <= openOutflowPctPerMin {
            inletOpen = true
            highTripped = false
            events.append(
                PlantEvent(
                    time: now, kind: .interlockReset, equipment: id, name: GasSystem.levelHighInterlock,
                    detail: "holder inlet reopened"))
        }
    }

    public func write(into values: inout [Double], at offset: Int) {
        let count = 6 + coMonitors
        precondition(offset >= 0 && offset + count <= values.count)
        values.withUnsafeMutableBufferPointer { all in
            let out = UnsafeMutableBufferPointer(rebasing: all[offset..<(offset + count)])
            out[0] = shownLevel
            out[1] = holderKPa
            out[2] = mainKPa
            monitors.withUnsafeBufferPointer { monitors in
                for index in monitors.indices { out[3 + index] = monitors[index].ppm }
            }
            out[count - 3] = inletOpen ? 1 : 0
            out[count - 2] = outletOpen ? 1 : 0
            out[count - 1] = bypassFlag
        }
    }
}
