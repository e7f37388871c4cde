import Foundation
import Harness
import Simulation

/// The one engine loop of every paced run (`slave`, live runs, `bench scale`): the engine on its own
/// thread, off the Swift concurrency pool, ticking against wall time at `speed` (`PacedRunner`),
/// publishing to the Modbus slaves after ticks, and closing its sink at the end.
public enum PacedLoop {
    /// Runs `engine` into the sink `makeSink` builds (on the engine's thread) until the scenario ends
    /// or `shouldStop` says so; `publish` sees the engine after ticks; `finish` turns the final
    /// engine and sink into the result.
    public static func run<Sink: TraceSink, Result: Sendable>(
        _ engine: Engine, speed: Double, sink makeSink: @escaping @Sendable () throws -> Sink,
        shouldStop: @escaping @Sendable () -> Bool = { false },
        publish: @escaping @Sendable (Engine) -> Void,
        finish: @escaping @Sendable (Engine, inout Sink) -> Result
    ) async throws -> Result {
        try await onThread {
            var engine = engine
            var sink = try makeSink()
            PacedRunner(speed: speed).run(&engine, sink: &sink, shouldStop: shouldStop, publish: publish)
            return finish(engine, &sink)
        }
    }

    /// Runs blocking work on its own thread, off the Swift concurrency pool.
    public static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

/// Wall-clock throttle for progress lines from the engine's thread (a publish callback).
final class Every: @unchecked Sendable {
    let seconds: Double
    let lock = NSLock()
    var last = Date()
    init(seconds: Double) { self.seconds = seconds }

    /// True at most once every `seconds`.
    func due() -> Bool {
        lock.withLock {
            guard Date().timeIntervalSince(last) >= seconds else { return false }
            last = Date()
            return true
        }
    }
}
