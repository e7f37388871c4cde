import Foundation
import ModbusMap
import ModbusServer
import PlantModel
import Reference
import SimCore

/// Polls one plant's Modbus slave on its own thread (libmodbus calls block; they never run on
/// the Swift concurrency pool) and hands each cycle's readings to `deliver`: values decoded per the
/// plant's register map, quality from the quality registers, time from the wall clock. When the
/// slave cannot be reached every point is delivered as offline.
public final class ModbusPoller: @unchecked Sendable {
    public let plant: Plant
    public let map: UnitMap
    public let host: String
    public let port: UInt16
    public let intervalMs: Int
    let deliver: @Sendable ([ReferenceSample]) -> Void
    /// Told of each change of state, in one line (connected, lost, cannot connect).
    let log: @Sendable (String) -> Void
    let lock = NSLock()
    var stopped = false
    var current: PollerStatus

    public init(
        plant: Plant, layout: ModbusLayout, host: String, port: UInt16, intervalMs: Int,
        log: @escaping @Sendable (String) -> Void = { _ in }, deliver: @escaping @Sendable ([ReferenceSample]) -> Void
    ) throws {
        self.plant = plant
        map = try UnitMap.generate(points: plant.points, layout: layout)
        self.host = host; self.port = port; self.intervalMs = intervalMs; self.deliver = deliver; self.log = log
        current = PollerStatus(enterprise: plant.enterprise.code, address: "\(host):\(port)")
    }

    /// The poller's state now (for `/health`).
    public var status: PollerStatus { lock.withLock { current } }

    func update(_ change: (inout PollerStatus) -> Void) {
        let (old, new) = lock.withLock { () -> (PollerStatus, PollerStatus) in
            let old = current
            change(&current)
            return (old, current)
        }
        if let line = PollerStatus.change(from: old, to: new, intervalMs: intervalMs) { log(line) }
    }

    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "modbus-poller-\(plant.enterprise.code)"
        thread.start()
    }

    public func stop() { lock.withLock { stopped = true } }

    func loop() {
        let client = ModbusClient(host: host, port: port)
        while !lock.withLock({ stopped }) {
            let started = Date()
            var samples: [ReferenceSample]?
            do {
                try client.connect(timeoutS: 1)
                samples = try poll(client)
                let time = samples?.first?.time.milliseconds ?? Self.nowMs()
                update { $0.state = .connected; $0.lastReadMs = time; $0.error = nil }
            } catch {
                let reason = error.message.lowercased()
                update { $0.state = .lost; $0.error = reason }
                client.close()
            }
            deliver(samples ?? offline(at: Self.nowMs()))
            let elapsed = Date().timeIntervalSince(started)
            Thread.sleep(forTimeInterval: max(0, Double(intervalMs) / 1000 - elapsed))
        }
        client.close()
    }

    static func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    func offline(at time: Int64) -> [ReferenceSample] {
        plant.points.map {
            ReferenceSample(enterprise: plant.enterprise.code, point: $0.code, time: SimInstant(milliseconds: time), value: .nan,
                            quality: .offline)
        }
    }

    /// One cycle: every table read in runs of at most 125 registers / 2000 bits; throws on any failure.
    func poll(_ client: ModbusClient) throws(ModbusClient.Failure) -> [ReferenceSample] {
        var tables: [RegisterTable: [UInt16]] = [:]
        for table in RegisterTable.allCases where table != .coils {
            tables[table] = try read(client, table: table)
        }
        let time = SimInstant(milliseconds: Self.nowMs())
        var samples: [ReferenceSample] = []
        for binding in map.bindings where binding.role == .value {
            guard let words = tables[binding.table] else { continue }
            let registers = binding.addresses.map { words[$0] }
            let value = RegisterEncoding.decode(
                registers, type: binding.type, scale: binding.scale, offset: binding.offset, order: binding.wordOrder)
            let qualityCode = tables[.inputRegisters].flatMap { $0.indices.contains(binding.pointIndex) ? $0[binding.pointIndex] : nil }
            let quality = qualityCode.flatMap { Quality(rawValue: UInt8(clamping: $0)) } ?? .good
            samples.append(
                ReferenceSample(
                    enterprise: plant.enterprise.code, point: binding.point, time: time,
                    value: quality == .offline ? .nan : value, quality: quality))
        }
        return samples
    }

    /// The defined addresses of a table, read in runs; undefined gaps are skipped.
    func read(_ client: ModbusClient, table: RegisterTable) throws(ModbusClient.Failure) -> [UInt16] {
        let size = map.sizes[table] ?? 0
        var words = [UInt16](repeating: 0, count: size)
        let limit = table.isBitTable ? 2000 : 125
        var address = 0
        while address < size {
            guard map.isDefined(table, address..<(address + 1)) else { address += 1; continue }
            var end = address + 1
            while end < size, end - address < limit, map.isDefined(table, end..<(end + 1)) { end += 1 }
            let run = try client.read(unit: map.unitId, table: table, address: address, count: end - address)
            words.replaceSubrange(address..<end, with: run)
            address = end
        }
        return words
    }
}
