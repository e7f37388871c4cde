import Foundation
import Scenario
import PlantModel
import SimCore

/// A tiny plant for engine tests: a tank whose inflow pump can trip; an interlock closes the
/// outlet valve when the level falls below LL.
struct FakeTank: Equipment {
    let id: String
    var level = 50.0
    var pumpOn = true
    var valveClosed = false
    var bypassed = false
    var casting = false

    var points: [PointSpec] {
        [
            PointSpec(
                code: "\(id)_LVL", nameZh: "液位", nameEn: "level", unit: "%", range: 0...100,
                limits: Limits(ll: 20, l: 30, h: 80, hh: 90), samplePeriod: .seconds(1), equipment: id,
                critical: true, noiseSigma: 0.2),
            PointSpec(
                code: "\(id)_VLV", nameZh: "阀", nameEn: "valve", unit: "", kind: .digital, range: 0...1,
                samplePeriod: .seconds(5), equipment: id, states: ["open", "closed"]),
        ]
    }

    var interlocks: [InterlockSpec] {
        [
            InterlockSpec(
                name: "lowLevel", nameZh: "低液位", equipment: id, triggerPoints: ["\(id)_LVL"], trigger: "LVL < LL",
                actions: ["close valve"], resultPoints: ["\(id)_VLV": 1], activeWindow: "always", delayS: 0,
                clause: "test")
        ]
    }

    func accepts(_ operation: PlantModel.Operation) -> Bool { operation == .startCast(speedMmPerMin: 80) }
    func accepts(_ fault: EquipmentFault) -> Bool {
        switch fault {
        case .pumpTrip(.mouldWater), .interlockBypassed: true
        default: false
        }
    }

    mutating func apply(_ operation: PlantModel.Operation, now: SimInstant, events: inout [PlantEvent]) {
        casting = true
        events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "castStarted"))
    }

    mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        if case .interlockBypassed = fault { bypassed = true } else { pumpOn = false }
    }

    mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent]) {
        if case .interlockBypassed = fault { bypassed = false } else { pumpOn = true }
    }

    mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {
        level += (pumpOn ? 1 : -2) * dt * (level < 60 || !pumpOn ? 1 : 0) + 0.01 * rng.nextGaussian()
        level = min(max(level, 0), 100)
        if level < 20 && !valveClosed {
            if bypassed {
                events.append(PlantEvent(time: now, kind: .interlockFailed, equipment: id, name: "lowLevel"))
            } else {
                valveClosed = true
                events.append(PlantEvent(time: now, kind: .interlockTripped, equipment: id, name: "lowLevel"))
            }
        }
    }

    func write(into values: inout [Double], at offset: Int) {
        values[offset] = level
        values[offset + 1] = valveClosed ? 1 : 0
    }
}

enum Fixtures {
    static let tankType = EquipmentType(
        name: "fakeTank", industry: .aluminium, summary: "test tank", parameters: []
    ) { config in FakeTank(id: config.id) }

    static let catalogue = [tankType]

    static func plant(code: String = "4501270001AL", tanks: [String] = ["T1"]) -> PlantConfig {
        PlantConfig(
            enterprise: Enterprise(
                code: code, name: "测试", nameEn: "Test", industry: .aluminium, regionCode: "450127", regionName: "横州市"),
            equipment: tanks.map { EquipmentConfig(type: "fakeTank", id: $0) })
    }

    static let here = SourceLocation(file: "test.yaml", line: 1, column: 1)

    static func step(
        _ name: String? = nil, at seconds: Double, _ action: StepAction, duration: SimDuration? = nil,
        equipment: String? = nil, plant: String? = nil
    ) -> TimelineStep {
        TimelineStep(
            name: name, time: SimInstant(milliseconds: Int64(seconds * 1000)), plant: plant, equipment: equipment,
            action: action, duration: duration, location: here)
    }

    static func scenario(duration: SimDuration = .minutes(2), seed: UInt64 = 7, timeline: [TimelineStep]) -> ScenarioSpec {
        ScenarioSpec(
            id: "test", titleZh: "测试", titleEn: "test", description: "", tags: [], clauses: [], incident: nil,
            plantPaths: ["plant.yaml"], seed: seed, epochUnixMs: 0, duration: duration, step: .ms(100),
            timeline: timeline, expectations: [], location: here)
    }
}
