import ModbusMap
import PlantModel
import Scenario
import SimCore

extension Engine {
    /// Applies every timeline step and scheduled fault end due at `time`, in order: ends of
    /// `duration`-limited faults first (they were due before anything new starts), then steps in
    /// timeline order.
    mutating func applyDueActions<Sink: TraceSink>(at time: SimInstant, into sink: inout Sink) {
        while let first = pendingEnds.first, first.end <= time {
            pendingEnds.removeFirst()
            endFault(startedBy: first.step, at: time, cause: nil, into: &sink)
        }
        while nextTimelineIndex < spec.timeline.count, spec.timeline[nextTimelineIndex].time <= time {
            let index = nextTimelineIndex
            nextTimelineIndex += 1
            apply(stepAt: index, at: time, into: &sink)
        }
    }

    mutating func apply<Sink: TraceSink>(stepAt index: Int, at time: SimInstant, into sink: inout Sink) {
        let step = spec.timeline[index]
        switch step.action {
        case .operation(let operation):
            for plant in plantIndices(step.plant) {
                for target in plants[plant].targets(of: operation, target: step.equipment) {
                    record(.init(kind: .operationApplied, name: EventWording.name(operation),
                                 detail: EventWording.parameters(operation)),
                           step: step, plant: plant, equipment: target, into: &sink)
                    plants[plant].apply(operation, to: target, now: time, events: &plantEvents)
                    flushPlantEvents(plant: plant, into: &sink)
                }
            }
        case .equipmentFault(let fault):
            var sites: [(plant: Int, equipment: [Int])] = []
            for plant in plantIndices(step.plant) {
                let targets = plants[plant].targets(of: fault, target: step.equipment)
                guard !targets.isEmpty else { continue }
                for target in targets {
                    record(.init(kind: .faultInjected, name: fault.kindName, detail: EventWording.parameters(fault)),
                           step: step, plant: plant, equipment: target, into: &sink)
                    plants[plant].inject(fault, to: target, now: time, events: &plantEvents)
                    flushPlantEvents(plant: plant, into: &sink)
                }
                sites.append((plant, targets))
            }
            injected[index] = sites
            scheduleEnd(of: index, step: step)
        case .sensorFault(let code, let fault):
            var sites: [(plant: Int, point: Int)] = []
            for plant in plantIndices(step.plant) {
                guard let point = plants[plant].pointIndex[code] else { continue }
                overlays[plant].start(
                    fault, point: point, stepIndex: index, now: time, lastValue: latestValues[plant][point])
                record(.init(kind: .sensorFaultStarted, name: fault.kindName,
                             detail: Self.sensorDetail(code, EventWording.parameters(fault))),
                       step: step, plant: plant, equipment: nil, into: &sink)
                sites.append((plant, point))
            }
            sensorFaulted[index] = sites
            scheduleEnd(of: index, step: step)
        case .protocolFault(let fault):
            for plant in plantIndices(step.plant) {
                record(.init(kind: .protocolFaultStarted, name: fault.kind.name, detail: EventWording.parameters(fault.kind)),
                       step: step, plant: plant, equipment: nil, into: &sink)
            }
            protocolFaulted.insert(index)
            scheduleEnd(of: index, step: step)
        case .networkFault(let fault):
            for plant in plantIndices(step.plant) {
                record(.init(kind: .networkFaultStarted, name: fault.name, detail: EventWording.parameters(fault)),
                       step: step, plant: plant, equipment: nil, into: &sink)
            }
            protocolFaulted.insert(index)
            scheduleEnd(of: index, step: step)
        case .clear(let name):
            guard let started = spec.timeline.firstIndex(where: { $0.name == name }) else { return }
            pendingEnds.removeAll { $0.step == started }
            endFault(startedBy: started, at: time, cause: step.name, into: &sink)
        case .mark:
            for plant in plantIndices(step.plant) {
                record(.init(kind: .mark, name: step.name ?? "mark"), step: step, plant: plant, equipment: nil, into: &sink)
            }
        case .platform(let action):
            for plant in platformPlants(action, step: step) {
                sink.record(EngineEvent(time: clock.now, plant: plants[plant].enterprise.code, equipment: step.equipment,
                                        step: step.name, payload: .platform(action)))
            }
        }
    }

