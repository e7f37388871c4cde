import Foundation
import ModbusMap
import ModbusServer
import SimCore
import Testing

/// What the target's poller read, per unit and interval of plant time (`ReadTally`): counted on the
/// server's thread and handed over in batches.
@Suite(.serialized) struct ReadTallyTests {
    @Test func readsExceptionsAndRangesAreTalliedPerUnitAndInterval() throws {
        let fixture = try ServerFixture(readIntervalMs: 10_000)
        let client = try RawClient(port: fixture.port)
        _ = try #require(client.request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2)))
        _ = try #require(client.request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2)))
        let exception = try #require(client.request(unit: 1, pdu: RawClient.read(0x03, address: 5, count: 1)))
        #expect(exception == [0x83, 0x02])
        _ = try #require(client.request(unit: 2, pdu: RawClient.read(0x03, address: 0, count: 5)))
        fixture.publish(time: SimInstant(milliseconds: 12_500), values: ServerFixture.values)
        _ = try #require(client.request(unit: 1, pdu: RawClient.read(0x02, address: 0, count: 1)))
        fixture.server.stop()
        let tallies = fixture.server.takeReads().sorted { ($0.intervalStart, $0.unit) < ($1.intervalStart, $1.unit) }
        #expect(tallies.map(\.unitId) == [1, 2, 1])
        #expect(tallies.map(\.intervalStart.milliseconds) == [0, 0, 10_000])
        #expect(tallies.map(\.requests) == [3, 1, 1])
        #expect(tallies.map(\.reads) == [2, 1, 1])
        #expect(tallies.map(\.exceptions) == [1, 0, 0])
        #expect(tallies[0].ranges == [RequestCheck.Access(table: .holdingRegisters, addresses: 0..<2, isWrite: false): 2])
        #expect(tallies[2].ranges.keys.map(\.table) == [.discreteInputs])
        #expect(fixture.server.takeReads().isEmpty)  // handed out once
    }

    @Test func aServerWithoutAnIntervalKeepsNoTally() throws {
        let fixture = try ServerFixture()
        let client = try RawClient(port: fixture.port)
        _ = try #require(client.request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2)))
        fixture.server.stop()
        #expect(fixture.server.takeReads().isEmpty)
        #expect(fixture.server.statistics.requests == 1)
    }
}
