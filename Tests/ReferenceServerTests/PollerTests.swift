import Foundation
import ModbusMap
import ModbusServer
import PlantModel
import Reference
import ReferenceServer
import SimCore
import Testing

/// The poller reads a real libmodbus slave (our ModbusSlaveServer, plant map of the shipped
/// aluminium plant file with its re-typed registers) and decodes every point.
@Suite struct PollerTests {
    final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var batches: [[ReferenceSample]] = []
        func add(_ batch: [ReferenceSample]) { lock.withLock { batches.append(batch) } }
        var last: [ReferenceSample]? { lock.withLock { batches.last } }
    }

    @Test func readsEveryPointOfASlaveAndReportsOfflineWhenItIsGone() async throws {
        let file = try Support.plantFile("aluminium-casting.yaml")
        let plant = Plant(config: file.config)
        let map = try UnitMap.generate(points: plant.points, layout: file.modbus)
        let server = ModbusSlaveServer(configuration: .init(endpoints: [.init(port: 0, units: [map])]))
        try server.start()
        var values = [Double](repeating: 0, count: plant.points.count)
        plant.write(into: &values)
        let flow = try #require(plant.pointIndex["MW_Q_IN"])
        values[flow] = 55.5
        server.publish(time: .start, units: [0: .init(values: values, qualities: values.map { _ in .good })])
        let collected = Collected()
        let poller = try ModbusPoller(
            plant: plant, layout: file.modbus, host: "127.0.0.1", port: server.boundPorts[0], intervalMs: 100
        ) { collected.add($0) }
        poller.start()
        defer { poller.stop() }
        try await Task.sleep(for: .milliseconds(400))
        let batch = try #require(collected.last)
        #expect(batch.count == plant.points.count)
        for sample in batch {
            let index = try #require(plant.pointIndex[sample.point])
            let tolerance = sample.point == "MW_P_IN" ? 0.001 : 1e-3 * max(1, abs(values[index]))
            #expect(abs(sample.value - values[index]) <= tolerance, "\(sample.point): \(sample.value) vs \(values[index])")
            #expect(sample.quality == .good)
        }
        server.stop()
        try await Task.sleep(for: .milliseconds(1500))
        #expect(collected.last?.allSatisfy { $0.quality == .offline } == true)
    }
}
