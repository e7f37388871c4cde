import SimCore

/// Operator actions on the line.
extension CastingLine {
    public func accepts(_ operation: Operation) -> Bool {
        switch operation {
        case .startCast, .stopCast, .setCastMode, .tiltFurnace, .runSelfCheck, .resetInterlocks,
            .refillEmergencyTank:
            true
        default:
            false
        }
    }

    public mutating func apply(_ operation: Operation, now: SimInstant, events: inout [PlantEvent]) {
        switch operation {
        case .startCast(let speed): startCast(speedMmPerMin: speed, now: now, events: &events)
        case .stopCast: stopCast(now: now, events: &events)
        case .setCastMode(let mode):
            let detail = machine.casting ? "\(mode.rawValue) while casting" : mode.rawValue
            machine.mode = mode
            emit(.stateChanged, "castModeChanged", detail, now, &events)
        case .tiltFurnace(let angle): tiltFurnace(angleDeg: angle, now: now, events: &events)
        case .runSelfCheck:
            let failure = selfCheckFailure()
            machine.selfCheckFailed = failure != nil
            emit(.stateChanged, failure == nil ? "selfCheckPassed" : "selfCheckFailed", failure ?? "", now, &events)
        case .resetInterlocks: resetInterlocks(now: now, events: &events)
        case .refillEmergencyTank(let level):
            water.tankPct = min(100, max(0, level))
            emit(.stateChanged, "emergencyTankRefilled", "\(water.tankPct) %", now, &events)
        default:
            break
        }
    }

    func emit(_ kind: PlantEvent.Kind, _ name: String, _ detail: String, _ now: SimInstant, _ events: inout [PlantEvent]) {
        events.append(PlantEvent(time: now, kind: kind, equipment: id, name: name, detail: detail))
    }

    private mutating func startCast(speedMmPerMin: Double, now: SimInstant, events: inout [PlantEvent]) {
        if machine.casting {
            emit(.operationRefused, "castStartBlocked", "already casting", now, &events)
            return
        }
        if let failure = selfCheckFailure() {
            machine.selfCheckFailed = true
            emit(.operationRefused, "castStartBlocked", "self-check failed: \(failure)", now, &events)
            return
        }
        machine.selfCheckFailed = false
        machine.begin(speedMmPerMin: speedMmPerMin)
        if furnace.tilting { furnace.targetAngle = furnace.angle(forFlowRatio: machine.demandRatio) }
        emit(.stateChanged, "castStarted", "\(machine.speedSetpoint) mm/min", now, &events)
    }

    private mutating func stopCast(now: SimInstant, events: inout [PlantEvent]) {
        guard machine.casting else { return }
        machine.halt()
        if furnace.tilting && !furnace.tiltingBack { furnace.targetAngle = config.pourAngleDeg }
        emit(.stateChanged, "castStopped", "\(machine.lengthMm.rounded()) mm", now, &events)
    }

    private mutating func tiltFurnace(angleDeg: Double, now: SimInstant, events: inout [PlantEvent]) {
        let refusal: String? =
            !furnace.tilting ? "fixed furnace"
            : safety.tripped ? "interlock tripped (reset first)"
            : !furnace.hydraulicsOK ? "tilt hydraulic pressure below LL" : nil
        if let refusal {
            emit(.operationRefused, "tiltBlocked", refusal, now, &events)
            return
        }
        furnace.targetAngle = min(HoldingFurnace.maxAngleDeg, max(0, angleDeg))
        emit(.stateChanged, "furnaceTiltCommanded", "\(furnace.targetAngle)°", now, &events)
    }

    private mutating func resetInterlocks(now: SimInstant, events: inout [PlantEvent]) {
        guard safety.tripped else { return }
        if let blocker = resetBlocker {
            emit(.operationRefused, "resetBlocked", blocker, now, &events)
            return
        }
        _ = launder.quickCutOff.command(actuated: false)
        _ = launder.emergencyDischarge.command(actuated: false)
        _ = launder.disconnect.command(actuated: false)
        furnace.tiltingBack = false
        if furnace.tilting { furnace.targetAngle = config.pourAngleDeg }
        let cause = safety.trippedBy?.name ?? ""
        safety.tripped = false
        safety.trippedBy = nil
        emit(.interlockReset, cause, "", now, &events)
    }
}
