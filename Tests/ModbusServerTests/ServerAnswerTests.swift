import Foundation
import PlantModel
import ModbusMap
import ModbusServer
import Testing

@Suite(.serialized) struct ServerAnswerTests {
    @Test func readsEveryTableOfTwoUnitsOnOnePort() throws {
        let fixture = try ServerFixture()
        let client = try RawClient(port: fixture.port)
        let holding = try #require(client.request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 4)))
        #expect(holding.registers == [0x3E80, 0x0000, 2, 0x4216])  // 0.25 float32, mode 2, then 37.5's high word
        let two = try #require(client.request(unit: 2, pdu: RawClient.read(0x03, address: 0, count: 2)))
        #expect(RegisterEncoding.decode(two.registers, type: .float32) == 0.5)
        let bits = try #require(client.request(unit: 1, pdu: RawClient.read(0x02, address: 0, count: 1)))
        #expect(bits == [0x02, 1, 1])
        let quality = try #require(client.request(unit: 2, pdu: RawClient.read(0x04, address: 0, count: 4)))
        #expect(quality.registers == [0, 0, 1, 2])
    }

    @Test func valuesFollowPublishedSnapshots() throws {
        let fixture = try ServerFixture()
        let client = try RawClient(port: fixture.port)
        fixture.publish(time: .init(milliseconds: 1000), values: [0.125, 0, 1, 40])
        let reply = try #require(client.request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 5)))
        let words = reply.registers
        #expect(RegisterEncoding.decode(Array(words[0...1]), type: .float32) == 0.125)
        #expect(RegisterEncoding.decode(Array(words[3...4]), type: .float32) == 40)
    }

    @Test(arguments: [
        ("undefined address", RawClient.read(0x03, address: 5, count: 1), UInt8(0x02)),
        ("range runs past the map", RawClient.read(0x03, address: 3, count: 3), 0x02),
        ("unsupported function 0x2B", [0x2B, 0x0E, 0x01, 0x00], 0x01),
        ("diagnostics 0x08", [0x08, 0x00, 0x00, 0x12, 0x34], 0x01),
        ("report slave id 0x11", [0x11], 0x01),
        ("quantity 0", RawClient.read(0x03, address: 0, count: 0), 0x03),
        ("quantity 126", RawClient.read(0x03, address: 0, count: 126), 0x03),
        ("write to read-only holding", [0x06, 0x00, 0x00, 0x00, 0x01], 0x02),
        ("coil value not 0/FF00", [0x05, 0x00, 0x00, 0x12, 0x34], 0x03),
        ("byte count mismatch", [0x10, 0x00, 0x00, 0x00, 0x02, 0x03, 0, 0, 0], 0x03),
        // Found by Tools/fuzz: libmodbus adds 0x80 to the function code, so 0x81 came back as 0x01.
        ("function 0x81 (exception range)", [0x81, 0x00, 0x00, 0x00, 0x01], 0x01),
        ("function 0xFF", [0xFF], 0x01),
        ("function 0x80 without data", [0x80], 0x01),
    ] as [(String, [UInt8], UInt8)])
    func answersTheRightException(name: String, pdu: [UInt8], code: UInt8) throws {
        let fixture = try ServerFixture()
        let client = try RawClient(port: fixture.port)
        let reply = try #require(client.request(unit: 1, pdu: pdu), "\(name): no reply")
        #expect(reply == [pdu[0] | 0x80, code], "\(name)")
    }

    @Test func acknowledgeCoilsAreWritableAndKeptByTheServer() throws {
        let fixture = try ServerFixture()
        let client = try RawClient(port: fixture.port)
        let write = try #require(client.request(unit: 1, pdu: [0x05, 0x00, 0x02, 0xFF, 0x00]))
        #expect(write == [0x05, 0x00, 0x02, 0xFF, 0x00])
        fixture.publish(time: .init(milliseconds: 2000), values: ServerFixture.values)
        let coils = try #require(client.request(unit: 1, pdu: RawClient.read(0x01, address: 0, count: 4)))
        #expect(coils == [0x01, 1, 0b0100])
    }

