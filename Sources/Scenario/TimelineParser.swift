import ConfigText
import PlantModel
import SimCore

/// A timeline step as written, before its time is resolved.
struct RawStep {
    enum Timing {
        case at(SimDuration)
        case after(step: String, delay: SimDuration, location: SourceLocation)
    }

    var name: String?
    var nameLocation: SourceLocation
    var timing: Timing?
    var action: StepAction?
    var isFault: Bool
    var clearTarget: (name: String, location: SourceLocation)?
    var plant: String?
    var equipment: String?
    var duration: SimDuration?
    var location: SourceLocation
}

/// Parses `timeline:` entries: timing, exactly one action key, the action's parameters.
struct TimelineParser {
    let reader: YAMLReader
    let scope: PlantScope

    static let actionKeys = ["op", "fault", "sensor", "modbus", "network", "platform", "clear", "mark"]
    static let timingKeys = ["name", "at", "after", "delay"]
    var sink: DiagnosticSink { reader.sink }

    func parse(_ items: [YNode]) -> [RawStep] {
        items.compactMap(parseStep)
    }

    /// The action keys present in a step mapping (before any other checks).
    func actionKeysPresent(_ node: YNode) -> [String] {
        guard case .mapping(let pairs) = node.value else { return [] }
        return pairs.compactMap(\.key.scalarText).filter { Self.actionKeys.contains($0) }
    }

    func allowedKeys(for kind: String?, schemaName: String?) -> [String] {
        var keys = Self.timingKeys
        switch kind {
        case "op":
            keys += ["op", "plant", "equipment"] + Self.parameterNames(OperationSchema.all, schemaName)
        case "fault":
            keys += ["fault", "plant", "equipment", "duration"] + Self.parameterNames(FaultSchema.all, schemaName)
        case "sensor":
            keys += ["sensor", "plant", "point", "duration"] + Self.parameterNames(SensorFaultSchema.all, schemaName)
        case "modbus":
            keys += ["modbus", "duration"] + ProtocolFaultSchema.scopeKeys
                + Self.parameterNames(ProtocolFaultSchema.all, schemaName)
        case "network":
            keys += ["network", "duration", "plant"] + Self.parameterNames(NetworkFaultSchema.all, schemaName)
        case "platform": keys += ["platform", "plant", "equipment", "point"]
        case "clear": keys += ["clear"]
        case "mark": keys += ["mark"]
        default:
            keys += Self.actionKeys + ["plant", "equipment", "point", "duration"]
                + Self.parameterNames(OperationSchema.all, nil) + Self.parameterNames(FaultSchema.all, nil)
                + Self.parameterNames(SensorFaultSchema.all, nil) + ProtocolFaultSchema.scopeKeys
                + Self.parameterNames(ProtocolFaultSchema.all, nil) + Self.parameterNames(NetworkFaultSchema.all, nil)
        }
        return keys
    }

    /// The parameters of the named schema; of every schema in the table when the name is unknown
    /// (so a misspelt action name does not also report each of its parameters).
    static func parameterNames<A>(_ table: [ActionSchema<A>], _ name: String?) -> [String] {
        if let schema = table.first(where: { $0.name == name }) { return schema.parameters.map(\.name) }
        var names: [String] = []
        for parameter in table.flatMap(\.parameters) where !names.contains(parameter.name) { names.append(parameter.name) }
        return names
    }

    func parseStep(_ node: YNode) -> RawStep? {
        let kinds = actionKeysPresent(node)
        let kind = kinds.count == 1 ? kinds.first : nil
        var schemaName: String?
        if let kind, case .mapping(let pairs) = node.value, kind != "clear", kind != "mark", kind != "platform" {
            schemaName = pairs.first { $0.key.scalarText == kind }?.value.scalarText
        }
        let keys = allowedKeys(for: kind, schemaName: schemaName)
        guard let map = MapReader(node, what: "timeline step", keys: keys, reader: reader) else { return nil }
        if kinds.count != 1 {
            let found = kinds.isEmpty ? "none" : kinds.map { "'\($0)'" }.joined(separator: " and ")
            sink.error(node.location, "expected exactly one of op, fault, sensor, modbus, network, platform, clear or mark in timeline step, found \(found)")
        }
        let isFault = kinds.contains("fault") || kinds.contains("sensor") || kinds.contains("modbus")
            || kinds.contains("network")
        var step = RawStep(name: nil, nameLocation: node.location, timing: parseTiming(map), action: nil, isFault: isFault,
                           clearTarget: nil, plant: nil, equipment: nil, duration: nil, location: node.location)
        if let nameNode = map["name"], let name = reader.string(nameNode, "a step name") {
            step.name = name
            step.nameLocation = nameNode.location
        }
        parseTarget(map, into: &step)
        if let durationNode = map.present("duration"), let value = reader.duration(durationNode) {
            if value.milliseconds <= 0 {
                sink.error(durationNode.location, "expected a fault duration above 0, found '\(value)'")
            } else {
                step.duration = value
            }
        }
        if let kind { parseAction(kind, map, into: &step) }
        return step
    }

