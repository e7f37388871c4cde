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
}
