import Foundation
import PlantModel
import Reference
import ReferenceServer
import Scenario
import SimCore

/// Shipped plants and helpers for the service tests.
enum Support {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Files: SourceReader {
        func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    }

    static func plantFile(_ name: String) throws -> PlantFile {
        try ScenarioLoader(reader: Files()).loadPlantFile(path: root.appendingPathComponent("Scenarios/plants/\(name)").path)
    }

    static var aluminium: PlantConfig { get throws { try plantFile("aluminium-casting.yaml").config } }
    static let code = "4501810002AL"
    static let t0: Int64 = 1_714_521_600_000  // 2024-05-01T00:00:00Z

    /// One second of readings of every aluminium point at normal values, with overrides.
    static func second(_ index: Int, overrides: [String: Double] = [:]) throws -> [ReferenceSample] {
        let plant = Plant(config: try aluminium)
        var values = [Double](repeating: 0, count: plant.points.count)
        plant.write(into: &values)
        let time = SimInstant(milliseconds: t0 + Int64(index) * 1000)
        return plant.points.enumerated().map { i, point in
            ReferenceSample(enterprise: code, point: point.code, time: time, value: overrides[point.code] ?? values[i])
        }
    }

    static func platform(path: String? = nil) throws -> Platform {
        try Platform(plants: [try aluminium], rules: .defaults, store: try PlatformStore(path: path), startMs: t0)
    }

    /// 20 s of normal readings, then 20 s with the mould-water flow far below LL.
    static func feedFlowLoss(_ platform: Platform) async throws {
        for s in 0..<20 { try await platform.ingest(try second(s)) }
        for s in 20..<40 { try await platform.ingest(try second(s, overrides: ["MW_Q_IN": 50])) }
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tundish-\(UUID().uuidString)-\(name)").path
    }
}
