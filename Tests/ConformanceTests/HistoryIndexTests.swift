import Conformance
import Scenario
import struct Scenario.Expectation
import SimCore
import Testing

/// The history's index: alarms linked by id in time order, whatever order the records come in.
@Suite struct HistoryIndexTests {
    static func event(_ type: HistoryRecord.Kind, _ at: Double, id: String?, point: String = "P") -> HistoryRecord {
        var r = HistoryRecord.alarm(type, at: Fixture.s(at), id: id ?? "", enterprise: "E1", point: point, level: "LL",
                                    category: "hazard", kind: nil, critical: nil, value: nil, message: nil)
        r.id = id
        return r
    }

    @Test func clearsAndHandlingGoToTheLatestAlarmWithTheId() {
        let records = [Self.event(.alarmCleared, 5, id: "y"), Self.event(.alarmRaised, 6, id: "y"),
                       Self.event(.alarmHandled, 50, id: "x"), Self.event(.alarmRaised, 30, id: "x"),
                       Self.event(.alarmCleared, 20, id: "x"), Self.event(.alarmRaised, 10, id: "x"),
                       Self.event(.alarmCleared, 40, id: "x"), Self.event(.alarmCleared, 45, id: "x")]
        let alarms = History(records).alarms
        #expect(alarms.map(\.id) == ["y", "x", "x"])
        #expect(alarms[0].clearedAt == nil, "a clear before the raise links to nothing")
        #expect(alarms[1].clearedAt == Fixture.s(20) && alarms[1].handledAt == nil)
        #expect(alarms[2].clearedAt == Fixture.s(40) && alarms[2].handledAt == Fixture.s(50), "the first clear counts")
    }

    @Test func alarmsWithoutIdAreNamedByTheirPlaceInRaiseOrder() {
        let records = [Self.event(.alarmRaised, 20, id: nil), Self.event(.alarmCleared, 30, id: "#1"),
                       Self.event(.alarmRaised, 10, id: nil)]
        let alarms = History(records).alarms
        #expect(alarms.map(\.id) == ["#0", "#1"])
        #expect(alarms[0].clearedAt == nil && alarms[1].clearedAt == Fixture.s(30))
    }

    @Test func recordsAtTheSameTimeKeepTheirOrder() {
        let records = [Self.event(.alarmRaised, 9, id: "c"), Self.event(.alarmRaised, 5, id: "b"),
                       Self.event(.alarmRaised, 1, id: "a"), Self.event(.alarmRaised, 5, id: "a2")]
        #expect(History(records).alarms.map(\.id) == ["a", "b", "a2", "c"])
        var wide = records
        wide[0].t = Int64.max / 2 // too wide a span to pack time and position into one integer
        wide[2].t = Int64.min / 2
        #expect(History(wide).alarms.map(\.id) == ["a", "b", "a2", "c"])
    }

    @Test func judgementDoesNotDependOnRecordOrder() {
        var rng = SeededRandom(seed: 7)
        var records: [HistoryRecord] = [.end(at: Fixture.s(900)), .observed(from: .start, to: Fixture.s(900), kind: .complete)]
        for n in 0..<300 {
            let at = Double(n * 3 + 1), point = ["P", "Q", "R"][Int(rng.next() % 3)]
            records.append(Self.event(.alarmRaised, at, id: n % 17 == 0 ? nil : "a\(n % 40)", point: point))
            if rng.next() % 3 > 0 { records.append(Self.event(.alarmCleared, at + Double(1 + rng.next() % 50), id: "a\(n % 40)")) }
            if n % 25 == 0 { records.append(Fixture.grade(at, ["blue", "yellow", "orange", "red"][n % 4])) }
        }
        let expectations = (0..<40).map { i in
            Fixture.expect([.alarmRaised(AlarmMatch(point: "P", level: .ll)), .alarmCleared(AlarmMatch(point: nil, level: nil)),
                            .alarmNotRaised(AlarmMatch(point: "Q", level: nil)), .gradeReached(.orange)][i % 4],
                           id: "e\(i)", from: Double(i * 20), to: Double(i * 20 + 30), plant: i % 3 == 0 ? nil : "E1")
        }
        func judged(_ records: [HistoryRecord]) -> ([Verdict], AlarmQuality) {
            let history = History(records)
            return (Checker(history: history).judge(expectations),
                    AlarmQuality.compute(history: history, expectations: expectations, duration: .seconds(900)))
        }
        let sorted = judged(records.sorted { $0.t < $1.t })
        #expect(judged(records) == sorted)
        #expect(judged(records.shuffled(using: &rng)) == sorted)
        #expect(sorted.0.contains { $0.outcome == .pass } && sorted.0.contains { $0.outcome == .fail })
    }
}

