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
        /// Points whose values show it acted, with the value each reaches (in code order).
        public var resultPoints: [ResultPoint]
        /// When it is armed, e.g. `casting, cast length ≥ 400 mm`.
        public var activeWindow: String
        /// Seconds from trigger to action.
        public var delayS: Double
        public var clause: String

        public init(_ spec: InterlockSpec) {
            name = spec.name; nameZh = spec.nameZh; equipCode = spec.equipment; triggerPoints = spec.triggerPoints
            triggerSide = spec.triggerSide.rawValue; trigger = spec.trigger; actions = spec.actions
            resultPoints = spec.resultPoints.sorted { $0.key < $1.key }.map { ResultPoint(targetCode: $0.key, value: $0.value) }; activeWindow = spec.activeWindow; delayS = spec.delayS
            clause = spec.clause
        }
    }

    /// A point and the value it reaches when the interlock has acted.
    public struct ResultPoint: Codable, Hashable, Sendable {
        public var targetCode: String
        public var value: Double
        public init(targetCode: String, value: Double) { self.targetCode = targetCode; self.value = value }
    }
}
