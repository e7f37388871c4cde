import SimCore

/// One equipment instance of the catalogue (a blast furnace, a DC casting line, …): its state,
/// physics and interlocks. Implementations are value types and pure: time comes in as `now`/`dt`,
/// randomness as the instance's own `rng` stream.
public protocol Equipment: Sendable {
    /// Instance id from the plant file (e.g. `BF1`, `L1`).
    var id: String { get }
    /// The points this instance exposes, in the order `write(into:at:)` fills them.
    var points: [PointSpec] { get }
    /// The safety interlocks this instance implements.
    var interlocks: [InterlockSpec] { get }

    /// Whether this instance handles the operation / fault at all (used to validate scenarios).
    func accepts(_ operation: Operation) -> Bool
    func accepts(_ fault: EquipmentFault) -> Bool

    /// Apply an operator action now. Refusals (e.g. a cast start blocked by a failed self-check)
    /// are reported as `operationRefused` events, not errors.
    mutating func apply(_ operation: Operation, now: SimInstant, events: inout [PlantEvent])
    mutating func inject(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent])
    /// End a fault injected earlier (a repaired pump, a cleared leak). Some faults cannot be
    /// undone physically (a broken rope); those stay.
    mutating func clear(_ fault: EquipmentFault, now: SimInstant, events: inout [PlantEvent])

    /// Advance the physics by `dt` seconds ending at `now`.
    mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent])

    /// Write the true (noise-free as far as the process goes) values of `points` starting at `offset`.
    func write(into values: inout [Double], at offset: Int)
}

/// A safety interlock as documented and supervised (e.g. by the reference platform).
public struct InterlockSpec: Hashable, Sendable, Codable {
    /// Stable name used in events and scenarios (e.g. `mouldWaterLow`).
    public var name: String
    public var nameZh: String
    public var equipment: String
    /// Point codes whose alarm triggers it.
    public var triggerPoints: [String]
    /// Human description of the trigger (e.g. `MW_Q_IN below LL`).
    public var trigger: String
    /// What it does (e.g. `close quick cut-off, open emergency discharge, …`).
    public var actions: [String]
    /// Point codes whose values show the actions were taken, with the expected value.
    public var resultPoints: [String: Double]
    /// When it is armed (e.g. `casting, cast length ≥ 400 mm`).
    public var activeWindow: String
    /// Delay from trigger to action, seconds.
    public var delayS: Double
    public var clause: String
    /// Which extreme of the trigger points trips it: their LL alarms, their HH alarms, or both.
    public var triggerSide: TriggerSide

    /// Low (LL), high (HH) or either.
    public enum TriggerSide: String, Hashable, Sendable, Codable {
        case low, high, both
    }

    public init(
        name: String, nameZh: String, equipment: String, triggerPoints: [String], trigger: String,
        actions: [String], resultPoints: [String: Double], activeWindow: String, delayS: Double, clause: String,
        triggerSide: TriggerSide = .both
    ) {
        self.name = name; self.nameZh = nameZh; self.equipment = equipment; self.triggerPoints = triggerPoints
        self.trigger = trigger; self.actions = actions; self.resultPoints = resultPoints
        self.activeWindow = activeWindow; self.delayS = delayS; self.clause = clause; self.triggerSide = triggerSide
    }
}

/// Something the plant itself did or refused, recorded by the engine in order.
public struct PlantEvent: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// An interlock acted (`name` is the interlock).
        case interlockTripped
        /// An interlock should have acted but could not (bypassed, valve stuck or failed).
        case interlockFailed
        /// Tripped interlocks were reset.
        case interlockReset
        /// A notable change of state (`castStarted`, `emergencyWaterEngaged`, `ropeBroken`, …).
        case stateChanged
        /// An operation was refused by the plant's own logic (`castStartBlocked`, `hoistBlocked`, …).
        case operationRefused
    }

    public var time: SimInstant
    public var kind: Kind
    public var equipment: String
    public var name: String
    public var detail: String

    public init(time: SimInstant, kind: Kind, equipment: String, name: String, detail: String = "") {
        self.time = time; self.kind = kind; self.equipment = equipment; self.name = name; self.detail = detail
    }
}
