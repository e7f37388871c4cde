import Foundation
import PlantModel
import Reference
import struct Scenario.LoadedScenario
import struct Scenario.ScenarioLoader
import struct Scenario.ScenarioSpec
import protocol Scenario.SourceReader
import SimCore
import Simulation

/// A small synthetic enterprise for unit tests (codes prefixed `T_`).
enum TestPlant {
    static let code = "450100TEST"
    static let enterprise = Enterprise(
        code: code, name: "测试", nameEn: "Test", industry: .aluminium, regionCode: "450100", regionName: "测试区")

    static func point(_ code: String, _ kind: PointKind = .analog, range: ClosedRange<Double> = 0...100,
                      limits: Limits = .none, critical: Bool = false, states: [String] = []) -> PointSpec {
        PointSpec(code: code, nameZh: code, nameEn: code, unit: "u", kind: kind, range: range, limits: limits,
                  equipment: "T1", critical: critical, states: states)
    }

    static let points: [PointSpec] = [
        point("T_LVL", limits: Limits(ll: 10, l: 20, h: 80, hh: 90), critical: true),
        point("T_TEMP", range: 0...200, limits: Limits(h: 150, hh: 180)),
        point("T_VLV", .digital, range: 0...1, critical: true, states: ["open", "closed"]),
        point("T_FLT", .digital, range: 0...1, limits: Limits(h: 1), critical: true, states: ["ok", "fault"]),
        point("T_PWR", .digital, range: 0...1, limits: Limits(l: 0), critical: true, states: ["lost", "on"]),
        point("T_AL", .digital, range: 0...1, limits: Limits(hh: 1), critical: true, states: ["clear", "detected"]),
        point("T_MODE", .enumeration, range: 0...2, critical: true, states: ["auto", "manual", "sim"]),
        point("T_RUN", .digital, range: 0...1, critical: true, states: ["idle", "running"]),
        point("T_CO", range: 0...1000, limits: Limits(h: 24, hh: 160), critical: true),
        point("T1_INTLK_BYP", .digital, range: 0...1, limits: Limits(hh: 1), states: ["normal", "bypassed"]),
        point("T_POS", range: 0...20, critical: true),
    ]

    static let interlocks = [
        InterlockSpec(name: "lowLevel", nameZh: "低低液位联锁", equipment: "T1", triggerPoints: ["T_LVL"],
                      trigger: "T_LVL < LL", actions: ["close valve", "park"], resultPoints: ["T_VLV": 1, "T_POS": 12],
                      activeWindow: "running", delayS: 2, clause: "test"),
    ]

    static func plant(equipment: [EquipmentConfig] = [], enterprise: Enterprise = enterprise) -> ReferencePlant {
        ReferencePlant(enterprise: enterprise, points: points, interlocks: interlocks, equipment: equipment)
    }

    /// Default rules plus a window on the test interlock and a state rule on the test points.
    static func rules(_ change: (inout ReferenceRules) -> Void = { _ in }) -> ReferenceRules {
        var rules = ReferenceRules.defaults
        rules.interlocks.windows["lowLevel"] = .equals(point: "T_RUN", value: 1)
        rules.stateRules.append(StateRule(id: "DI-test-manual-while-running", point: "T_MODE", equals: 1,
                                          when: .equals(point: "T_RUN", value: 1)))
        rules.risk.coPoints = ["T_CO"]
        rules.risk.alInWellPoints = ["T_AL"]
        rules.risk.castingWhen = .equals(point: "T_RUN", value: 1)
        rules.risk.safetyFaultPoints = ["T_FLT"]
        change(&rules)
        return rules
    }

    /// Normal values of every point.
    static let normal: [String: Double] = [
        "T_LVL": 50, "T_TEMP": 60, "T_VLV": 0, "T_FLT": 0, "T_PWR": 1, "T_AL": 0, "T_MODE": 0, "T_RUN": 1,
        "T_CO": 2, "T1_INTLK_BYP": 0, "T_POS": 1.5,
    ]
}

