import Foundation
import SimCore
import Simulation

/// Runs an engine against wall time: `speed` plant seconds per wall second (1 = real time).
/// After each tick the caller's `publish` sees the engine (at most every `publishEveryMs` of wall
/// time, and always at the end), e.g. to hand a snapshot to the Modbus slave.
public struct PacedRunner {
    public var speed: Double
    public var publishEveryMs: Double

    public init(speed: Double, publishEveryMs: Double = 20) {
        self.speed = speed
        self.publishEveryMs = publishEveryMs
    }

    /// Ticks until the scenario ends or `shouldStop` says so; returns the engine.
    public func run<Sink: TraceSink>(
        _ engine: inout Engine, sink: inout Sink, shouldStop: () -> Bool = { false },
        publish: (Engine) -> Void
    ) {
        let clock = ContinuousClock()
        let started = clock.now
        var lastPublish = started
        let startPlant = engine.now
        while !engine.isFinished && !shouldStop() {
            engine.tick(into: &sink)
            let plantElapsed = (engine.now - startPlant).seconds
            let due = started + .milliseconds(Int64(plantElapsed / speed * 1000))
            let now = clock.now
            if now - lastPublish >= .milliseconds(Int64(publishEveryMs)) || due > now {
                publish(engine)
                lastPublish = now
            }
            if due > now { Thread.sleep(forTimeInterval: Self.seconds(due - now)) }
        }
        publish(engine)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
