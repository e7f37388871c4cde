import Foundation

/// What `/health` says of one Modbus poller: whether its slave answers, when it last did, and the
/// last error (docs/openapi.yaml, `PollerStatus`).
public struct PollerStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// Not connected yet (the first attempt is under way).
        case connecting
        /// The last cycle read every register.
        case connected
        /// The slave did not answer (connection refused, closed or timed out); every point is offline.
        case lost
    }

    public var enterprise: String
    public var address: String
    public var state: State
    /// Wall time (Unix ms) of the last cycle that read every register.
    public var lastReadMs: Int64?
    public var error: String?

    public init(enterprise: String, address: String, state: State = .connecting, lastReadMs: Int64? = nil, error: String? = nil) {
        self.enterprise = enterprise; self.address = address; self.state = state; self.lastReadMs = lastReadMs
        self.error = error
    }

    /// The line `serve` logs when the state changes (nil when it did not).
    static func change(from old: PollerStatus, to new: PollerStatus, intervalMs: Int) -> String? {
        let subject = "poll \(new.enterprise) at \(new.address)"
        switch (old.state, new.state) {
        case (.connecting, .connected), (.lost, .connected): return "\(subject): connected"
        case (.connected, .lost):
            return "\(subject): connection lost (\(new.error ?? "no answer")); points offline, retrying every \(intervalMs) ms"
        case (.connecting, .lost):
            return "\(subject): cannot connect (\(new.error ?? "no answer")); retrying every \(intervalMs) ms"
        default: return nil
        }
    }
}
