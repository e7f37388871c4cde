import Foundation
import ModbusMap
import ModbusServer
import Testing

/// The blocking client against our own slave (libmodbus on both sides; interop with independent
/// peers is proven in TundishCLITests with pymodbus and mbpoll).
@Suite(.serialized) struct ModbusClientTests {
    @Test func readsWhatTheSlavePublishesPerUnit() throws {
        let fixture = try ServerFixture()
        let client = ModbusClient(host: "localhost", port: fixture.port)
        try client.connect()
        defer { client.close() }
        for (unit, map, expected) in [(UInt8(1), fixture.maps[0], 37.5), (UInt8(2), fixture.maps[1], 20.0)] {
            let binding = try #require(map.bindings.first { $0.point == "T1" && $0.role == .value })
            let words = try client.read(unit: unit, table: binding.table, address: try #require(binding.addresses.first),
                                        count: binding.addresses.count)
            let value = RegisterEncoding.decode(words, type: binding.type, scale: binding.scale, offset: binding.offset,
                                                order: binding.wordOrder)
            #expect(abs(value - expected) < 1e-3)
        }
    }

    @Test func anUndefinedAddressIsAnExceptionNamedByLibmodbus() throws {
        let fixture = try ServerFixture()
        let client = ModbusClient(host: "127.0.0.1", port: fixture.port)
        try client.connect()
        #expect(throws: ModbusClient.Failure.self) {
            try client.read(unit: 1, table: .holdingRegisters, address: 9_000, count: 2)
        }
        do {
            _ = try client.read(unit: 1, table: .holdingRegisters, address: 9_000, count: 2)
        } catch {
            #expect(error.message.lowercased().contains("illegal data address"))
        }
    }

    @Test func aClosedPortFailsToConnectWithTheReason() throws {
        let fixture = try ServerFixture()
        let port = fixture.port
        fixture.server.stop()
        let client = ModbusClient(host: "127.0.0.1", port: port)
        #expect(throws: ModbusClient.Failure.self) { try client.connect(timeoutS: 0.5) }
        #expect(!client.isConnected)
    }
}
