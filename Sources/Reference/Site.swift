import PlantModel
import SimCore

/// One enterprise as the core runs it: compiled rules and runtime state.
struct Site: Sendable {
    let plant: ReferencePlant
    var code: String { plant.enterprise.code }
    let index: [String: Int]
    /// What the per-sample checks read of each point, without its strings (no retains per sample).
    let shapes: [PointShape]
    var config: [PointConfig]
    var monitors: [PointMonitor]
    var stateRules: [CompiledStateRule]
    let rateRules: [RateRule]
    let rateRulePoint: [Int]
    let interlocks: [CompiledInterlock]
    var supervisions: [Supervision] = []
    /// Per interlock: when its active window last held at a one-second timer tick (a trigger that
    /// arrives in the same instant as the plant's own reaction still finds the window armed).
    var windowHeldAt: [SimInstant?] = []
    var grade = GradeState()
    /// Last sample (of any point) that was not offline.
    var lastSampleAt: SimInstant?
    var onlineBelowOrangeSince: SimInstant?
    var maintenance: Set<String>
    var disabledPoints: Set<String>

    struct CompiledStateRule: Sendable {
        var rule: StateRule
        var point: Int
        var when: PointTest?
        var critical: Bool
        var alarm: Int?
        var pendingSince: SimInstant?
    }

    struct CompiledInterlock: Sendable {
        var spec: InterlockSpec
        var triggers: [Int]
        var results: [(point: Int, value: Double)]
        var window: PointTest?
    }

    /// A trigger alarm being watched for the interlock's result state.
    struct Supervision: Sendable {
        var interlock: Int
        var triggerAlarm: Int
        var startedAt: SimInstant
        var deadline: SimInstant
        var startValues: [Double]
        var alarm: Int?
    }

    init(plant: ReferencePlant, rules: ReferenceRules) {
        self.plant = plant
        var index: [String: Int] = [:]
        for (i, point) in plant.points.enumerated() { index[point.code] = i }
        self.index = index
        shapes = plant.points.map {
            PointShape(kind: $0.kind, rangeMin: $0.rangeMin, rangeMax: $0.rangeMax, limits: $0.limits)
        }
        let code = plant.enterprise.code
        maintenance = Set(plant.equipment.map(\.id).filter { id in
            rules.exclusions.maintenance.contains { $0.matches(enterprise: code, id) }
        })
        disabledPoints = Set(plant.points.map(\.code).filter { point in
            rules.exclusions.disabledPoints.contains { $0.matches(enterprise: code, point) }
        })
        let resolver = NameResolver(index: index)
        stateRules = Site.compileStateRules(plant: plant, rules: rules, resolver: resolver)
        var rateRules: [RateRule] = []
        var ratePoint: [Int] = []
        for rule in rules.rateRules where rules.isEnabled(rule.id) {
            for (i, point) in plant.points.enumerated() where PointName.matches(point.code, rule.point) {
                rateRules.append(rule)
                ratePoint.append(i)
            }
        }
        self.rateRules = rateRules
        rateRulePoint = ratePoint
        interlocks = plant.interlocks.map { spec in
            let window = rules.interlocks.windows[spec.name].map {
                resolver.resolve($0, prefix: "", equipment: spec.equipment)
            }
            return CompiledInterlock(
                spec: spec, triggers: spec.triggerPoints.compactMap { index[$0] },
                results: spec.resultPoints.sorted { $0.key < $1.key }.compactMap { key, value in
                    index[key].map { ($0, value) }
                }, window: window.map { PointTest($0, index: index) })
        }
        monitors = Array(repeating: PointMonitor(), count: plant.points.count)
        config = []
        config = plant.points.indices.map { compileConfig(point: $0, rules: rules, resolver: resolver) }
    }

    static func compileStateRules(plant: ReferencePlant, rules: ReferenceRules, resolver: NameResolver)
        -> [CompiledStateRule]
    {
        var out: [CompiledStateRule] = []
        for rule in rules.stateRules where rules.isEnabled(rule.id) {
            for (i, point) in plant.points.enumerated() where PointName.matches(point.code, rule.point) {
                let prefix = PointName.prefix(of: point.code, name: rule.point)
                let when = rule.when.map { resolver.resolve($0, prefix: prefix, equipment: point.equipment) }
                out.append(CompiledStateRule(
                    rule: rule, point: i, when: when.map { PointTest($0, index: resolver.index) },
                    critical: rule.critical ?? point.critical))
            }
        }
        return out
    }