/// Drives a core with per-second samples of every test point; `values` holds what each point reads.
struct Rig {
    var core: ReferenceCore
    var values = TestPlant.normal
    var qualities: [String: Quality] = [:]
    /// Points that send nothing.
    var silent: Set<String> = []
    /// Analog points sent without the tiny alternating jitter every other analog point gets
    /// (so that only these can look frozen).
    var steady: Set<String> = []
    var time = SimInstant.start
    var count = 0

    init(rules: ReferenceRules = TestPlant.rules(), plants: [ReferencePlant] = [TestPlant.plant()]) {
        core = ReferenceCore(plants: plants, rules: rules)
    }

    /// One sample of every point at the current time, then the clock moves on by `step`.
    mutating func tick(step: SimDuration = .seconds(1)) {
        count += 1
        for spec in TestPlant.points where !silent.contains(spec.code) {
            var value = values[spec.code] ?? 0
            if spec.kind == .analog && !steady.contains(spec.code) && count % 2 == 0 { value += 1e-6 }
            let sample = ReferenceSample(enterprise: TestPlant.code, point: spec.code, time: time,
                                         value: value, quality: qualities[spec.code] ?? .good)
            try? core.ingest(sample)
        }
        core.advance(to: time)
        time = time + step
    }

    mutating func run(seconds: Int, step: Int = 1) {
        for _ in 0..<(seconds / step) { tick(step: .seconds(Double(step))) }
    }
    mutating func run(minutes: Double, step: Int = 1) { run(seconds: Int(minutes * 60), step: step) }

    func alarms(_ point: String, _ level: AlarmLevel? = nil) -> [AlarmRecord] {
        core.alarms(enterprise: TestPlant.code, point: point, level: level)
    }

    var hazard: [AlarmRecord] { core.alarms(category: .hazard) }
    var grade: GradeStatus? { core.grade(of: TestPlant.code) }
}

/// Feeds the engine's samples into a core (the lockstep adapter lives here, in tests, because the
/// core may not depend on Simulation).
struct LockstepFeed: TraceSink {
    var core: ReferenceCore
    var events: [EngineEvent] = []
    var lastTime = SimInstant.start

    mutating func record(_ sample: Sample) {
        core.ingest(enterprise: sample.plant, point: sample.point, time: sample.time, value: sample.value,
                    quality: sample.quality)
        lastTime = sample.time
    }

    mutating func record(_ event: EngineEvent) { events.append(event) }
}

enum Shipped {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Reader: SourceReader {
        func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func scenario(_ relative: String) throws -> LoadedScenario {
        try ScenarioLoader(reader: Reader()).loadScenario(path: path(relative))
    }

    static func plant(_ relative: String) throws -> PlantConfig {
        try ScenarioLoader(reader: Reader()).loadPlant(path: path(relative))
    }

    static func defaultRules() throws -> ReferenceRules {
        let text = try String(contentsOfFile: path("Scenarios/rules/default.yaml"), encoding: .utf8)
        return try RulesParser.parse(text, file: "default.yaml", over: ReferenceRules())
    }

    /// Runs a spec through the engine in lockstep with a core built from its plants.
    static func run(_ spec: ScenarioSpec, plants: [PlantConfig], rules: ReferenceRules = .defaults) -> LockstepFeed {
        var engine = Engine(spec: spec, plantConfigs: plants)
        var feed = LockstepFeed(core: ReferenceCore(plants: plants.map { ReferencePlant(config: $0) }, rules: rules))
        while !engine.isFinished {
            engine.tick(into: &feed)
            feed.core.advance(to: feed.lastTime)
        }
        return feed
    }
}

extension Rig: CustomStringConvertible {
    var description: String { "rig at \(time) with \(core.alarms.count) alarms, grade \(grade?.grade.rawValue ?? "-")" }
}