    mutating func scheduleEnd(of index: Int, step: TimelineStep) {
        guard let duration = step.duration else { return }
        let end = step.time + duration
        let position = pendingEnds.firstIndex { $0.end > end } ?? pendingEnds.endIndex
        pendingEnds.insert((end, index), at: position)
    }

    /// Ends the equipment or sensor fault that timeline step `index` started (if still active).
    mutating func endFault<Sink: TraceSink>(startedBy index: Int, at time: SimInstant, cause: String?, into sink: inout Sink) {
        let step = spec.timeline[index]
        if let sites = injected.removeValue(forKey: index), case .equipmentFault(let fault) = step.action {
            for site in sites {
                for target in site.equipment {
                    plants[site.plant].clear(fault, on: target, now: time, events: &plantEvents)
                    record(.init(kind: .faultCleared, name: fault.kindName,
                                 detail: cause.map { "cleared by \($0)" } ?? "duration elapsed"),
                           step: step, plant: site.plant, equipment: target, into: &sink)
                    flushPlantEvents(plant: site.plant, into: &sink)
                }
            }
        }
        if protocolFaulted.remove(index) != nil {
            let ended: (EngineEvent.Kind, String)? =
                switch step.action {
                case .protocolFault(let fault): (.protocolFaultEnded, fault.kind.name)
                case .networkFault(let fault): (.networkFaultEnded, fault.name)
                default: nil
                }
            if let (kind, name) = ended {
                for plant in plantIndices(step.plant) {
                    record(.init(kind: kind, name: name, detail: cause.map { "cleared by \($0)" } ?? "duration elapsed"),
                           step: step, plant: plant, equipment: nil, into: &sink)
                }
            }
        }
        if let sites = sensorFaulted.removeValue(forKey: index), case .sensorFault(let code, let fault) = step.action {
            for site in sites where overlays[site.plant].end(stepIndex: index, point: site.point) {
                record(.init(kind: .sensorFaultEnded, name: fault.kindName,
                             detail: "\(code): " + (cause.map { "cleared by \($0)" } ?? "duration elapsed")),
                       step: step, plant: site.plant, equipment: nil, into: &sink)
            }
        }
    }

    /// `MW_P_IN` or `MW_P_IN: perMin=0.5` (the point, then the fault's parameters).
    static func sensorDetail(_ code: String, _ parameters: String) -> String {
        parameters.isEmpty ? code : "\(code): \(parameters)"
    }

    /// The plants a `platform:` step acts on: of those it addresses, the ones that have its unit or
    /// point; if none has it, all it addresses (where the platform refuses it: an error record).
    func platformPlants(_ action: PlatformAction, step: TimelineStep) -> [Int] {
        let addressed = plantIndices(step.plant)
        let having = addressed.filter { plant in
            switch action {
            case .maintenance: plants[plant].equipment.contains { $0.id == step.equipment }
            case .pointDisabled(let point, _): plants[plant].pointIndex[point] != nil
            }
        }
        return having.isEmpty ? addressed : having
    }

    /// The plants a step addresses: the named enterprise, or all.
    func plantIndices(_ code: String?) -> [Int] {
        guard let code else { return Array(plants.indices) }
        return plants.indices.filter { plants[$0].enterprise.code == code }
    }

    func record<Sink: TraceSink>(
        _ action: EngineEvent.StepAction, step: TimelineStep, plant: Int, equipment: Int?, into sink: inout Sink
    ) {
        sink.record(
            EngineEvent(
                time: clock.now, plant: plants[plant].enterprise.code,
                equipment: equipment.map { plants[plant].equipment[$0].id }, step: step.name, payload: .step(action)))
    }
}
