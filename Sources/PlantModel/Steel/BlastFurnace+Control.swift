import SimCore

extension BlastFurnace {
    public func accepts(_ operation: Operation) -> Bool {
        switch operation {
        case .setTopPressure, .setBlastPressure: true
        default: false
        }
    }

    public func accepts(_ fault: EquipmentFault) -> Bool {
        switch fault {
        case .tuyereLeak, .coolingWaterLoss, .topPressureSurge: true
        case .pumpTrip(let pump): pump == .furnaceCooling
        case .hearthErosion(let sensor, _): (1...hearthSensors).contains(sensor)
        case .coLeak(let location, _, _): EquipmentFault.steelLocation(location, matches: "CO_TUY", id: id)
        case .valveStuck(let valve), .valveFailed(let valve): valve == .topBleeder
        case .interlockBypassed(let name):
            name == BlastFurnace.bleederInterlock || name == BlastFurnace.coolingInterlock
        default: false
        }
    }

    public mutating func apply(_ operation: Operation, now: SimInstant, events: inout [PlantEvent]) {
        switch operation {
        case .setTopPressure(let kPa):
            // Art. 4 (五): a top-pressure setpoint above the design maximum is a major hazard.
            if kPa > designTopPressureKPa || kPa < 0 {
                events.append(
                    PlantEvent(
                        time: now, kind: .operationRefused, equipment: id, name: "topPressureSetpointRefused",
                        detail: "\(kPa) kPa outside 0…\(designTopPressureKPa) kPa (design maximum)"))
            } else {
                topSetKPa = kPa
                events.append(
                    PlantEvent(
                        time: now, kind: .stateChanged, equipment: id, name: "topPressureSetpoint",
                        detail: "\(kPa) kPa"))
            }
        case .setBlastPressure(let kPa):
            if kPa < 0 || kPa > 600 {
                events.append(
                    PlantEvent(
                        time: now, kind: .operationRefused, equipment: id, name: "blastPressureSetpointRefused",
                        detail: "\(kPa) kPa outside 0…600 kPa"))
            } else {
                blastSetKPa = kPa
                events.append(
                    PlantEvent(
                        time: now, kind: .stateChanged, equipment: id, name: "blastPressureSetpoint",
                        detail: "\(kPa) kPa"))
            }
        default:
            break
        }
    }

    public mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        guard accepts(fault) else { return }
        switch fault {
        case .tuyereLeak(let leak): tuyereLeakTarget = max(0, leak)
        case .coolingWaterLoss(let drop): coolingDropMPaPerS = max(0, drop) / 60
        case .topPressureSurge(let rise): surgeRateKPaPerS = max(0, rise) / 60
        case .pumpTrip:
            coolingPumpTripped = true
            events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "coolingPumpTripped"))
        case .hearthErosion(let sensor, let rise): hearth[sensor - 1].rateCPerS = rise / 3600
        case .coLeak(_, let ppm, let rampS): coLeak.start(ppm: ppm, rampS: rampS)
        case .valveStuck: bleederStuck = true
        case .valveFailed: bleederFailed = true
        case .interlockBypassed(let name): setBypass(name, true)
        default: break
        }
    }

    /// Leaks are repaired, pressures recover with their time constants; hearth erosion stops
    /// creeping but the eroded lining (and its temperature) stays.
    public mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        guard accepts(fault) else { return }
        switch fault {
        case .tuyereLeak: tuyereLeakTarget = 0
        case .coolingWaterLoss: coolingDropMPaPerS = 0
        case .topPressureSurge: surgeRateKPaPerS = 0
        case .pumpTrip:
            coolingPumpTripped = false
            events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "coolingPumpRestarted"))
        case .hearthErosion(let sensor, _): hearth[sensor - 1].rateCPerS = 0
        case .coLeak: coLeak.stop()
        case .valveStuck: bleederStuck = false
        case .valveFailed: bleederFailed = false
        case .interlockBypassed(let name): setBypass(name, false)
        default: break
        }
    }

    mutating func setBypass(_ name: String, _ on: Bool) {
        if name == BlastFurnace.bleederInterlock { bypassBleeder = on }
        if name == BlastFurnace.coolingInterlock { bypassCooling = on }
    }
}