    @Test func unknownUnitIsDroppedOrAnsweredWith0B() throws {
        let dropping = try ServerFixture(unknownUnit: .drop)
        let quiet = try RawClient(port: dropping.port, timeoutMs: 300)
        #expect(quiet.request(unit: 9, pdu: RawClient.read(0x03, address: 0, count: 1)) == nil)
        let answering = try ServerFixture(unknownUnit: .exception)
        let client = try RawClient(port: answering.port)
        #expect(client.request(unit: 9, pdu: RawClient.read(0x03, address: 0, count: 1)) == [0x83, 0x0B])
    }

    @Test func malformedHeaderClosesOnlyThatConnection() throws {
        let fixture = try ServerFixture()
        let bad = try RawClient(port: fixture.port)
        let good = try RawClient(port: fixture.port)
        bad.send(RawClient.frame(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 1), protocolId: 7))
        #expect(bad.isClosedByPeer())
        #expect(good.request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2)) != nil)
        #expect(fixture.server.statistics.malformedFrames == 1)
    }

    @Test func halfARequestDoesNotHoldOtherClients() throws {
        let fixture = try ServerFixture()
        let slow = try RawClient(port: fixture.port)
        let frame = RawClient.frame(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2))
        slow.send(Array(frame.prefix(5)))
        let fast = try RawClient(port: fixture.port)
        let started = Date()
        for transaction in 1...50 {
            #expect(fast.request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2), transaction: UInt16(transaction)) != nil)
        }
        #expect(Date().timeIntervalSince(started) < 2)
        slow.send(Array(frame.dropFirst(5)))
        let header = slow.receive(7)
        #expect(header.count == 7)
    }

    @Test func holdsOverAThousandConnectionsBeyondFDSetSize() throws {
        let fixture = try ServerFixture()
        var clients: [RawClient] = []
        for _ in 0..<1100 { clients.append(try RawClient(port: fixture.port, timeoutMs: 3000)) }
        for (index, client) in clients.enumerated() {
            client.send(RawClient.frame(transaction: UInt16(index), unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2)))
        }
        var answered = 0
        for client in clients where client.receive(11).count == 11 { answered += 1 }
        #expect(answered == 1100)
        #expect(fixture.server.statistics.connectionsOpen == 1100)
        #expect(clients.last.map { $0.fd >= 1024 } == true)
    }
}

@Suite struct MultiPortTests {
    @Test func oneProcessServesSeveralPortsEachWithItsUnits() throws {
        let a = try UnitMap.generate(points: ServerFixture.points, layout: ModbusLayout(unitId: 1))
        let b = try UnitMap.generate(points: ServerFixture.points, layout: ModbusLayout(unitId: 1))
        let server = ModbusSlaveServer(configuration: .init(endpoints: [.init(port: 0, units: [a]), .init(port: 0, units: [b])]))
        try server.start()
        defer { server.stop() }
        #expect(server.boundPorts.count == 2 && server.boundPorts[0] != server.boundPorts[1])
        let good = [Quality](repeating: .good, count: 4)
        server.publish(time: .start, units: [0: .init(values: [0.25, 0, 0, 0], qualities: good), 1: .init(values: [0.5, 0, 0, 0], qualities: good)])
        usleep(20_000)
        let first = try #require(try RawClient(port: server.boundPorts[0]).request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2)))
        let second = try #require(try RawClient(port: server.boundPorts[1]).request(unit: 1, pdu: RawClient.read(0x03, address: 0, count: 2)))
        #expect(RegisterEncoding.decode(first.registers, type: .float32) == 0.25)
        #expect(RegisterEncoding.decode(second.registers, type: .float32) == 0.5)
    }

    @Test func aUnitIdTwiceOnOnePortIsRefused() throws {
        let a = try UnitMap.generate(points: ServerFixture.points, layout: ModbusLayout(unitId: 3))
        let server = ModbusSlaveServer(configuration: .init(endpoints: [.init(port: 0, units: [a, a])]))
        #expect(throws: (any Error).self) { try server.start() }
    }
}
