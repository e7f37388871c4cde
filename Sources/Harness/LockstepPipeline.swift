import Dispatch
import Foundation
import SimCore
import Simulation

/// A lockstep run on two threads: the engine (and the tee) on the caller's thread, the platform's
/// core and the history on a second one. The engine never reads the platform, so it can run ahead;
/// its output crosses in batches of whole ticks and the platform applies it in the same order as
/// the one-thread path (samples and events interleaved as recorded, then the end-of-tick work), so
/// the history is identical record for record — only the wall time changes.
enum LockstepPipeline {
    /// Samples per batch before it is handed over (at the end of a tick).
    static let batchSamples = 4096

    static func run<Tee: TraceSink>(engine: inout Engine, sink: LockstepSink, tee: inout Tee) -> LockstepResult {
        let channel = BatchChannel(capacity: 16)
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        let platform = Thread {
            var sink = sink
            while true {
                let batch = channel.receive()
                sink.apply(batch)
                if let end = batch.end {
                    result.value = sink.finish(at: end)
                    break
                }
            }
            done.signal()
        }
        platform.stackSize = 8 << 20
        platform.start()
        var producer = BatchingSink(tee: tee)
        while !engine.isFinished {
            let now = engine.now
            engine.tick(into: &producer)
            producer.batch.ticks.append(TickBatch.TickEnd(samples: producer.batch.samples.count,
                                                          events: producer.batch.events.count, now: now))
            if producer.batch.samples.count >= batchSamples { channel.send(producer.take()) }
        }
        var last = producer.take()
        last.end = engine.now
        channel.send(last)
        done.wait()
        tee = producer.tee
        return result.value!
    }
}

/// Engine output of one or more whole ticks, in the order it was recorded.
struct TickBatch: Sendable {
    struct TimedEvent: Sendable {
        /// How many of the batch's samples were recorded before the event.
        var before: Int
        var event: EngineEvent
    }

    struct TickEnd: Sendable {
        /// Samples and events recorded up to the end of the tick.
        var samples: Int
        var events: Int
        var now: SimInstant
    }

    var samples: [Sample] = []
    var events: [TimedEvent] = []
    var ticks: [TickEnd] = []
    /// Set on the last batch: the engine finished at this plant time.
    var end: SimInstant?

    /// An empty batch with room for a full one (the last tick may overrun `batchSamples`).
    static func reserved() -> TickBatch {
        var batch = TickBatch()
        batch.samples.reserveCapacity(LockstepPipeline.batchSamples + 256)
        return batch
    }
}

extension LockstepSink {
    /// Replays a batch exactly as the one-thread loop would have fed it.
    mutating func apply(_ batch: TickBatch) {
        var s = 0
        var e = 0
        for tick in batch.ticks {
            while s < tick.samples || e < tick.events {
                if e < tick.events && batch.events[e].before <= s {
                    record(batch.events[e].event)
                    e += 1
                } else {
                    record(batch.samples[s])
                    s += 1
                }
            }
            endTick(at: tick.now)
        }
    }
}

/// The engine's sink on the producing thread: tees, then batches.
struct BatchingSink<Tee: TraceSink>: TraceSink {
    var tee: Tee
    var batch = TickBatch.reserved()

    init(tee: Tee) { self.tee = tee }

    mutating func record(_ sample: Sample) {
        tee.record(sample)
        batch.samples.append(sample)
    }

    mutating func record(_ event: EngineEvent) {
        tee.record(event)
        batch.events.append(TickBatch.TimedEvent(before: batch.samples.count, event: event))
    }

    /// The batch so far; a fresh one (with capacity) takes its place.
    mutating func take() -> TickBatch {
        var fresh = TickBatch.reserved()
        swap(&fresh, &batch)
        return fresh
    }
}

/// A bounded hand-over queue between the two threads.
final class BatchChannel: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [TickBatch] = []
    private let filled = DispatchSemaphore(value: 0)
    private let slots: DispatchSemaphore

    init(capacity: Int) { slots = DispatchSemaphore(value: capacity) }

    func send(_ batch: TickBatch) {
        slots.wait()
        lock.withLock { queue.append(batch) }
        filled.signal()
    }

    func receive() -> TickBatch {
        filled.wait()
        let batch = lock.withLock { queue.removeFirst() }
        slots.signal()
        return batch
    }
}

/// The platform thread's result, read after it has signalled completion.
final class ResultBox: @unchecked Sendable {
    var value: LockstepResult?
}
