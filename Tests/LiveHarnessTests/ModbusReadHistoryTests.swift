import Conformance
@testable import LiveHarness
import ModbusMap
import ModbusServer
import PlantModel
import Scenario
import SimCore
import Testing

/// The target's Modbus reads as history records, and the rules of evidence counting them as the
/// data the target received.
@Suite struct ModbusReadHistoryTests {
    static let points: [PointSpec] = [
        PointSpec(code: "P1", nameZh: "压力", nameEn: "pressure", unit: "MPa", range: 0...1, equipment: "E"),
        PointSpec(code: "D1", nameZh: "阀", nameEn: "valve", unit: "", kind: .digital, range: 0...1, equipment: "E"),
        PointSpec(code: "T1", nameZh: "温度", nameEn: "temperature", unit: "°C", range: 0...100, equipment: "E"),
    ]

    static func endpoints() throws -> SlaveEndpoints {
        let map = try UnitMap.generate(points: points, layout: ModbusLayout())
        var second = ModbusLayout()
        second.unitId = 2
        let other = try UnitMap.generate(points: points, layout: second)
        return SlaveEndpoints(list: [.init(port: 0, units: [map, other])], plantOfUnit: [0, 1], plants: ["E1", "E2"])
    }

    static func tally(unit: Int, at seconds: Int64, reads: Int, exceptions: Int = 0,
                      ranges: [RequestCheck.Access: Int] = [:]) -> ReadTally {
        var tally = ReadTally(unit: unit, unitId: UInt8(unit + 1), intervalStart: SimInstant(milliseconds: seconds * 1000))
        tally.requests = reads + exceptions; tally.reads = reads; tally.exceptions = exceptions; tally.ranges = ranges
        return tally
    }

    @Test func eachIntervalNamesTheEnterpriseTheCountsAndThePointsCovered() throws {
        let holding = RequestCheck.Access(table: .holdingRegisters, addresses: 0..<2, isWrite: false)
        let bits = RequestCheck.Access(table: .discreteInputs, addresses: 0..<1, isWrite: false)
        let records = ModbusReadHistory(endpoints: try Self.endpoints()).records(
            [Self.tally(unit: 0, at: 10, reads: 4, exceptions: 1, ranges: [holding: 3, bits: 1])],
            end: SimInstant(milliseconds: 15_000))
        let read = try #require(records.first { $0.enterprise == "E1" })
        #expect(read.type == .modbusRead)
        #expect(read.fromMs == 10_000)
        #expect(read.t == 15_000)  // held at the scenario's end
        #expect(read.counts == [5, 4, 1, 0])
        #expect(read.points == ["P1", "D1"])  // T1's registers (2…3) were not read
        let late = ModbusReadHistory(endpoints: try Self.endpoints()).records(
            [Self.tally(unit: 0, at: 20, reads: 1)], end: SimInstant(milliseconds: 15_000))
        #expect(late.first { $0.enterprise == "E1" }.map { [$0.fromMs, $0.t] } == [15_000, 15_000])  // never past the end
        let never = try #require(records.first { $0.enterprise == "E2" })
        #expect(never.counts == [0, 0, 0, 0] && never.fromMs == 0 && never.t == 15_000)
    }

    static func judge(_ reads: [HistoryRecord], end seconds: Double = 600) -> Verdict {
        let window = Window(anchor: nil, start: .start, end: .start + .seconds(seconds))
        let e = Expectation(id: "quiet", kind: .alarmNotRaised(AlarmMatch(point: "P1", level: nil)), window: window,
                            plant: nil, clauses: [], note: nil, location: SourceLocation(file: "s.yaml", line: 1, column: 1))
        let end = SimInstant.start + .seconds(seconds)
        return Checker(history: History(reads + [.observed(from: .start, to: end, kind: .poll), .end(at: end)])).judge(e)
    }

    static func reads(_ enterprise: String, every step: Int, until last: Int) -> [HistoryRecord] {
        stride(from: 0, through: last, by: step).map { (second: Int) -> HistoryRecord in
            let ms = Int64(second) * 1000
            return .modbusRead(from: SimInstant(milliseconds: ms), to: SimInstant(milliseconds: ms + 10_000),
                        enterprise: enterprise, requests: 2, reads: 2, exceptions: 0, unanswered: 0, points: ["P1"])
        }
    }

    @Test func aTargetThatKeptReadingIsJudgedAsUsual() {
        #expect(Self.judge(Self.reads("E1", every: 60, until: 590)).outcome == .pass)
    }

    @Test func aTargetThatStoppedReadingCannotPassOnSilenceAfterward() {
        let v = Self.judge(Self.reads("E1", every: 10, until: 200))
        #expect(v.outcome == .error)
        #expect(v.observed.contains("the target stopped reading E1's registers: no successful Modbus read from t+3m30s"))
    }

    @Test func aTargetThatNeverReadIsAnErrorSayingWhy() {
        let v = Self.judge([.modbusRead(from: .start, to: .start + .seconds(600), enterprise: "E1", requests: 40, reads: 0,
                                        exceptions: 40, unanswered: 0, points: [])])
        #expect(v.outcome == .error)
        #expect(v.observed.contains("the target never read E1's registers: 40 Modbus requests, none answered with data"))
    }

    @Test func theDeliveryFiguresCountWhatTheTargetReadPerEnterprise() throws {
        let records = Self.reads("E1", every: 10, until: 20) + [
            .modbusRead(from: .start, to: .start + .seconds(30), enterprise: "E2", requests: 3, reads: 0, exceptions: 3,
                        unanswered: 0, points: []),
        ]
        let figures = try #require(DeliveryFigures.compute(History(records + [.end(at: .start + .seconds(30))])))
        let one = try #require(figures.enterprises.first { $0.enterprise == "E1" })
        #expect([one.modbusRequests, one.modbusReads, one.modbusExceptions, one.modbusPointsCovered] == [6, 6, 0, 1])
        let two = try #require(figures.enterprises.first { $0.enterprise == "E2" })
        #expect([two.modbusRequests, two.modbusReads, two.modbusExceptions, two.modbusPointsCovered] == [3, 0, 3, 0])
    }

    @Test func anEnterpriseFedByTheUplinkIsJudgedByItsDeliveriesNotItsModbusReads() {
        let delivered = HistoryRecord.delivery(at: .start, enterprise: "E1", batch: "b0", fate: .delivered, status: 200)
        let v = Self.judge([delivered, .modbusRead(from: .start, to: .start + .seconds(600), enterprise: "E1", requests: 0,
                                                   reads: 0, exceptions: 0, unanswered: 0, points: [])])
        #expect(v.outcome == .pass)
    }
}
