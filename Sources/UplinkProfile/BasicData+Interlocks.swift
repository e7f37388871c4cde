import PlantModel

extension BasicData {
    /// One safety interlock (联锁) as the plant declares it: what trips it (trigger points and the
    /// limit side, with the points' limits in `targets`), what it does, how it shows it acted, when
    /// it is armed and the Order No. 10 clause behind it. A platform can supervise it without
    /// knowing our plant model.
    public struct InterlockEntry: Codable, Hashable, Sendable {
        /// Stable name, e.g. `mouldWaterLow`.
        public var name: String
        public var nameZh: String
        public var equipCode: String
        /// Points whose alarms trip it (their limits are in `targets`).
        public var triggerPoints: [String]
        /// `low` (their LL), `high` (their HH) or `both`.
        public var triggerSide: String
        /// The trigger in words, e.g. `MW_Q_IN below LL`.
        public var trigger: String
        /// What it does, e.g. `close quick cut-off`.
        public var actions: [String]
        /// Points whose values show it acted, with the value each reaches.
        public var resultPoints: [String: Double]
        /// When it is armed, e.g. `casting, cast length ≥ 400 mm`.
        public var activeWindow: String
        /// Seconds from trigger to action.
        public var delayS: Double
        public var clause: String

        public init(_ spec: InterlockSpec) {
            name = spec.name; nameZh = spec.nameZh; equipCode = spec.equipment; triggerPoints = spec.triggerPoints
            triggerSide = spec.triggerSide.rawValue; trigger = spec.trigger; actions = spec.actions
            resultPoints = spec.resultPoints; activeWindow = spec.activeWindow; delayS = spec.delayS
            clause = spec.clause
        }
    }
}
