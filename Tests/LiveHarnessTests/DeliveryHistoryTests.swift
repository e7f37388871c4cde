import Conformance
import LiveHarness
import SimCore
import Testing
import Uplink

@Suite struct DeliveryHistoryTests {
    static func fate(_ kind: DeliveryLedger.Kind, _ id: String, at ms: Int64, status: Int? = nil, message: String? = nil)
        -> DeliveryLedger.Fate
    {
        DeliveryLedger.Fate(kind: kind, batchId: id, path: "/uplink/v1/readings", enterprise: "E1", plantMs: ms,
                            status: status, attempts: 1, message: message)
    }

    @Test func undeliveredBatchesGiveAnErrorStampedWhereTheLossBegan() {
        var counts = DeliveryLedger.Counts()
        counts.sent = 3; counts.delivered = 1; counts.highWater = 2
        let records = DeliveryHistory(credentialHint: "token").records(
            settled: [Self.fate(.delivered, "b0", at: 1000, status: 200)],
            undelivered: [Self.fate(.undelivered, "b2", at: 30000, message: "connection refused"),
                          Self.fate(.undelivered, "b1", at: 20000, message: "connection refused")],
            counts: ["E1": counts], end: SimInstant(milliseconds: 60000))
        #expect(records.filter { $0.type == .delivery }.map(\.kind) == ["delivered", "undelivered", "undelivered"])
        let error = try! #require(records.first { $0.type == .error })
        #expect(error.t == 20000)
        #expect(error.message?.contains("batches from t+20s onwards never reached the target: 2 queued at the end") == true)
        #expect(error.message?.contains("connection refused") == true)
        let summary = try! #require(records.first { $0.type == .uplink })
        #expect(summary.counts == [3, 1, 0, 2, 2])
        #expect(summary.enterprise == "E1")
    }

    @Test func aTargetThatAnsweredSomeIsNotCalledUnreachable() {
        let answered = DeliveryHistory(credentialHint: "", rates: DeliveryRates(speed: 3000, producedPerSecond: 127, deliveredPerSecond: 23))
            .records(settled: [Self.fate(.delivered, "b0", at: 0, status: 200)],
                     undelivered: [Self.fate(.undelivered, "b1", at: 450_000)], counts: [:], end: SimInstant(milliseconds: 1_800_000))
        let message = answered.first { $0.type == .error }?.message ?? ""
        #expect(message == "uplink: batches from t+7m30s onwards never reached the target: 1 queued at the end; "
            + "the target accepted 23 batches/s while the run made 127/s; a speed that would work: --speed 434")
        let silent = DeliveryHistory(credentialHint: "").records(
            settled: [], undelivered: [Self.fate(.undelivered, "b1", at: 0)], counts: [:], end: .start)
        #expect(silent.first { $0.type == .error }?.message?.contains("the target may be unreachable") == true)
    }

    @Test func anAuthenticationRejectionNamesTheCredentialToCheck() {
        let records = DeliveryHistory(credentialHint: "check the bearer token").records(
            settled: [Self.fate(.rejected, "b0", at: 5000, status: 401, message: "{\"error\":\"bad token\"}")],
            undelivered: [], counts: [:], end: SimInstant(milliseconds: 6000))
        let error = try! #require(records.first { $0.type == .error })
        #expect(error.t == 5000)
        #expect(error.message?.contains("with 401") == true)
        #expect(error.message?.contains("check the bearer token") == true)
        #expect(records.first { $0.type == .delivery }?.status == 401)
    }

    @Test func aBacklogThatCannotDrainNamesASpeedThatWouldWork() {
        let rates = DeliveryRates(speed: 3000, producedPerSecond: 100, deliveredPerSecond: 25)
        #expect(rates.workingSpeed == 600)
        #expect(rates.advice?.contains("--speed 600") == true)
        #expect(DeliveryRates(speed: 10, producedPerSecond: 1, deliveredPerSecond: 2).workingSpeed == nil)
    }

    @Test func theBacklogWarningComesOnlyWhileTheBacklogGrows() {
        var watch = BacklogWatch(threshold: 10)
        #expect(watch.check(5, at: .start) == nil)
        #expect(watch.check(40, at: .start) != nil)
        #expect(watch.check(30, at: .start) == nil)
        #expect(watch.check(35, at: .start) == nil, "not past the backlog already warned about")
        #expect(watch.check(80, at: .start)?.contains("80 batches") == true)
    }
}
