import SimCore

/// Equipment faults the line accepts, and how they start and end.
extension CastingLine {
    public func accepts(_ fault: EquipmentFault) -> Bool {
        switch fault {
        case .pumpTrip(let pump): pump == .mouldWater
        case .valveStuck(let valve), .valveFailed(let valve):
            valve == .quickCutOff || valve == .emergencyDischarge || valve == .launderDisconnect
        case .ropeBreak(let rope): rope >= 1 && rope <= config.ropes
        case .tiltRunaway: furnace.tilting
        case .interlockBypassed(let name): CastingInterlock(name: name) != nil
        case .powerLoss, .tapHoleOverflow, .launderStarvation, .mouldBleedOut, .starterBlockStuck, .hydraulicLeak,
            .emergencyTankLeak, .wellDrainBlocked:
            true
        default: false
        }
    }

    public mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        set(fault, active: true, now: now, events: &events)
    }

    public mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        set(fault, active: false, now: now, events: &events)
    }

    private mutating func set(_ fault: EquipmentFault, active on: Bool, now: SimInstant, events: inout [PlantEvent]) {
        guard accepts(fault) else { return }
        switch fault {
        case .pumpTrip: water.pumpTripped = on
        case .valveStuck(let valve): modifyValve(valve) { $0.stuck = on }
        case .valveFailed(let valve): modifyValve(valve) { $0.failed = on }
        case .powerLoss:
            powered = !on
            emit(.stateChanged, on ? "powerLost" : "powerRestored", "", now, &events)
        case .ropeBreak(let rope):
            // A broken rope cannot be undone by clearing the fault.
            if on && machine.ropes.breakRope(rope) { emit(.stateChanged, "ropeBroken", "rope \(rope)", now, &events) }
        case .tapHoleOverflow(let pct):
            furnace.tapRisePerS = on ? max(0, pct) / 100 / 60 : 0
            if !on { furnace.tapFactor = 1 }
        case .launderStarvation(let pct):
            furnace.starvationPerS = on ? max(0, pct) / 100 / 60 : 0
            if !on { furnace.starvationFactor = 1 }
        case .mouldBleedOut:
            if on { well.bleeding = true } else { well.endBleedOut() }
        case .starterBlockStuck: machine.starterBlockStuck = on
        case .tiltRunaway(let rate): furnace.runawayDegPerS = on ? max(0, rate) : 0
        case .hydraulicLeak(let rate): furnace.hydraulicLeakMPaPerS = on ? max(0, rate) / 60 : 0
        case .emergencyTankLeak(let rate): water.tankLeakPctPerS = on ? max(0, rate) / 60 : 0
        case .wellDrainBlocked(let rate): well.drainRiseMPerS = on ? max(0, rate) / 60 : 0
        case .interlockBypassed(let name):
            if let kind = CastingInterlock(name: name) { safety[kind].bypassed = on }
        default: break
        }
    }

    private mutating func modifyValve(_ valve: Valve, _ change: (inout LineValve) -> Void) {
        switch valve {
        case .quickCutOff: change(&launder.quickCutOff)
        case .emergencyDischarge: change(&launder.emergencyDischarge)
        case .launderDisconnect: change(&launder.disconnect)
        default: break
        }
    }
}
