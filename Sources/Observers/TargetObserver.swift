import Conformance
import Foundation
import SimCore

/// Reads what a target concluded (alarms, grades, interlock actions) while a run goes on, as history
/// records with source `target`. Edge code: observers read the wall clock and do I/O.
///
/// `collect()` hands over the records gathered since the previous call (each record once, in the
/// order they were seen). Failures to reach or understand the target become `.error` records.
public protocol TargetObserver: Sendable {
    /// Starts listening, polling or tailing; throws when that cannot start at all (port taken,
    /// subscription refused).
    func start() async throws
    /// Records seen since the previous call.
    func collect() async -> [HistoryRecord]
    /// Stops; a poller polls once more and a tailer reads to the end first, so `collect()` after
    /// `stop()` returns the last records.
    func stop() async
    /// Re-anchors the wall→plant map once the run's plant clock really starts: `start()` first reads
    /// the target's state (and subscribes), which takes wall time the plant must not lose.
    func align(_ timeMap: WallToPlant) async
}

extension TargetObserver {
    /// Observers without a wall→plant map of their own ignore it.
    public func align(_ timeMap: WallToPlant) async {}
}

/// Why an observer could not start.
public struct ObserverError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The wall clock as Unix milliseconds (observers take it as a parameter so tests can fix it).
public typealias WallClock = @Sendable () -> Int64

public enum WallClocks {
    public static let system: WallClock = { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

/// Consecutive identical failures become two records, not one per attempt: the first when it
/// happens, and a summary (how many times, until when) when the streak ends.
struct FailureStreak {
    var message: String
    var count: Int
    var last: SimInstant

    /// Records `message` at `at`; returns the records to append.
    static func fail(_ streak: inout FailureStreak?, _ message: String, at: SimInstant) -> [HistoryRecord] {
        if var current = streak, current.message == message {
            current.count += 1; current.last = at
            streak = current
            return []
        }
        let ended = end(&streak)
        streak = FailureStreak(message: message, count: 1, last: at)
        return ended + [.error(at: at, source: .target, message: message)]
    }

    /// Ends a streak (success, another failure, stop); returns its summary when it repeated.
    static func end(_ streak: inout FailureStreak?) -> [HistoryRecord] {
        defer { streak = nil }
        guard let s = streak, s.count > 1 else { return [] }
        return [.error(at: s.last, source: .target, message: "\(s.message) (\(s.count) times in a row, the last at \(s.last))")]
    }
}

/// `host:port` split (IPv6 hosts in brackets).
func splitListen(_ text: String) throws -> (host: String, port: Int) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
        throw ObserverError("expected host:port, found '\(text)'")
    }
    var host = String(text[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return (host.isEmpty ? "0.0.0.0" : host, port)
}

extension TargetSpec {
    /// An observer for this target: placeholders filled from `variables` (see `resolving(_:)`), events
    /// mapped by `mapping` and `time` with the run's scenario epoch and wall→plant map.
    public func makeObserver(epochUnixMs: Int64, timeMap: WallToPlant, variables: [String: String] = [:],
                             wallClock: @escaping WallClock = WallClocks.system) throws -> any TargetObserver {
        let spec = try resolving(variables)
        let mapper = EventMapper(spec.mapping, time: spec.time, epochUnixMs: epochUnixMs, timeMap: timeMap)
        switch spec.observe {
        case .poll(let poll): return PollingObserver(poll, mapper: mapper, liveness: spec.liveness, wallClock: wallClock)
        case .webhook(let hook): return WebhookObserver(hook, mapper: mapper, liveness: spec.liveness, wallClock: wallClock)
        case .jsonl(let file): return JSONLFileObserver(file, mapper: mapper, liveness: spec.liveness, wallClock: wallClock)
        }
    }
}