    func compileConfig(point i: Int, rules: ReferenceRules, resolver: NameResolver) -> PointConfig {
        let spec = plant.points[i]
        let span = spec.rangeMax - spec.rangeMin
        var config = PointConfig(
            deadband: span * rules.alarms.deadbandPct / 100,
            onDelay: spec.critical ? rules.alarms.criticalOnDelay : rules.alarms.onDelay,
            disabledSlots: 0, conditionalSlots: 0, when: nil,
            frozenCheck: spec.kind == .analog && rules.quality.frozenAfter > .zero
                && !rules.quality.frozenExempt.contains { PointName.matches(spec.code, $0) },
            rateRules: rateRulePoint.indices.filter { rateRulePoint[$0] == i },
            stateRules: stateRules.indices.filter { stateRules[$0].point == i || stateRules[$0].when?.reads(i) == true },
            triggers: interlocks.indices.filter { interlocks[$0].triggers.contains(i) },
            disabled: false)
        for rule in rules.points where PointName.matches(spec.code, rule.point)
            && (rule.enterprise == nil || rule.enterprise == code)
        {
            if let deadband = rule.deadband { config.deadband = deadband }
            if let delay = rule.onDelay { config.onDelay = delay }
            config.disabledSlots |= AlarmLevel.slotBits(rule.disabledLevels)
            if let when = rule.when {
                let prefix = PointName.prefix(of: spec.code, name: rule.point)
                config.when = PointTest(resolver.resolve(when, prefix: prefix, equipment: spec.equipment), index: index)
                config.conditionalSlots |= AlarmLevel.slotBits(rule.conditionalLevels)
            }
        }
        return config
    }

    /// Is the point excluded (停用, or its equipment in maintenance)?
    func isExcluded(_ point: Int) -> Bool {
        let spec = plant.points[point]
        return disabledPoints.contains(spec.code) || maintenance.contains(spec.equipment)
    }

    /// Whether a test holds on the latest good values (no test: true).
    func holds(_ test: PointTest?) -> Bool {
        guard let test else { return true }
        return test.holds(monitors)
    }
}

/// A point's numbers (kind, range, limits) as the per-sample checks read them.
struct PointShape: Sendable {
    var kind: PointKind
    var rangeMin: Double
    var rangeMax: Double
    var limits: Limits
    /// Strictly between these the value is beyond none of the limits (the common case: a sample
    /// there with no limit alarm open or pending needs no further look).
    var quietAbove: Double
    var quietBelow: Double

    init(kind: PointKind, rangeMin: Double, rangeMax: Double, limits: Limits) {
        self.kind = kind; self.rangeMin = rangeMin; self.rangeMax = rangeMax; self.limits = limits
        quietAbove = [limits.ll, limits.l].compactMap { $0 }.max() ?? -.infinity
        quietBelow = [limits.h, limits.hh].compactMap { $0 }.min() ?? .infinity
    }
}

/// Resolves rule point names to the codes of one enterprise.
struct NameResolver: Sendable {
    let index: [String: Int]

    func code(_ name: String, prefix: String, equipment: String) -> String {
        for candidate in [prefix + name, name, equipment + "_" + name] where index[candidate] != nil {
            return candidate
        }
        return name
    }

    func resolve(_ condition: Condition, prefix: String, equipment: String) -> Condition {
        let map = { (name: String) in code(name, prefix: prefix, equipment: equipment) }
        switch condition {
        case .equals(let point, let value): return .equals(point: map(point), value: value)
        case .notEquals(let point, let value): return .notEquals(point: map(point), value: value)
        case .atLeast(let point, let value): return .atLeast(point: map(point), value: value)
        case .atMost(let point, let value): return .atMost(point: map(point), value: value)
        case .any(let list): return .any(list.map { resolve($0, prefix: prefix, equipment: equipment) })
        case .all(let list): return .all(list.map { resolve($0, prefix: prefix, equipment: equipment) })
        }
    }
}
