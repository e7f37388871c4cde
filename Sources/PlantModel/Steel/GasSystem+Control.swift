import SimCore

extension GasSystem {
    public func accepts(_ operation: Operation) -> Bool {
        if case .setGasDemand = operation { return true }
        return false
    }

    public func accepts(_ fault: EquipmentFault) -> Bool {
        switch fault {
        case .gasImbalance, .gasMainPressureLoss: true
        case .coLeak(let location, _, _): monitorIndex(location) != nil
        case .interlockBypassed(let name): name == GasSystem.levelLowInterlock || name == GasSystem.levelHighInterlock
        default: false
        }
    }

    /// 0-based monitor for a location `CO_k` or `<id>_CO_k`.
    func monitorIndex(_ location: String) -> Int? {
        for index in 1...coMonitors where EquipmentFault.steelLocation(location, matches: "CO_\(index)", id: id) {
            return index - 1
        }
        return nil
    }

    public mutating func apply(_ operation: Operation, now: SimInstant, events: inout [PlantEvent]) {
        guard case .setGasDemand(let pct) = operation else { return }
        guard pct >= 0, pct <= 300 else {
            events.append(
                PlantEvent(
                    time: now, kind: .operationRefused, equipment: id, name: "gasDemandRefused",
                    detail: "\(pct) % outside 0…300 %"))
            return
        }
        demandPct = pct
        events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "gasDemand", detail: "\(pct) %"))
    }

    public mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        switch fault {
        case .gasImbalance(let rate): imbalancePctPerS = rate / 60
        case .gasMainPressureLoss(let drop): mainDropKPaPerS = max(0, drop) / 60
        case .coLeak(let location, let ppm, let rampS):
            if let index = monitorIndex(location) { monitors[index].leak.start(ppm: ppm, rampS: rampS) }
        case .interlockBypassed(let name): setBypass(name, true)
        default: break
        }
    }

    /// The imbalance ends (level stays where it is), main pressure recovers over τ 60 s, a repaired
    /// CO leak is ventilated away over τ 60 s.
    public mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        switch fault {
        case .gasImbalance: imbalancePctPerS = 0
        case .gasMainPressureLoss: mainDropKPaPerS = 0
        case .coLeak(let location, _, _):
            if let index = monitorIndex(location) { monitors[index].leak.stop() }
        case .interlockBypassed(let name): setBypass(name, false)
        default: break
        }
    }

    mutating func setBypass(_ name: String, _ on: Bool) {
        if name == GasSystem.levelLowInterlock { bypassLow = on }
        if name == GasSystem.levelHighInterlock { bypassHigh = on }
    }
}