    func parseTiming(_ map: MapReader) -> RawStep.Timing? {
        let at = map["at"], after = map["after"], delay = map["delay"]
        if at != nil, after != nil {
            sink.error(map.keyLocation("after"), "a step has either 'at' or 'after', not both")
            return nil
        }
        if let at {
            if let delay { sink.error(delay.location, "'delay' only applies with 'after' (use 'at' alone)") }
            return reader.duration(at).map { .at($0) }
        }
        guard let after else {
            sink.error(map.node.location, "missing required key 'at' or 'after' in timeline step")
            return nil
        }
        guard let target = reader.string(after, "a step name") else { return nil }
        var wait = SimDuration.zero
        if let delay {
            guard let value = reader.duration(delay) else { return nil }
            wait = value
        }
        return .after(step: target, delay: wait, location: after.location)
    }

    func parseTarget(_ map: MapReader, into step: inout RawStep) {
        if let plantNode = map.present("plant"), let code = reader.string(plantNode, "an enterprise code") {
            if scope.complete, !scope.codes.contains(code) {
                sink.error(plantNode.location, "unknown plant '\(YNode.clip(code))'",
                           suggestion: Suggest.closest(to: code, among: scope.codes))
            } else {
                step.plant = code
            }
        }
        if let equipmentNode = map.present("equipment"), let id = reader.string(equipmentNode, "an equipment id") {
            if scope.check(id, in: scope.equipmentIds(step.plant), what: "equipment", plant: step.plant,
                           at: equipmentNode.location, sink: sink) {
                step.equipment = id
            }
        }
    }

    func parseAction(_ kind: String, _ map: MapReader, into step: inout RawStep) {
        guard let node = map[kind] else { return }
        switch kind {
        case "op":
            guard let name = reader.choice(node, OperationSchema.all.map(\.name), what: "operation"),
                  let schema = OperationSchema.named(name), let operation = schema.read(map, reader: reader) else { return }
            step.action = .operation(operation)
            scope.checkTargets(.operation(operation), plant: step.plant, equipment: step.equipment, at: node.location, sink: sink)
        case "fault":
            step.isFault = true
            guard let name = reader.choice(node, FaultSchema.all.map(\.name), what: "fault"),
                  let schema = FaultSchema.named(name), let fault = schema.read(map, reader: reader) else { return }
            if case .interlockBypassed(let interlock) = fault, let at = map["interlock"] {
                guard scope.check(interlock, in: scope.interlockNames(step.plant), what: "interlock", plant: step.plant,
                                  at: at.location, sink: sink) else { return }
            }
            step.action = .equipmentFault(fault)
            scope.checkTargets(.equipmentFault(fault), plant: step.plant, equipment: step.equipment, at: node.location, sink: sink)
        case "sensor":
            step.isFault = true
            let point = map.require("point").flatMap { reader.string($0, "a point code") }
            guard let name = reader.choice(node, SensorFaultSchema.all.map(\.name), what: "sensor fault"),
                  let schema = SensorFaultSchema.named(name), let fault = schema.read(map, reader: reader),
                  let point, let pointNode = map["point"] else { return }
            guard scope.check(point, in: scope.pointCodes(step.plant), what: "point", plant: step.plant,
                              at: pointNode.location, sink: sink) else { return }
            step.action = .sensorFault(point: point, fault)
        case "modbus":
            step.action = parseProtocolFault(node, map)
        case "network":
            guard let name = reader.choice(node, NetworkFaultSchema.all.map(\.name), what: "network fault"),
                  let schema = NetworkFaultSchema.named(name), let fault = schema.read(map, reader: reader) else { return }
            step.action = .networkFault(fault)
        case "platform":
            step.action = parsePlatform(node, map, step: step)
        case "clear":
            guard let target = reader.string(node, "the name of a fault step") else { return }
            step.clearTarget = (target, node.location)
            step.action = .clear(step: target)
        default:
            parseMark(node, into: &step)
        }
    }

    /// `platform: maintenance | endMaintenance` (with `equipment`) or `disablePoint | enablePoint`
    /// (with `point`).
    func parsePlatform(_ node: YNode, _ map: MapReader, step: RawStep) -> StepAction? {
        guard let name = reader.choice(node, PlatformAction.names, what: "platform action") else { return nil }
        if name.hasSuffix("aintenance") {
            guard step.equipment != nil else {
                if map.present("equipment") == nil { sink.error(node.location, "'\(name)' needs 'equipment' (the unit)") }
                return nil
            }
            return .platform(.maintenance(name == "maintenance"))
        }
        guard let pointNode = map.present("point") else {
            sink.error(node.location, "'\(name)' needs 'point'")
            return nil
        }
        guard let point = reader.string(pointNode, "a point code"),
              scope.check(point, in: scope.pointCodes(step.plant), what: "point", plant: step.plant,
                          at: pointNode.location, sink: sink)
        else { return nil }
        return .platform(.pointDisabled(point: point, name == "disablePoint"))
    }

    /// `mark: true`, or `mark: <name>` which names the step when `name:` is absent.
    func parseMark(_ node: YNode, into step: inout RawStep) {
        if node.isPlainScalar, let text = node.scalarText?.lowercased(), text == "true" {
            step.action = .mark
            return
        }
        guard let label = reader.string(node, "true or a mark name") else { return }
        if let name = step.name, name != label {
            sink.error(node.location, "mark '\(YNode.clip(label))' differs from the step's name '\(name)'")
            return
        }
        if step.name == nil { step.name = label; step.nameLocation = node.location }
        step.action = .mark
    }
}
