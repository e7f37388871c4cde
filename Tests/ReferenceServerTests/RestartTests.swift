import Foundation
import Reference
import ReferenceServer
import Testing

@Suite struct RestartTests {
    @Test func aRestartReplaysTheStoredInputsAndLosesNothing() async throws {
        let path = Support.temporaryPath("platform.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var before: [AlarmRecord] = []
        var history: [GradeChange] = []
        do {
            let platform = try Support.platform(path: path)
            try await Support.feedFlowLoss(platform)
            let id = try #require(await platform.alarms().first { $0.level == .ll }?.id)
            _ = try await platform.handle(alarmId: id, handler: "李工", result: "已处置", atMs: nil)
            try await platform.advance(toMs: Support.t0 + 30 * 60_000)
            before = await platform.alarms()
            history = await platform.gradeHistory(of: Support.code)
            #expect(!before.isEmpty && before.contains { $0.handler == "李工" })
            #expect(try platform.store.alarmCount() == before.count)
        }
        let reopened = try Support.platform(path: path)
        // Compared through the API shape (an alarm's NaN value would never equal itself).
        #expect(await reopened.alarms().map(APIAlarm.init) == before.map(APIAlarm.init))
        #expect(await reopened.gradeHistory(of: Support.code) == history)
        #expect(await reopened.now == Support.t0 + 30 * 60_000)
        // It carries on where it left off: new inputs build on the restored state.
        try await reopened.ingest(try Support.second(1900, overrides: ["MW_Q_IN": 200]))
        #expect(await reopened.alarms().count >= before.count)
    }

    @Test func aDuplicateBatchCountsOnce() async throws {
        let platform = try Support.platform()
        #expect(try await platform.ingest(try Support.second(0), batchId: "gw-1"))
        #expect(try await !platform.ingest(try Support.second(1), batchId: "gw-1"))
        #expect(await platform.now == Support.t0)
    }

    /// After a restart the wall clock does not move the platform's time on before the gateways'
    /// backlog arrived (Tools/chaos found resent readings filed later than their own time).
    @Test func aRestartedClockWaitsForTheBacklog() async throws {
        let path = Support.temporaryPath("platform.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let platform = try Support.platform(path: path)
            for s in 0..<10 { try await platform.ingest(try Support.second(s)) }
        }
        let reopened = try Support.platform(path: path)
        let last = Support.t0 + 9_000
        #expect(await reopened.now == last)
        let wall = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        try await reopened.tick(wallMs: wall + 3_000)
        #expect(await reopened.now == last, "the clock ran on before the backlog arrived")
        // The backlog is filed at its own times; the clock then runs on from the newest of them.
        try await reopened.ingest(try Support.second(10))
        #expect(await reopened.latestReadings(of: Support.code).allSatisfy { $0.time?.milliseconds == Support.t0 + 10_000 })
        // With no input at all, the clock runs on again once the grace is over.
        let idle = try Support.platform(path: path)
        try await idle.tick(wallMs: wall + 15_000)
        #expect(await idle.now > Support.t0 + 10_000)
    }
}
