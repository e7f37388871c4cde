import SimCore

extension Converter {
    public func accepts(_ operation: Operation) -> Bool {
        switch operation {
        case .startBlow, .stopBlow, .lowerLance, .raiseLance: true
        default: false
        }
    }

    public func accepts(_ fault: EquipmentFault) -> Bool {
        switch fault {
        case .lanceLeak: true
        case .pumpTrip(let pump): pump == .lanceWater
        case .valveStuck(let valve), .valveFailed(let valve): valve == .oxygen
        case .interlockBypassed(let name):
            name == Converter.lanceLeakInterlock || name == Converter.lancePressureInterlock
                || name == Converter.hoodInterlock
        default: false
        }
    }

    /// Why lowering the lance (or starting a blow) is refused right now, if it is.
    var lowerBlockReason: String? {
        if pressureTripped || inletMPa < Converter.inletL { return "lance water pressure low" }
        if leakTripped || leakCausePresent { return "lance water leak" }
        return nil
    }

    public mutating func apply(_ operation: Operation, now: SimInstant, events: inout [PlantEvent]) {
        switch operation {
        case .startBlow, .lowerLance:
            let isBlow = operation == .startBlow
            if let reason = lowerBlockReason {
                events.append(
                    PlantEvent(
                        time: now, kind: .operationRefused, equipment: id,
                        name: isBlow ? "blowStartBlocked" : "lanceLowerBlocked", detail: reason))
                return
            }
            lanceTargetM = Converter.blowM
            if isBlow && !blowing {
                blowing = true
                events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "blowStarted"))
            }
        case .stopBlow, .raiseLance:
            lanceTargetM = Converter.parkM
            if blowing {
                blowing = false
                events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "blowStopped"))
            }
        default:
            break
        }
    }

    public mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        guard accepts(fault) else { return }
        switch fault {
        case .lanceLeak(let leak): leakTarget = max(0, leak)
        case .pumpTrip:
            pumpTripped = true
            events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "lanceWaterPumpTripped"))
        case .valveStuck: oxygenStuck = true
        case .valveFailed: oxygenFailed = true
        case .interlockBypassed(let name): setBypass(name, true)
        default: break
        }
    }

    /// A repaired leak closes over the leak time constant; a restarted pump brings flow and
    /// pressure back; a freed valve follows its command again.
    public mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        guard accepts(fault) else { return }
        switch fault {
        case .lanceLeak: leakTarget = 0
        case .pumpTrip:
            pumpTripped = false
            events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "lanceWaterPumpRestarted"))
        case .valveStuck: oxygenStuck = false
        case .valveFailed: oxygenFailed = false
        case .interlockBypassed(let name): setBypass(name, false)
        default: break
        }
    }

    mutating func setBypass(_ name: String, _ on: Bool) {
        if name == Converter.lanceLeakInterlock { bypassLeak = on }
        if name == Converter.lancePressureInterlock { bypassPressure = on }
        if name == Converter.hoodInterlock { bypassHood = on }
    }
}
