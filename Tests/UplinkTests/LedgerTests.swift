import Foundation
import Logging
import Scenario
import Testing
import Uplink

/// The delivery ledger: every batch's fate, per enterprise, stamped with the plant time of its data.
@Suite struct LedgerTests {
    static let scenario = "Scenarios/aluminium/AL-01-mould-water-loss.yaml"

    @Test func everyQueuedBatchCarriesItsEnterpriseAndThePlantTimeOfItsEarliestData() throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory)
        let (queued, _) = try Sink.spoolScenario(Self.scenario, into: spool)
        let entries = spool.pendingEntries
        #expect(entries.count == queued)
        #expect(entries.allSatisfy { $0.enterprise == "4501810002AL" })
        let readings = entries.filter { $0.path.hasSuffix("/readings") }
        let times = readings.compactMap(\.plantMs)
        #expect(times.count == readings.count)
        #expect(times.first == 0, "the first readings batch starts at plant time zero")
        #expect(times == times.sorted())
        // Each batch's earliest reading is its stamp: the batch's first `time` minus the epoch.
        let body = try #require(readings.dropFirst(3).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.body.utf8)) as? [String: Any])
        let first = try #require((object["datas"] as? [[String: Any]])?.first?["time"] as? Int64)
        let epoch = first - (body.plantMs ?? -1)
        #expect(readings.allSatisfy { entry in
            let o = (try? JSONSerialization.jsonObject(with: Data(entry.body.utf8))) as? [String: Any]
            return ((o?["datas"] as? [[String: Any]])?.first?["time"] as? Int64).map { $0 - epoch } == entry.plantMs
        })
        let counts = try #require(spool.ledger.perEnterprise["4501810002AL"])
        #expect(counts.sent == queued)
        #expect(counts.highWater == queued, "nothing was sent while the scenario spooled")
    }

    @Test func deliveredAndRejectedBatchesAreSettledWithTheirStatus() async throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory)
        try spool.append(path: "/uplink/v1/readings", batchId: "b1", body: "{}", enterprise: "E", plantMs: 100)
        try spool.append(path: "/uplink/v1/readings", batchId: "b2", body: "{}", enterprise: "E", plantMs: 200)
        let state = SinkState()
        await state.setRejectAll(true)
        try await Sink.with(state) { port in
            var configuration = UplinkSender.Configuration(baseURL: "http://127.0.0.1:\(port)")
            configuration.backoffBaseMs = 10
            let sender = UplinkSender(spool: spool, configuration: configuration, logger: Logger(label: "test"))
            let task = Task { await sender.run() }
            #expect(await sender.drain(timeout: .seconds(30)))
            task.cancel()
        }
        let fates = spool.ledger.settledFates
        #expect(fates.map(\.kind) == [.rejected, .rejected])
        #expect(fates.map(\.status) == [400, 400])
        #expect(fates.map(\.plantMs) == [100, 200])
        #expect(spool.ledger.perEnterprise["E"]?.rejected == 2)
        #expect(spool.ledger.backlog == 0)
        #expect(spool.ledger.firstAuthRejection == nil, "400 is not an authentication failure")
    }

    @Test func whatIsStillQueuedAtTheEndIsUndeliveredWithTheLastFailure() throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory)
        let entry = try spool.append(path: "/uplink/v1/readings", batchId: "b1", body: "{}", enterprise: "E", plantMs: 7)
        spool.ledger.retried(entry, reason: "connection refused")
        let undelivered = spool.ledger.undelivered(spool.pendingEntries, attempts: 3)
        #expect(undelivered.map(\.kind) == [.undelivered])
        #expect(undelivered.first?.message == "connection refused")
        #expect(undelivered.first?.attempts == 3)
        #expect(spool.ledger.backlog == 1)
    }
}
