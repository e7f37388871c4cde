import ArgumentParser
import Conformance
import Foundation
import PlantModel
import Scenario
import SimCore

struct BenchCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge N expectations against a synthetic history of M observed events; report the time.")

    @Option(help: "Observed events (alarm raised/cleared pairs and grade changes).")
    var events: Int = 1_000_000

    @Option(help: "Expectations.")
    var expectations: Int = 10_000

    @Option(help: "Enterprises (each with 50 points).")
    var enterprises: Int = 200

    @Option(help: "Repetitions; the median is reported.")
    var repeats: Int = 3

    @Option(help: "Seed of the synthetic history.")
    var seed: UInt64 = 1

    func run() throws {
        let (records, expected) = SyntheticHistory.make(events: events, expectations: expectations,
                                                        enterprises: enterprises, seed: seed)
        var index: [Double] = [], judge: [Double] = [], quality: [Double] = []
        var outcomes: [Outcome: Int] = [:]
        for _ in 0..<max(1, repeats) {
            let clock = ContinuousClock()
            let t0 = clock.now
            let history = History(records)
            let t1 = clock.now
            let verdicts = Checker(history: history).judge(expected)
            let t2 = clock.now
            _ = AlarmQuality.compute(history: history, expectations: expected, duration: .hours(24))
            let t3 = clock.now
            index.append(Self.seconds(t1 - t0)); judge.append(Self.seconds(t2 - t1)); quality.append(Self.seconds(t3 - t2))
            outcomes = Dictionary(grouping: verdicts, by: \.outcome).mapValues(\.count)
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        print("bench check: \(records.count) history records, \(expected.count) expectations, \(enterprises) enterprises")
        print("  verdicts       pass \(outcomes[.pass] ?? 0), fail \(outcomes[.fail] ?? 0), error \(outcomes[.error] ?? 0)")
        print("  index (median) \(String(format: "%.3f", median(index))) s")
        print("  judge (median) \(String(format: "%.3f", median(judge))) s")
        print("  quality        \(String(format: "%.3f", median(quality))) s")
        print("  total          \(String(format: "%.3f", median(index) + median(judge) + median(quality))) s over \(index.count) runs")
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// A seeded synthetic day: alarms raised and cleared on random points of random enterprises, grade
/// changes, and expectations over random windows of them.
enum SyntheticHistory {
    static func make(events: Int, expectations: Int, enterprises: Int, seed: UInt64)
        -> ([HistoryRecord], [Expectation])
    {
        var rng = SeededRandom(seed: seed)
        let dayMs: UInt64 = 86_400_000
        let codes = (0..<enterprises).map { "E\($0)" }
        var records = codes.map {
            HistoryRecord.plant(enterprise: $0, region: "450181", regionName: "横州市",
                                points: (0..<50).map { "P\($0)" }, periodsMs: Array(repeating: 1000, count: 50))
        }
        let grades = ["blue", "yellow", "orange", "red"]
        let levels = ["LL", "L", "H", "HH"]
        var n = 0
        while n < events {
            let enterprise = codes[Int(rng.next() % UInt64(enterprises))]
            let t = SimInstant(milliseconds: Int64(rng.next() % dayMs))
            if rng.next() % 10 == 0 {
                records.append(.grade(at: t, enterprise: enterprise, to: grades[Int(rng.next() % 4)], from: nil, reasons: ["R"]))
                n += 1
                continue
            }
            let point = "P\(rng.next() % 50)", level = levels[Int(rng.next() % 4)], id = "a\(n)"
            records.append(.alarm(.alarmRaised, at: t, id: id, enterprise: enterprise, point: point, level: level,
                                  category: "hazard", kind: nil, critical: false, value: 1, message: nil))
            records.append(.alarm(.alarmCleared, at: t + .seconds(Double(rng.next() % 600)), id: id, enterprise: enterprise,
                                  point: point, level: level, category: "hazard", kind: nil, critical: false, value: 1,
                                  message: nil))
            n += 2
        }
        // Shaped like a lockstep history: complete observation, so negatives are judged, not errors.
        records.append(.observed(from: .start, to: SimInstant(milliseconds: Int64(dayMs)), kind: .complete))
        records.append(.end(at: SimInstant(milliseconds: Int64(dayMs))))
        let location = SourceLocation(file: "<bench>", line: 1, column: 1)
        let list = (0..<expectations).map { i -> Expectation in
            let start = SimInstant(milliseconds: Int64(rng.next() % (dayMs - 600_000)))
            let window = Window(anchor: nil, start: start, end: start + .minutes(10))
            let match = AlarmMatch(point: "P\(rng.next() % 50)", level: AlarmLevel(rawValue: levels[Int(rng.next() % 4)]))
            let kinds: [ExpectationKind] = [.alarmRaised(match), .alarmNotRaised(match), .alarmCleared(match),
                                            .gradeReached(.orange), .gradeNotExceeded(.yellow)]
            return Expectation(id: "x\(i)", kind: kinds[i % kinds.count], window: window,
                               plant: codes[Int(rng.next() % UInt64(enterprises))], clauses: [], note: nil, location: location)
        }
        return (records, list)
    }
}
