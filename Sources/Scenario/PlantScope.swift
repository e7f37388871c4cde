import ConfigText
import SimCore
import PlantModel

/// The built plants a scenario addresses, for checking point codes, equipment ids, interlock
/// names and which equipment accepts an action. When a plant file failed to load, `complete` is
/// false and the plant-dependent checks are skipped (the plant's own diagnostics say why).
struct PlantScope {
    struct Entry {
        var code: String
        var plant: Plant
    }

    var entries: [Entry]
    var complete: Bool

    var codes: [String] { entries.map(\.code) }

    /// The plants addressed by an optional `plant:` enterprise code.
    func select(_ code: String?) -> [Entry] {
        guard let code else { return entries }
        return entries.filter { $0.code == code }
    }

    func pointCodes(_ code: String?) -> [String] { select(code).flatMap { $0.plant.points.map(\.code) } }
    func equipmentIds(_ code: String?) -> [String] { select(code).flatMap { $0.plant.equipment.map(\.id) } }
    func interlockNames(_ code: String?) -> [String] { select(code).flatMap { $0.plant.interlocks.map(\.name) } }

    func label(_ code: String?) -> String {
        code ?? entries.map(\.code).joined(separator: ", ")
    }

    /// Checks a name against a list from the plants; reports an unknown name with a suggestion.
    func check(_ name: String, in names: [String], what: String, plant: String?, at location: SourceLocation,
               sink: DiagnosticSink) -> Bool {
        guard complete else { return true }
        if names.contains(name) { return true }
        let place = entries.count > 1 ? " in plant \(label(plant))" : ""
        sink.error(location, "unknown \(what) '\(YNode.clip(name))'\(place)",
                   suggestion: Suggest.closest(to: name, among: names))
        return false
    }

    /// Reports an action no equipment in scope accepts.
    func checkTargets(_ action: StepAction, plant: String?, equipment: String?, at location: SourceLocation, sink: DiagnosticSink) {
        guard complete else { return }
        let scope = select(plant)
        var count = 0
        let kind: String
        switch action {
        case .operation(let operation):
            kind = "operation '\(OperationSchema.name(of: operation))'"
            for entry in scope { count += entry.plant.targets(of: operation, target: equipment).count }
        case .equipmentFault(let fault):
            kind = "fault '\(fault.kindName)'"
            for entry in scope { count += entry.plant.targets(of: fault, target: equipment).count }
        default:
            return
        }
        guard count == 0 else { return }
        if let equipment {
            sink.error(location, "equipment '\(equipment)' in plant \(label(plant)) does not accept \(kind)")
        } else {
            sink.error(location, "no equipment in plant \(label(plant)) accepts \(kind)")
        }
    }
}

extension OperationSchema {
    /// The scenario-file name of an operation (`startCast`).
    static func name(of operation: Operation) -> String {
        switch operation {
        case .startCast: "startCast"
        case .stopCast: "stopCast"
        case .setCastMode: "setCastMode"
        case .tiltFurnace: "tiltFurnace"
        case .runSelfCheck: "runSelfCheck"
        case .resetInterlocks: "resetInterlocks"
        case .refillEmergencyTank: "refillEmergencyTank"
        case .startBlow: "startBlow"
        case .stopBlow: "stopBlow"
        case .lowerLance: "lowerLance"
        case .raiseLance: "raiseLance"
        case .hoistLadle: "hoistLadle"
        case .lowerLadle: "lowerLadle"
        case .setTopPressure: "setTopPressure"
        case .setBlastPressure: "setBlastPressure"
        case .setGasDemand: "setGasDemand"
        }
    }
}
