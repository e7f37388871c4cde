/// What a target file says about live runs besides observation (docs/targets.md): hooks run before
/// and after each scenario, the epoch the target sees, and templated requests that carry a
/// scenario's `platform:` steps to the target. Placeholders (`${NAME}`) in them are filled when the
/// request is made, from the environment plus the run's own variables (`RUN_ID`, `SCENARIO`,
/// `ENTERPRISE`, `EQUIPMENT`, `POINT`, `STEP`, `PLANT_MS`, `EPOCH_MS`).
public struct LiveSettings: Hashable, Sendable {
    /// Run before each scenario (`before`) and after it (`after`), in order.
    public var before: [Hook] = []
    public var after: [Hook] = []
    /// Which Unix time plant time zero is; nil: the mode's default (`now` in live modes).
    public var epoch: EpochChoice?
    /// Requests for scenario `platform:` steps, by step name (`maintenance`, `endMaintenance`,
    /// `disablePoint`, `enablePoint`).
    public var actions: [String: Request] = [:]
    /// Where the target says how many readings it received (for `dataComplete` in live modes).
    public var reception: Reception?

    public init() {}

    /// A reception-count endpoint: for each enterprise and each `intervalS` of plant time, a request
    /// (placeholders `${ENTERPRISE}`, `${FROM_MS}`, `${TO_MS}`: Unix ms, from inclusive, to
    /// exclusive, of the readings' own times) answering an object of point code → readings received,
    /// found at the JSON pointer `counts`.
    public struct Reception: Hashable, Sendable {
        public var request: Request
        public var counts: JSONPointer
        public var intervalS: Int = 60
        public init(request: Request, counts: JSONPointer) { self.request = request; self.counts = counts }
    }

    public enum EpochChoice: String, Hashable, Sendable, CaseIterable {
        /// Plant time zero is the wall clock when the scenario starts: the target sees today's times.
        case now
        /// Plant time zero is the scenario's `epoch` (a fixed date: byte-identical payloads).
        case scenario
    }

    /// An HTTP request made by a hook or an action.
    public struct Request: Hashable, Sendable {
        public var method = "POST"
        public var url: String
        public var headers: [String: String] = [:]
        public var body: String?
        /// Statuses that count as success; empty: any 2xx.
        public var expectStatus: [Int] = []
        public init(url: String) { self.url = url }
    }

    /// One hook: an HTTP request, or a shell command (`sh -c`) whose exit status 0 is success.
    public enum Hook: Hashable, Sendable {
        case request(Request)
        case command(String)
    }
}
