import SimCore

/// Interlock supervision: arming window, trigger conditions, delays, and the trip itself.
extension CastingLine {
    /// Water/launder/Al interlocks: casting and the cast past `activeFromMm`.
    var interlocksArmed: Bool { machine.casting && machine.lengthMm >= config.activeFromMm }
    var platformInterlockArmed: Bool { machine.casting && machine.lengthMm >= config.platformActiveFromMm }

    var mouldWaterLowTriggered: Bool {
        water.pressure < (CastingLineLimits.mouldWaterP.ll ?? 0) || water.flow < (CastingLineLimits.mouldWaterQ.ll ?? 0)
    }

    var launderLevelTriggered: Bool {
        let limits = CastingLineLimits.launderLevel
        let ll = limits.ll ?? 0, hh = limits.hh ?? .infinity
        let rate = CastingLineLimits.launderRateMmPerS
        return launder.levelOut < ll || launder.levelOut > hh || launder.levelTable < ll || launder.levelTable > hh
            || abs(launder.rateOut) > rate || abs(launder.rateTable) > rate
    }

    var platformTriggered: Bool {
        machine.deviationMm > (CastingLineLimits.positionDeviation.hh ?? .infinity)
            || machine.tiltDeg > (CastingLineLimits.platformTilt.hh ?? .infinity)
            || machine.ropes.maxForce > config.ropeNominalKN * CastingLineLimits.ropeHHFraction
    }

    mutating func evaluateInterlocks(now: SimInstant, dt: Double, events: inout [PlantEvent]) {
        let armed = interlocksArmed
        let delay = config.interlockDelayS
        if safety.mouldWater.update(triggered: mouldWaterLowTriggered, armed: armed, dt: dt, delayS: delay) {
            act(.mouldWaterLow, now: now, events: &events)
        }
        if safety.launder.update(triggered: launderLevelTriggered, armed: armed, dt: dt, delayS: delay) {
            act(.launderLevel, now: now, events: &events)
        }
        if safety.alInWell.update(triggered: well.metalDetected, armed: armed, dt: dt, delayS: 0) {
            act(.alInWell, now: now, events: &events)
        }
        let platformArmed = platformInterlockArmed
        if safety.platform.update(triggered: platformTriggered, armed: platformArmed, dt: dt, delayS: delay) {
            act(.platformFault, now: now, events: &events)
        }
    }

    /// What the trigger was, for the event detail (built only when an interlock acts).
    func triggerDetail(_ kind: CastingInterlock) -> String {
        let p = config.pointPrefix
        func fmt(_ v: Double) -> String { String((v * 1000).rounded() / 1000) }
        switch kind {
        case .mouldWaterLow:
            return "\(p)MW_P_IN=\(fmt(water.pressure)) MPa, \(p)MW_Q_IN=\(fmt(water.flow)) m³/h"
        case .launderLevel:
            return "\(p)LD_LVL_OUT=\(fmt(launder.levelOut)) mm (\(fmt(launder.rateOut)) mm/s), "
                + "\(p)LD_LVL_TBL=\(fmt(launder.levelTable)) mm (\(fmt(launder.rateTable)) mm/s)"
        case .alInWell:
            return "\(p)AL_IN_WELL=1"
        case .platformFault:
            return "\(p)CM_POS_DEV=\(fmt(machine.deviationMm)) mm, \(p)CM_TILT=\(fmt(machine.tiltDeg))°, "
                + "max rope force \(fmt(machine.ropes.maxForce)) kN"
        }
    }

    /// The interlock acts: every gate to its safe position, tilt-back, casting stopped. A bypass
    /// moves nothing; a stuck/failed gate or dead hydraulics stay put and are reported.
    mutating func act(_ kind: CastingInterlock, now: SimInstant, events: inout [PlantEvent]) {
        let trigger = triggerDetail(kind)
        if safety[kind].bypassed {
            safety[kind].failureReported = true
            events.append(PlantEvent(time: now, kind: .interlockFailed, equipment: id, name: kind.name,
                                     detail: "bypassed; trigger: \(trigger)"))
            return
        }
        var failures: [String] = []
        if !launder.quickCutOff.command(actuated: true) { failures.append("quickCutOff \(launder.quickCutOff.problem)") }
        if !launder.emergencyDischarge.command(actuated: true) {
            failures.append("emergencyDischarge \(launder.emergencyDischarge.problem)")
        }
        if !launder.disconnect.command(actuated: true) { failures.append("launderDisconnect \(launder.disconnect.problem)") }
        if furnace.tilting {
            furnace.tiltingBack = true
            if !furnace.hydraulicsOK { failures.append("tilt-back: hydraulic pressure below LL") }
        }
        machine.halt()
        safety.tripped = true
        safety.trippedBy = kind
        if failures.isEmpty {
            events.append(PlantEvent(time: now, kind: .interlockTripped, equipment: id, name: kind.name, detail: trigger))
        } else {
            safety[kind].failureReported = true
            events.append(PlantEvent(time: now, kind: .interlockFailed, equipment: id, name: kind.name,
                                     detail: "\(failures.joined(separator: ", ")); trigger: \(trigger)"))
        }
    }

    /// Why a reset is not possible yet, or nil when the causes have gone.
    var resetBlocker: String? {
        if mouldWaterLowTriggered { return "mould water still below LL" }
        if well.metalDetected { return "Al still detected in the well" }
        if machine.deviationMm > (CastingLineLimits.positionDeviation.hh ?? .infinity) { return "starter block deviation" }
        if machine.ropes.anyBroken { return "broken winch rope" }
        return nil
    }
}
