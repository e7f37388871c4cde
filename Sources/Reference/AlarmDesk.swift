import SimCore

/// The alarm engine's own state — the alarm log and the events not yet drained — with the rules
/// it applies. Kept apart from the sites so the core can hand a check one site and the desk at
/// once: two stored properties of the core, statically exclusive (no copy, no runtime check).
/// The per-sample checks (`AlarmDesk+Ingest`, `+Alarms`, `+Rules`, `+Interlocks`) are its methods.
struct AlarmDesk: Sendable {
    let rules: ReferenceRules
    /// The per-sample rule switches, read without hashing rule ids.
    let checks: QualityChecks
    let start: SimInstant
    var log = AlarmLog()
    var events: [ReferenceEvent] = []

    init(rules: ReferenceRules, start: SimInstant) {
        self.rules = rules
        checks = QualityChecks(rules)
        self.start = start
    }
}

/// Which per-sample checks the rules enable (rule ids looked up once, not per sample).
struct QualityChecks: Sendable {
    let badQuality, outOfRange, frozen, offline, exclusions: Bool

    init(_ rules: ReferenceRules) {
        badQuality = rules.isEnabled(RiskRuleID.qualityBadQuality)
        outOfRange = rules.isEnabled(RiskRuleID.qualityOutOfRange)
        frozen = rules.isEnabled(RiskRuleID.qualityFrozen)
        offline = rules.isEnabled(RiskRuleID.qualityOffline)
        exclusions = rules.isEnabled(RiskRuleID.exclusions)
    }
}
