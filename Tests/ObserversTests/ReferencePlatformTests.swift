import Conformance
import Foundation
import PlantModel
import Reference
import ReferenceServer
import Scenario
import SimCore
import Testing

@testable import Observers

/// `Scenarios/targets/reference.yaml` against the reference platform's real HTTP API: the events
/// it stores come back as the records the lockstep harness would write.
@Suite struct ReferencePlatformTests {
    static let code = "4501810002AL"
    static let t0: Int64 = 1_714_521_600_000

    struct Files: SourceReader {
        func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    }

    static func second(_ plant: PlantConfig, _ index: Int, overrides: [String: Double] = [:]) -> [ReferenceSample] {
        let live = Plant(config: plant)
        var values = [Double](repeating: 0, count: live.points.count)
        live.write(into: &values)
        let time = SimInstant(milliseconds: t0 + Int64(index) * 1000)
        return live.points.enumerated().map { i, point in
            ReferenceSample(enterprise: code, point: point.code, time: time, value: overrides[point.code] ?? values[i])
        }
    }

    static func platform() throws -> (PlantConfig, Platform) {
        let path = TargetFileParserTests.root.appendingPathComponent("Scenarios/plants/aluminium-casting.yaml").path
        let plant = try ScenarioLoader(reader: Files()).loadPlantFile(path: path).config
        return (plant, try Platform(plants: [plant], rules: .defaults, store: try PlatformStore(path: nil), startMs: Self.t0))
    }

    /// Feeds 40 s: 20 normal, then 20 with the mould water flow low (an LL alarm, a grade change).
    static func feed(_ platform: Platform, _ plant: PlantConfig) async throws {
        for s in 0..<20 { _ = try await platform.ingest(Self.second(plant, s)) }
        for s in 20..<40 { _ = try await platform.ingest(Self.second(plant, s, overrides: ["MW_Q_IN": 50])) }
    }

    @Test func pollingTheReferencePlatformGivesItsAlarmsAndGrades() async throws {
        let (plant, platform) = try Self.platform()
        let routes = APIRoutes(platform: platform, token: "secret", bodyLimit: 1 << 20, version: "test",
                               openAPI: Data("openapi: 3.1.0\n".utf8))
        let spec = try TargetFileParserTests.load("Scenarios/targets/reference.yaml")
        try await TestServer.with(routes.router()) { port in
            let observer = try spec.makeObserver(epochUnixMs: Self.t0, timeMap: WallToPlant(wallStartMs: 0),
                                                 variables: ["PORT": "\(port)"])
            try await observer.start()
            try await Self.feed(platform, plant)
            let stored = try platform.store.events(afterSeq: 0, limit: 10_000)
            #expect(stored.count >= 2)
            var records = await collect(observer, count: stored.count)
            await observer.stop()
            records += await observer.collect()
            records.removeAll { $0.type == .observed }
            #expect(records.count == stored.count, "one record per stored event, none twice: \(records)")
            #expect(!records.contains { $0.type == .error }, "\(records.filter { $0.type == .error })")
            let raised = try #require(records.first { $0.type == .alarmRaised && $0.point == "MW_Q_IN" })
            #expect(raised.level == "LL")
            #expect(raised.category == "hazard")
            #expect(raised.enterprise == Self.code)
            #expect(raised.t == 20_000)
            #expect(raised.source == .target)
            #expect(raised.id?.isEmpty == false)
            #expect(records.contains { $0.type == .grade && $0.enterprise == Self.code && $0.grade != nil })
            let times = try stored.map { try #require(JSONPointer("/timeMs").resolve(in: JSONValue.parse($0.json))?.int64Value) }
            #expect(records.map(\.t) == times.map { $0 - Self.t0 })
        }
    }

    /// Defect 2 of issue #13: a second run against the same long-lived platform must be judged on
    /// its own events only, not on what the platform stored for an earlier run.
    @Test func anObserverStartedAgainstAPlatformHoldingAnEarlierRunsEventsSeesNoneOfThem() async throws {
        let (plant, platform) = try Self.platform()
        try await Self.feed(platform, plant)
        let stored = try platform.store.events(afterSeq: 0, limit: 10_000)
        #expect(stored.count >= 2)
        let routes = APIRoutes(platform: platform, token: "secret", bodyLimit: 1 << 20, version: "test",
                               openAPI: Data("openapi: 3.1.0\n".utf8))
        let spec = try TargetFileParserTests.load("Scenarios/targets/reference.yaml")
        try await TestServer.with(routes.router()) { port in
            let observer = try spec.makeObserver(epochUnixMs: Self.t0, timeMap: WallToPlant(wallStartMs: 0),
                                                 variables: ["PORT": "\(port)"])
            try await observer.start()
            try await Task.sleep(for: .milliseconds(600))
            await observer.stop()
            let records = await observer.collect()
            let judged = records.filter { $0.source == .target }
            #expect(judged.isEmpty, "the earlier run's events are not this run's: \(judged)")
            let setAside = try #require(records.first { $0.type == .setAside })
            #expect(setAside.counts == [stored.count])
            #expect(setAside.message?.contains("already at the target when the scenario started") == true)
        }
    }
}
