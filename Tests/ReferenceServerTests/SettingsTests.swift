import Foundation
import Hummingbird
import HummingbirdTesting
import Reference
import ReferenceServer
import Testing

/// The enterprise's settings (maintenance, disabled points), the reception counts and the test
/// tenant's reset, through the API (docs/openapi.yaml, tag `settings`).
@Suite struct SettingsTests {
    func app(_ platform: Platform) -> some ApplicationProtocol {
        Application(router: APIRoutes(platform: platform, token: "secret", version: "test", openAPI: nil).router())
    }

    static let auth: HTTPFields = [.authorization: "Bearer secret", .contentType: "application/json"]

    func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    /// The mould-water flow's LL alarm (raised at t0 + 20 s by `feedFlowLoss`): excluded or not.
    func flowAlarmExcluded(_ platform: Platform) async throws -> Bool {
        try #require(await platform.alarms().first { $0.point == "MW_Q_IN" && $0.level == .ll }).excluded
    }

    @Test(arguments: [(15_000, true), (30_000, false)])
    func aPointDisabledAheadOfTheClockTakesEffectAtItsOwnTime(at offset: Int64, excluded: Bool) async throws {
        let platform = try Support.platform()
        for s in 0..<10 { try await platform.ingest(try Support.second(s)) }
        try await app(platform).test(.router) { client in
            let body = ByteBuffer(string: #"{"disabled": true, "atMs": \#(Support.t0 + offset)}"#)
            try await client.execute(uri: "/api/v1/enterprises/\(Support.code)/points/MW_Q_IN/disabled", method: .post,
                                     headers: Self.auth, body: body) { response in
                #expect(response.status == .ok)
            }
        }
        for s in 10..<20 { try await platform.ingest(try Support.second(s)) }
        for s in 20..<40 { try await platform.ingest(try Support.second(s, overrides: ["MW_Q_IN": 50])) }
        let flowExcluded = try await flowAlarmExcluded(platform)
        #expect(flowExcluded == excluded,
                "disabled at t0+\(offset / 1000)s, the alarm at t0+20s is \(excluded ? "" : "not ")excluded")
    }

