import PlantModel
import SimCore

/// Drives one casting line directly at dt = 0.1 s, reading values through `write(into:at:)`.
struct AluminiumLineRig {
    static let dt = 0.1
    var line: any Equipment
    var rng: SeededRandom
    var now = SimInstant.start
    var events: [PlantEvent] = []
    var values: [Double]
    let index: [String: Int]

    init(seed: UInt64 = 1, params: [String: ParameterValue] = [:]) {
        let type = AluminiumCatalogue.types.first { $0.name == "dcCastingLine" }!
        line = type.build(type.withDefaults(EquipmentConfig(type: "dcCastingLine", id: "L1", params: params)))
        rng = SeededRandom(seed: seed).fork(label: "L1")
        values = Array(repeating: .nan, count: line.points.count)
        var index: [String: Int] = [:]
        for (i, point) in line.points.enumerated() { index[point.code] = i }
        self.index = index
        line.write(into: &values, at: 0)
    }

    func value(_ code: String) -> Double {
        guard let i = index[code] else { preconditionFailure("no point \(code)") }
        return values[i]
    }

    /// Runs for `seconds`, calling `watch` after every step.
    mutating func run(_ seconds: Double, watch: (AluminiumLineRig) -> Void = { _ in }) {
        let steps = Int((seconds / Self.dt).rounded())
        for _ in 0..<steps {
            now = now + .ms(100)
            line.step(now: now, dt: Self.dt, rng: &rng, events: &events)
            line.write(into: &values, at: 0)
            watch(self)
        }
    }

    /// Runs and returns the (min, max) of one point over the run.
    mutating func extremes(of code: String, over seconds: Double) -> (min: Double, max: Double) {
        var lo = Double.infinity, hi = -Double.infinity
        run(seconds) { rig in
            lo = min(lo, rig.value(code))
            hi = max(hi, rig.value(code))
        }
        return (lo, hi)
    }

    mutating func apply(_ operation: Operation) { line.apply(operation, now: now, events: &events) }
    mutating func inject(_ fault: EquipmentFault) { line.inject(fault, now: now, events: &events) }
    mutating func clear(_ fault: EquipmentFault) { line.clear(fault, now: now, events: &events) }

    func events(_ kind: PlantEvent.Kind, _ name: String? = nil) -> [PlantEvent] {
        events.filter { $0.kind == kind && (name == nil || $0.name == name) }
    }

    /// Starts a nominal cast and runs until the interlocks are armed (cast length 600 mm).
    mutating func castPastWindow() {
        apply(.startCast(speedMmPerMin: 90))
        run(400)
    }
}
