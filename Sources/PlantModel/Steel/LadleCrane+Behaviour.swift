import SimCore

extension LadleCrane {
    public func accepts(_ operation: Operation) -> Bool {
        switch operation {
        case .hoistLadle, .lowerLadle: true
        default: false
        }
    }

    public func accepts(_ fault: EquipmentFault) -> Bool {
        switch fault {
        case .craneBrakeFault(let brake): brake == 1 || brake == 2
        case .interlockBypassed(let name): name == LadleCrane.overloadInterlock || name == LadleCrane.brakeInterlock
        default: false
        }
    }

    public mutating func apply(_ operation: Operation, now: SimInstant, events: inout [PlantEvent]) {
        switch operation {
        case .hoistLadle(let load):
            let blockedByBrake = brakeBlocked || (anyBrakeFault && !bypassBrake)
            if overloadBlocked || blockedByBrake || hoisted || load < 0 {
                let detail =
                    overloadBlocked
                    ? "overload" : blockedByBrake ? "brake fault" : hoisted ? "already hoisted" : "bad load"
                events.append(
                    PlantEvent(time: now, kind: .operationRefused, equipment: id, name: "hoistBlocked", detail: detail))
                return
            }
            hookTargetT = load
            lifting = true
        case .lowerLadle:
            hookTargetT = 0
            lifting = false
            if hoisted {
                hoisted = false
                events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "ladleLowered"))
            }
        default:
            break
        }
    }

    public mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        guard accepts(fault) else { return }
        switch fault {
        case .craneBrakeFault(let brake):
            if brake == 1 { brakeFault1 = true } else { brakeFault2 = true }
            if hoisted || lifting {
                events.append(
                    PlantEvent(
                        time: now, kind: .stateChanged, equipment: id, name: "brakeFaultWithLoad",
                        detail: "brake \(brake) fault with \(hookTargetT) t on the hook"))
            }
        case .interlockBypassed(let name): setBypass(name, true)
        default: break
        }
    }

    /// A repaired brake reports ok again; the hoist block then resets by itself.
    public mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        guard accepts(fault) else { return }
        switch fault {
        case .craneBrakeFault(let brake):
            if brake == 1 { brakeFault1 = false } else { brakeFault2 = false }
        case .interlockBypassed(let name): setBypass(name, false)
        default: break
        }
    }

    mutating func setBypass(_ name: String, _ on: Bool) {
        if name == LadleCrane.overloadInterlock { bypassOverload = on }
        if name == LadleCrane.brakeInterlock { bypassBrake = on }
    }

    /// The load cell follows the rope tension as the hoist takes the ladle up or sets it down (τ 1.5 s).
    public mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {
        gains.update(dt)
        loadT.steelLag(toward: hookTargetT, gain: gains.tau1_5)
        runOverloadInterlock(now: now, dt: dt, events: &events)
        runBrakeInterlock(now: now, dt: dt, events: &events)
        if lifting && abs(loadT - hookTargetT) < 0.005 * ratedLoadT && (hookTargetT < overloadT || bypassOverload) {
            lifting = false
            hoisted = true
            events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "ladleHoisted"))
        }
    }

    mutating func runOverloadInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        if overloadTimer.due(lifting && loadT >= overloadT, dt: dt, delayS: interlockDelayS) {
            if bypassOverload {
                overloadTimer.reportFailure(interlock: LadleCrane.overloadInterlock, equipment: id, now: now, events: &events)
            } else {
                lifting = false
                overloadBlocked = true
                events.append(
                    PlantEvent(
                        time: now, kind: .interlockTripped, equipment: id, name: LadleCrane.overloadInterlock,
                        detail: "hoist-up blocked"))
                events.append(
                    PlantEvent(
                        time: now, kind: .operationRefused, equipment: id, name: "hoistBlocked", detail: "overload"))
            }
        } else if overloadBlocked && hookTargetT == 0 && loadT < 0.05 * ratedLoadT {
            overloadBlocked = false
            events.append(
                PlantEvent(time: now, kind: .interlockReset, equipment: id, name: LadleCrane.overloadInterlock))
        }
    }

    mutating func runBrakeInterlock(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        if brakeTimer.due(anyBrakeFault, dt: dt, delayS: interlockDelayS) && !brakeBlocked {
            if bypassBrake {
                brakeTimer.reportFailure(interlock: LadleCrane.brakeInterlock, equipment: id, now: now, events: &events)
            } else {
                brakeBlocked = true
                if lifting { lifting = false }
                events.append(
                    PlantEvent(
                        time: now, kind: .interlockTripped, equipment: id, name: LadleCrane.brakeInterlock,
                        detail: "hoist-up blocked"))
            }
        } else if brakeBlocked && !anyBrakeFault {
            brakeBlocked = false
            events.append(PlantEvent(time: now, kind: .interlockReset, equipment: id, name: LadleCrane.brakeInterlock))
        }
    }

    public func write(into values: inout [Double], at offset: Int) {
        precondition(offset >= 0 && offset + 5 <= values.count)
        values.withUnsafeMutableBufferPointer { all in
            let out = UnsafeMutableBufferPointer(rebasing: all[offset..<(offset + 5)])
            out[0] = loadT
            out[1] = brakeFault1 ? 1 : 0
            out[2] = brakeFault2 ? 1 : 0
            out[3] = overloadBlocked || brakeBlocked ? 1 : 0
            out[4] = bypassFlag
        }
    }
}