    @Test func settingsNeedTheTokenAndAKnownEnterpriseUnitAndPoint() async throws {
        let platform = try Support.platform()
        try await app(platform).test(.router) { client in
            let on = ByteBuffer(string: #"{"on": true}"#)
            let base = "/api/v1/enterprises/\(Support.code)"
            try await client.execute(uri: "\(base)/equipment/L1/maintenance", method: .post, body: on) { response in
                #expect(response.status == .unauthorized)
            }
            for (uri, text) in [("\(base)/equipment/NOPE/maintenance", "no equipment 'NOPE'"),
                                ("/api/v1/enterprises/000/equipment/L1/maintenance", "no enterprise '000'")] {
                try await client.execute(uri: uri, method: .post, headers: Self.auth, body: on) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains(text))
                }
            }
            try await client.execute(uri: "\(base)/points/NOPE/disabled", method: .post, headers: Self.auth,
                                     body: ByteBuffer(string: #"{"disabled": true}"#)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "\(base)/points/MW_Q_IN/disabled", method: .post, headers: Self.auth,
                                     body: ByteBuffer(string: #"{"on": true}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("missing required key 'disabled'"))
            }
        }
    }

    @Test func receptionCountsEachPointsReadingsInTheWindowSinceTheLatestReset() async throws {
        let platform = try Support.platform()
        try await Support.feedFlowLoss(platform)
        try await app(platform).test(.router) { client in
            let uri = "/api/v1/enterprises/\(Support.code)/reception?fromMs=\(Support.t0 + 5000)&toMs=\(Support.t0 + 15_000)"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let counts = try #require(try json(response.body)["counts"] as? [String: Int])
                #expect(counts.count == 33 && counts.values.allSatisfy { $0 == 10 }, "\(counts)")
            }
            for bad in ["fromMs=1", "fromMs=5&toMs=5", "fromMs=x&toMs=9"] {
                try await client.execute(uri: "/api/v1/enterprises/\(Support.code)/reception?\(bad)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
            try await client.execute(uri: "/api/v1/reset", method: .post, headers: Self.auth) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: uri, method: .get) { response in
                let counts = try #require(try json(response.body)["counts"] as? [String: Int])
                #expect(counts.values.allSatisfy { $0 == 0 }, "readings before the reset are not counted")
            }
        }
    }

    @Test func aResetStartsTheStateAfreshAtItsTimeAndTheEventListGoesOn() async throws {
        let platform = try Support.platform()
        try await Support.feedFlowLoss(platform)
        let events = try platform.store.events(afterSeq: 0, limit: 1000).count
        #expect(!(await platform.alarms()).isEmpty)
        let restart = Support.t0 + 3_600_000
        try await app(platform).test(.router) { client in
            try await client.execute(uri: "/api/v1/reset", method: .post, headers: Self.auth,
                                     body: ByteBuffer(string: #"{"atMs": \#(restart)}"#)) { response in
                #expect(response.status == .ok)
                let at = try json(response.body)["atMs"] as? Int64
                #expect(at == restart)
            }
        }
        #expect(await platform.alarms().isEmpty)
        #expect(await platform.now == restart)
        let kept = try platform.store.events(afterSeq: 0, limit: 1000).count
        #expect(kept == events, "stored events stay")
        // The same data an hour later raises the alarm again, at its own time, with a later seq.
        for s in 3600..<3640 {
            try await platform.ingest(try Support.second(s, overrides: s >= 3620 ? ["MW_Q_IN": 50] : [:]))
        }
        let alarm = try #require(await platform.alarms().first { $0.point == "MW_Q_IN" && $0.level == .ll })
        #expect(alarm.raisedAt.milliseconds == restart + 20_000)
        let after = try platform.store.events(afterSeq: 0, limit: 1000).count
        #expect(after > events)
    }

    @Test func settingsAndResetsAreReplayedOnRestartIncludingOnesStillAheadOfTheClock() async throws {
        let path = Support.temporaryPath("settings.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let platform = try Support.platform(path: path)
            for s in 0..<10 { try await platform.ingest(try Support.second(s)) }
            try await platform.setMaintenance(enterprise: Support.code, equipment: "L1", on: true, atMs: nil)
            try await platform.setMaintenance(enterprise: Support.code, equipment: "L1", on: false, atMs: Support.t0 + 12_000)
            try await platform.setPointDisabled(enterprise: Support.code, point: "MW_Q_IN", disabled: true,
                                                atMs: Support.t0 + 15_000)
        }
        let reopened = try Support.platform(path: path)
        for s in 10..<20 { try await reopened.ingest(try Support.second(s)) }
        for s in 20..<40 { try await reopened.ingest(try Support.second(s, overrides: ["MW_Q_IN": 50])) }
        let replayed = try await flowAlarmExcluded(reopened)
        #expect(replayed, "the disable waiting for t0+15s was replayed and applied")
    }

    @Test func aResetScopedToSomeEnterprisesMonitorsOnlyThoseUntilTheNextReset() async throws {
        let steel = try Support.plantFile("steel-works.yaml").config
        let platform = try Platform(plants: [try Support.aluminium, steel], rules: .defaults, store: try PlatformStore(path: nil),
                                    startMs: Support.t0)
        try await platform.reset(atMs: Support.t0, enterprises: [Support.code])
        #expect(await platform.plants.map(\.enterprise.code) == [Support.code])
        // Ten minutes of aluminium data only: the steel works, out of scope, never goes offline.
        for s in 0..<600 { try await platform.ingest(try Support.second(s)) }
        #expect(await platform.alarms().allSatisfy { $0.enterprise == Support.code })
        await #expect(throws: PlatformError.self) { try await platform.reset(atMs: nil, enterprises: ["NOPE"]) }
        try await platform.reset(atMs: nil)
        #expect(await platform.plants.count == 2, "an unscoped reset monitors every enterprise again")
    }
}
