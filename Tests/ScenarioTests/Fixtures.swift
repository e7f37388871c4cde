import Foundation
import PlantModel
import Scenario
import SimCore

/// An in-memory file system for the loader.
struct MemoryReader: SourceReader {
    var files: [String: String]
    func read(_ path: String) throws -> String {
        guard let text = files[path] else { throw SourceReadError(path: path, reason: "no such file") }
        return text
    }
}

/// A tiny casting line: four points, one interlock, a few operations and faults.
struct FakeLine: Equipment {
    var id: String
    var ropes: Int
    var points: [PointSpec] {
        [
            PointSpec(code: "MW_Q_IN", nameZh: "结晶器冷却水流量", nameEn: "Mould water flow", unit: "m3/h",
                      range: 0...400, limits: Limits(ll: 100, l: 120), equipment: id, critical: true),
            PointSpec(code: "MW_P_IN", nameZh: "结晶器冷却水压力", nameEn: "Mould water pressure", unit: "MPa",
                      range: 0...1, limits: Limits(ll: 0.15, l: 0.2, h: 0.6), equipment: id),
            PointSpec(code: "MW_T_IN", nameZh: "进水温度", nameEn: "Inlet temperature", unit: "°C",
                      range: 0...100, limits: Limits(h: 35, hh: 40), equipment: id),
            PointSpec(code: "AL_IN_WELL", nameZh: "铝液入井", nameEn: "Aluminium in well", unit: "", kind: .digital,
                      range: 0...1, limits: Limits(h: 0.5), equipment: id, states: ["no", "yes"]),
        ]
    }
    var interlocks: [InterlockSpec] {
        [InterlockSpec(name: "mouldWaterLow", nameZh: "结晶器冷却水低", equipment: id, triggerPoints: ["MW_Q_IN"],
                       trigger: "MW_Q_IN below LL", actions: ["close quick cut-off"], resultPoints: [:],
                       activeWindow: "casting", delayS: 1, clause: "Order10-Art5-3")]
    }
    func accepts(_ operation: PlantModel.Operation) -> Bool {
        switch operation {
        case .startCast, .stopCast, .setCastMode, .runSelfCheck, .resetInterlocks: true
        default: false
        }
    }
    func accepts(_ fault: EquipmentFault) -> Bool {
        switch fault {
        case .pumpTrip, .valveStuck, .powerLoss, .interlockBypassed, .mouldBleedOut: true
        default: false
        }
    }
    mutating func apply(_ operation: PlantModel.Operation, now: SimInstant, events: inout [PlantEvent]) {}
    mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {}
    mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {}
    mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {}
    func write(into values: inout [Double], at offset: Int) {}
}

/// A tiny steel converter, to test industry checks and multi-plant scenarios.
struct FakeConverter: Equipment {
    var id: String
    var points: [PointSpec] {
        [PointSpec(code: "O2_FLOW", nameZh: "氧气流量", nameEn: "Oxygen flow", unit: "m3/h", range: 0...60000, equipment: id)]
    }
    var interlocks: [InterlockSpec] {
        [InterlockSpec(name: "lanceWaterLow", nameZh: "氧枪冷却水低", equipment: id, triggerPoints: ["O2_FLOW"],
                       trigger: "lance water low", actions: ["raise lance"], resultPoints: [:], activeWindow: "blowing",
                       delayS: 0, clause: "")]
    }
    func accepts(_ operation: PlantModel.Operation) -> Bool { operation == .startBlow || operation == .stopBlow }
    func accepts(_ fault: EquipmentFault) -> Bool {
        if case .lanceLeak = fault { return true }
        return false
    }
    mutating func apply(_ operation: PlantModel.Operation, now: SimInstant, events: inout [PlantEvent]) {}
    mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {}
    mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {}
    mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {}
    func write(into values: inout [Double], at offset: Int) {}
}

