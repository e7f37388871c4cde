import SimCore

/// Watches the uplink's backlog while a live run goes: a warning when it has grown since the last
/// look and is past `threshold` batches (the target is falling behind the plant).
public struct BacklogWatch: Sendable {
    public var threshold: Int
    var last = 0
    var warned = 0

    public init(threshold: Int = 20) { self.threshold = threshold }

    /// The warning for a backlog of `backlog` batches at plant time `time`, or nil.
    public mutating func check(_ backlog: Int, at time: SimInstant) -> String? {
        defer { last = backlog }
        guard backlog > threshold, backlog > last, backlog > warned else { return nil }
        warned = backlog
        return "uplink backlog \(backlog) batches at \(time) and growing: the target is falling behind "
            + "(lower --speed, or raise --drain-timeout)"
    }
}
