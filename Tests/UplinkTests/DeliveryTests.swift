import Foundation
import Logging
import Scenario
import Testing
import Uplink

@Suite struct DeliveryTests {
    static let scenario = "Scenarios/aluminium/AL-01-mould-water-loss.yaml"

    func sender(_ spool: Spool, port: Int, faults: @escaping @Sendable () -> [NetworkFault] = { [] }) -> UplinkSender {
        var configuration = UplinkSender.Configuration(baseURL: "http://127.0.0.1:\(port)")
        configuration.backoffBaseMs = 10
        configuration.backoffCapMs = 50
        return UplinkSender(spool: spool, configuration: configuration, logger: Logger(label: "test"), faults: faults)
    }

    func deliver(_ sender: UplinkSender) async -> Bool {
        let task = Task { await sender.run() }
        let drained = await sender.drain(timeout: .seconds(90))
        task.cancel()
        return drained
    }

    /// Every batch arrives exactly once, in order, with every reading of the run inside.
    func checkExactlyOnce(_ received: [SinkState.Received], queued: Int, samples: Int) {
        #expect(received.count == queued)
        let ids = received.map(\.batchId)
        #expect(Set(ids).count == ids.count, "a batch arrived twice")
        #expect(ids == ids.sorted(), "batches arrived out of order")
        #expect(received.reduce(0) { $0 + $1.readings } == samples)
        let times = received.flatMap(\.times)
        #expect(times == times.sorted(), "readings arrived out of time order")
    }

    @Test func everyReadingIsDeliveredOnceInOrder() async throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory)
        let (queued, samples) = try Sink.spoolScenario(Self.scenario, into: spool)
        let state = SinkState()
        try await Sink.with(state) { port in
            #expect(await deliver(sender(spool, port: port)))
        }
        checkExactlyOnce(await state.all(), queued: queued, samples: samples)
        #expect(spool.count == 0)
    }

    @Test func anOutageAndServerErrorsEndWithEverythingDeliveredOnce() async throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory)
        let (queued, samples) = try Sink.spoolScenario(Self.scenario, into: spool)
        let state = SinkState()
        await state.setFailNext(7)
        let outageUntil = Date().addingTimeInterval(0.5)
        try await Sink.with(state) { port in
            let sender = sender(spool, port: port, faults: { Date() < outageUntil ? [.outage] : [] })
            #expect(await deliver(sender))
            #expect(await sender.statistics.retries >= 7)
        }
        checkExactlyOnce(await state.all(), queued: queued, samples: samples)
    }

    @Test func aRestartedSenderDrainsTheSpool() async throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var queued = 0, samples = 0
        do {
            // First life: the target is down; everything stays spooled when the process "dies".
            let spool = try Spool(directory: directory)
            (queued, samples) = try Sink.spoolScenario(Self.scenario, into: spool)
            let dead = sender(spool, port: 1)
            let task = Task { await dead.run() }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            #expect(spool.count == queued)
        }
        let reopened = try Spool(directory: directory)
        #expect(reopened.count == queued)
        let state = SinkState()
        try await Sink.with(state) { port in
            #expect(await deliver(sender(reopened, port: port)))
        }
        checkExactlyOnce(await state.all(), queued: queued, samples: samples)
        #expect(try Spool(directory: directory).count == 0)
    }

    @Test func clientErrorsAreLoggedAndNotRetriedForever() async throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory)
        try spool.append(path: "/uplink/v1/readings", batchId: "b1", body: "{}")
        try spool.append(path: "/uplink/v1/readings", batchId: "b2", body: "{}")
        let state = SinkState()
        await state.setRejectAll(true)
        try await Sink.with(state) { port in
            let sender = sender(spool, port: port)
            #expect(await deliver(sender))
            #expect(await sender.statistics.rejected == 2)
            #expect(await sender.statistics.retries == 0)
        }
    }

    @Test func aBoundedSpoolSaysWhenItIsFull() throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory, limitBytes: 10)
        try spool.append(path: "/p", batchId: "a", body: "12345")
        #expect(throws: Spool.Full.self) { try spool.append(path: "/p", batchId: "b", body: "123456") }
        #expect(spool.count == 1)
    }
}
