import Foundation
import ModbusMap
import ModbusServer
import SimCore
import Testing

@Suite(.serialized) struct ProtocolFaultTests {
    let readP1 = RawClient.read(0x03, address: 0, count: 2)

    /// A fixture whose unit 1 has `kind` active from plant time 10 s to 20 s, published at `at`.
    func fixture(_ kind: ProtocolFault.Kind, at seconds: Int64, unit: UInt8? = 1, table: RegisterTable? = nil,
                 addresses: Range<Int>? = nil) throws -> ServerFixture {
        let fixture = try ServerFixture()
        fixture.faults([
            .init(fault: ProtocolFault(kind: kind, unitId: unit, table: table, addresses: addresses),
                  start: .init(milliseconds: 10_000), end: .init(milliseconds: 20_000))
        ])
        fixture.publish(time: .init(milliseconds: seconds * 1000), values: ServerFixture.values, unit2: [0.5, 0, 1, 20])
        return fixture
    }

    @Test func exceptionCodeOnlyInsideTheWindowAndScope() throws {
        let before = try fixture(.exception(code: 4), at: 5)
        #expect(try RawClient(port: before.port).request(unit: 1, pdu: readP1)?.first == 0x03)
        let during = try fixture(.exception(code: 4), at: 15)
        let client = try RawClient(port: during.port)
        #expect(client.request(unit: 1, pdu: readP1) == [0x83, 0x04])
        #expect(client.request(unit: 2, pdu: readP1)?.first == 0x03)
        let after = try fixture(.exception(code: 4), at: 20)
        #expect(try RawClient(port: after.port).request(unit: 1, pdu: readP1)?.first == 0x03)
    }

    @Test func exceptionLimitedToARegisterRange() throws {
        let f = try fixture(.exception(code: 6), at: 15, table: .holdingRegisters, addresses: 3..<5)
        let client = try RawClient(port: f.port)
        #expect(client.request(unit: 1, pdu: readP1)?.first == 0x03)
        #expect(client.request(unit: 1, pdu: RawClient.read(0x03, address: 2, count: 3)) == [0x83, 0x06])
    }

    @Test func delayHoldsOnlyTheFaultedUnit() throws {
        let f = try fixture(.delay(delayMs: 400), at: 15)
        let client = try RawClient(port: f.port)
        let other = try RawClient(port: f.port)
        let started = Date()
        client.send(RawClient.frame(unit: 1, pdu: readP1))
        #expect(other.request(unit: 2, pdu: readP1) != nil)
        #expect(Date().timeIntervalSince(started) < 0.2)
        #expect(client.receive(11).count == 11)
        #expect(Date().timeIntervalSince(started) >= 0.39)
    }

    @Test func noReplyDropAndRefuse() throws {
        let silent = try fixture(.noReply, at: 15)
        #expect(try RawClient(port: silent.port, timeoutMs: 300).request(unit: 1, pdu: readP1) == nil)
        let dropping = try fixture(.dropConnection, at: 15)
        let client = try RawClient(port: dropping.port)
        client.send(RawClient.frame(unit: 1, pdu: readP1))
        #expect(client.isClosedByPeer())
        let refusing = try fixture(.refuseConnections, at: 15)
        #expect(try RawClient(port: refusing.port).isClosedByPeer())
        #expect(refusing.server.statistics.connectionsRefused == 1)
    }

    @Test func freezeKeepsOldValuesWhileThePlantMovesOn() throws {
        let f = try fixture(.freeze, at: 15, table: .holdingRegisters, addresses: 0..<2)
        f.publish(time: .init(milliseconds: 16_000), values: [0.75, 1, 2, 50])
        let client = try RawClient(port: f.port)
        let words = try #require(client.request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 5))).registers
        #expect(RegisterEncoding.decode(Array(words[0...1]), type: .float32) == 0.25)
        #expect(RegisterEncoding.decode(Array(words[3...4]), type: .float32) == 50)
        f.publish(time: .init(milliseconds: 21_000), values: [0.75, 1, 2, 50])
        let thawed = try #require(client.request(unit: 1, pdu: readP1)).registers
        #expect(RegisterEncoding.decode(thawed, type: .float32) == 0.75)
    }

    @Test func wordOrderSwapFlipsThirtyTwoBitValues() throws {
        let f = try fixture(.wordOrderSwap, at: 15)
        let words = try #require(try RawClient(port: f.port).request(unit: 1, pdu: readP1)).registers
        #expect(words == [0x0000, 0x3E80])
    }

    @Test func splitFrameArrivesInPiecesButWhole() throws {
        let f = try fixture(.splitFrame(pieces: 3, gapMs: 100), at: 15)
        let client = try RawClient(port: f.port)
        let started = Date()
        client.send(RawClient.frame(unit: 1, pdu: readP1))
        var chunk = [UInt8](repeating: 0, count: 64)
        let first = recv(client.fd, &chunk, 64, 0)
        #expect(first > 0 && first < 11)
        let rest = client.receive(11 - first)
        #expect(first + rest.count == 11)
        #expect(Date().timeIntervalSince(started) >= 0.19)
    }

    @Test func garbageReplacesTheReply() throws {
        let f = try fixture(.garbage(bytes: 9), at: 15)
        let client = try RawClient(port: f.port)
        client.send(RawClient.frame(transaction: 0x4242, unit: 1, pdu: readP1))
        let bytes = client.receive(9)
        #expect(bytes.count == 9)
        #expect(Array(bytes.prefix(2)) != [0x42, 0x42] || bytes[7] != 0x03)
    }
}