enum Fixtures {
    static let catalogue: [EquipmentType] = [
        EquipmentType(name: "dcCastingLine", industry: .aluminium, summary: "fake DC casting line", parameters: [
            ParameterSpec("furnace", .text, default: .text("tilting"), allowed: ["tilting", "fixed"], summary: "furnace kind"),
            ParameterSpec("ropes", .integer, default: .number(4), range: 1...8, summary: "winch ropes"),
            ParameterSpec("emergencyTank", .flag, default: .flag(true), summary: "has an emergency tank"),
        ]) { config in FakeLine(id: config.id, ropes: config.int("ropes", default: 4)) },
        EquipmentType(name: "converter", industry: .steel, summary: "fake BOF", parameters: [
            ParameterSpec("capacityT", .number, default: .number(120), range: 10...400, summary: "heat size"),
        ]) { config in FakeConverter(id: config.id) },
    ]

    static let plantPath = "Scenarios/plants/aluminium-casting.yaml"
    static let scenarioPath = "Scenarios/aluminium/mould-water-loss.yaml"
    static let steelPath = "Scenarios/plants/steel.yaml"

    static let plant = """
    enterprise:
      code: "4501270002AL"
      name: 横州示范铝业有限公司
      nameEn: Hengzhou Demo Aluminium Co.
      industry: aluminium
      region: { code: "450127", name: 横州市 }
    equipment:
      - type: dcCastingLine
        id: L1
        params: { furnace: tilting, ropes: 4 }
    points:
      MW_Q_IN: { limits: { ll: 95 }, samplePeriod: 500ms }
      MW_P_IN: { limits: { h: null } }

    """

    static let steelPlant = """
    enterprise:
      code: "3205830001ST"
      name: 示范钢铁
      industry: steel
      region: { code: "320583", name: 昆山市 }
    equipment:
      - type: converter
        id: BOF1

    """

    static let scenario = """
    id: AL-01-mould-water-loss
    title: { zh: 结晶器冷却水失压, en: Mould cooling-water loss mid-cast }
    description: >
      One paragraph.
    tags: [aluminium, interlock]
    clauses: [Order10-Art5-3]
    incident: null
    plant: ../plants/aluminium-casting.yaml
    seed: 20240218
    epoch: "2024-05-01T08:00:00+08:00"
    duration: 30m
    step: 100ms
    timeline:
      - name: cast
        at: 1m
        op: startCast
        speedMmPerMin: 80
      - name: pump_trip
        at: 10m
        fault: pumpTrip
        pump: mouldWater
        equipment: L1
        duration: 5m
      - at: 12m
        sensor: drift
        point: MW_T_IN
        perMin: 0.5
        duration: 10m
      - after: pump_trip
        delay: 3m
        clear: pump_trip
      - name: checkpoint
        at: 20m
        mark: true
      - at: 30s
        op: runSelfCheck
    expect:
      - id: cutoff-alarm
        alarmRaised: { point: MW_Q_IN, level: LL }
        after: pump_trip
        from: 0s
        within: 10s
        plant: "4501270002AL"
        clauses: [Order10-Art5-3]
        note: optional text
      - alarmNotRaised: { point: AL_IN_WELL }
      - alarmCleared: { point: MW_Q_IN, level: LL }
        after: cast
        until: checkpoint
      - gradeReached: red
      - gradeNotExceeded: yellow
      - interlockTripped: mouldWaterLow
      - interlockNotTripped: mouldWaterLow
      - dataComplete: { point: MW_P_IN, minPct: 99 }

    """

    static func loader(_ files: [String: String], limits: LoadLimits = .default) -> ScenarioLoader {
        ScenarioLoader(reader: MemoryReader(files: files), limits: limits, catalogue: catalogue)
    }

    static var files: [String: String] { [plantPath: plant, scenarioPath: scenario, steelPath: steelPlant] }

    /// The scenario with `old` replaced by `new` (exactly once), validated; diagnostics as text.
    static func scenarioDiagnostics(replacing old: String, with new: String) -> [String] {
        var files = files
        files[scenarioPath] = scenario.replacingFirst(old, with: new)
        return loader(files).validate(path: scenarioPath).map(\.description)
    }

    static func plantDiagnostics(replacing old: String, with new: String) -> [String] {
        var files = files
        files[plantPath] = plant.replacingFirst(old, with: new)
        return loader(files).validate(path: plantPath).map(\.description)
    }
}

extension String {
    func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = range(of: old) else { return self + "\n#NOT FOUND: \(old)" }
        return replacingCharacters(in: range, with: new)
    }
}
