import PlantModel
import SimCore

/// Drives one steel equipment instance directly at dt = 0.1 s with its own seeded stream.
struct SteelRig {
    var unit: any Equipment
    var rng: SeededRandom
    var now = SimInstant.start
    var events: [PlantEvent] = []
    var values: [Double]
    let index: [String: Int]
    let id: String

    init(_ typeName: String, id: String, params: [String: ParameterValue] = [:], seed: UInt64 = 42) {
        let type = SteelCatalogue.types.first { $0.name == typeName }!
        unit = type.build(type.withDefaults(EquipmentConfig(type: typeName, id: id, params: params)))
        rng = SeededRandom(seed: seed).fork(label: id)
        values = Array(repeating: .nan, count: unit.points.count)
        var index: [String: Int] = [:]
        for (i, point) in unit.points.enumerated() { index[point.code] = i }
        self.index = index
        self.id = id
        unit.write(into: &values, at: 0)
    }

    /// The current value of `<id>_<suffix>`.
    func value(_ suffix: String) -> Double { values[index["\(id)_\(suffix)"]!] }

    var seconds: Double { now.seconds }

    mutating func step() {
        now = now + .ms(100)
        unit.step(now: now, dt: 0.1, rng: &rng, events: &events)
        unit.write(into: &values, at: 0)
    }

    /// Runs for `seconds`, calling `check` after every step.
    mutating func run(_ seconds: Double, check: (SteelRig) -> Void = { _ in }) {
        for _ in 0..<Int((seconds * 10).rounded()) {
            step()
            check(self)
        }
    }

    /// Runs until `condition` holds or `limit` seconds pass; returns the time it first held.
    @discardableResult
    mutating func run(until limit: Double, _ condition: (SteelRig) -> Bool) -> Double? {
        for _ in 0..<Int((limit * 10).rounded()) {
            step()
            if condition(self) { return seconds }
        }
        return nil
    }

    mutating func apply(_ operation: Operation) { unit.apply(operation, now: now, events: &events) }
    mutating func inject(_ fault: EquipmentFault) { unit.inject(fault, now: now, events: &events) }
    mutating func clear(_ fault: EquipmentFault) { unit.clear(fault, now: now, events: &events) }

    func events(_ kind: PlantEvent.Kind, _ name: String) -> [PlantEvent] {
        events.filter { $0.kind == kind && $0.name == name }
    }

    /// Points whose value is beyond any of its alarm limits right now (codes).
    func alarms() -> [String] {
        unit.points.enumerated().compactMap { i, point in
            let v = values[i]
            let l = point.limits
            let bad = (l.ll.map { v <= $0 } ?? false) || (l.l.map { v <= $0 } ?? false)
                || (l.h.map { v >= $0 } ?? false) || (l.hh.map { v >= $0 } ?? false)
            return bad ? point.code : nil
        }
    }
}
