import PlantModel
import Scenario
import SimCore

/// One entry of the run's event log, in the order it happened.
public struct EngineEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// An operation from the timeline was applied.
        case operationApplied
        /// An equipment fault started / ended.
        case faultInjected
        case faultCleared
        /// A sensor fault started / ended on a point.
        case sensorFaultStarted
        case sensorFaultEnded
        /// A Modbus protocol fault started / ended (applied by the slave).
        case protocolFaultStarted
        case protocolFaultEnded
        /// A network fault started / ended (applied by the uplink sender).
        case networkFaultStarted
        case networkFaultEnded
        /// A `mark` step was reached.
        case mark
        /// A platform-side setting (`platform:` step): maintenance on/off, a point disabled/enabled.
        case platformAction
        // The plant's own reactions (PlantEvent kinds).
        case interlockTripped
        case interlockFailed
        case interlockReset
        case stateChanged
        case operationRefused
    }

    /// What happened, typed: consumers switch on this, never on the public wording.
    public enum Payload: Hashable, Sendable {
        /// The plant's own reaction (an interlock, a change of state, a refused operation).
        case plant(PlantEvent)
        /// A timeline step acted on the plant or a transport (operation, fault start or end, mark),
        /// in its public wording: `name` as in the scenario file, `detail` its parameters or cause.
        case step(StepAction)
        /// A `platform:` step: a setting the enterprise makes on the platform side.
        case platform(PlatformAction)
    }

    /// A timeline step's effect in its public wording (`EventWording`).
    public struct StepAction: Hashable, Sendable {
        public var kind: Kind
        public var name: String
        public var detail: String

        public init(kind: Kind, name: String, detail: String = "") {
            self.kind = kind; self.name = name; self.detail = detail
        }
    }

    public var time: SimInstant
    /// Enterprise code of the plant.
    public var plant: String
    public var equipment: String?
    /// The timeline step that caused it, if any.
    public var step: String?
    public var payload: Payload

    public init(time: SimInstant, plant: String, equipment: String?, step: String?, payload: Payload) {
        self.time = time; self.plant = plant; self.equipment = equipment; self.step = step; self.payload = payload
    }

    init(_ event: PlantEvent, plant: String) {
        self.init(time: event.time, plant: plant, equipment: event.equipment, step: nil, payload: .plant(event))
    }

    public var kind: Kind {
        switch payload {
        case .plant(let event):
            switch event.kind {
            case .interlockTripped: .interlockTripped
            case .interlockFailed: .interlockFailed
            case .interlockReset: .interlockReset
            case .stateChanged: .stateChanged
            case .operationRefused: .operationRefused
            }
        case .step(let action): action.kind
        case .platform: .platformAction
        }
    }

    /// The public name (events.jsonl, trace files, history): interlock, state or action name; for
    /// timeline events the step's action name.
    public var name: String {
        switch payload {
        case .plant(let event): event.name
        case .step(let action): action.name
        case .platform(let action): action.name
        }
    }

    /// The public detail: the plant's explanation, a step's parameters or cause, a platform
    /// action's point.
    public var detail: String {
        switch payload {
        case .plant(let event): event.detail
        case .step(let action): action.detail
        case .platform(.pointDisabled(let point, _)): point
        case .platform(.maintenance): ""
        }
    }
}
