import SimCore

extension ReferenceRules {
    /// The defaults (the same as `Scenarios/rules/default.yaml`; see docs/risk-rules.md).
    public static let defaults: ReferenceRules = {
        var rules = ReferenceRules()
        let casting = Condition.equals(point: "CM_CASTING", value: 1)
        var speed = PointRule(point: "CM_SPEED")
        speed.conditionalLevels = [.ll, .l]
        speed.when = casting
        rules.points = [speed]
        var manual = StateRule(id: "DI-manual-while-casting", point: "CM_MODE", equals: 1, when: casting)
        manual.limit = .h
        var simulation = StateRule(id: "DI-simulation-while-casting", point: "CM_MODE", equals: 2, when: casting)
        simulation.limit = .h
        rules.stateRules = [manual, simulation]
        rules.rateRules = [
            RateRule(id: "RATE-launder-outlet", point: "LD_LVL_OUT", maxPerS: 15),
            RateRule(id: "RATE-launder-table", point: "LD_LVL_TBL", maxPerS: 15),
        ]
        let armed = Condition.all([casting, .atLeast(point: "CM_LEN", value: 400)])
        let blowing = Condition.equals(point: "O2_VLV", value: 1)
        rules.interlocks.windows = [
            "mouldWaterLow": armed, "launderLevel": armed, "alInWell": armed, "platformFault": casting,
            "lanceWaterLeak": blowing,
            "lanceWaterPressureLow": .any([blowing, .atMost(point: "LNC_POS", value: 11.9)]),
        ]
        return rules
    }()
}
