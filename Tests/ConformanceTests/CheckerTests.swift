import Conformance
import Scenario
import struct Scenario.Expectation
import SimCore
import Testing

/// Builders for synthetic histories and expectations.
enum Fixture {
    static let here = SourceLocation(file: "s.yaml", line: 7, column: 5)

    static func s(_ seconds: Double) -> SimInstant { .start + .seconds(seconds) }

    static func expect(_ kind: ExpectationKind, id: String = "e", from: Double, to: Double, anchor: String? = nil,
                       plant: String? = nil) -> Expectation {
        Expectation(id: id, kind: kind, window: Window(anchor: anchor, start: s(from), end: s(to)), plant: plant,
                    clauses: ["Order10-Art5-3"], note: nil, location: here)
    }

    static func raised(_ at: Double, _ point: String = "P", _ level: String = "LL", id: String? = nil,
                       category: String = "hazard", enterprise: String = "E1") -> HistoryRecord {
        .alarm(.alarmRaised, at: s(at), id: id ?? "\(point)-\(level)-\(at)", enterprise: enterprise, point: point,
               level: level, category: category, kind: nil, critical: true, value: 1, message: nil)
    }

    static func cleared(_ at: Double, id: String) -> HistoryRecord {
        .alarm(.alarmCleared, at: s(at), id: id, enterprise: "E1", point: "P", level: "LL", category: "hazard",
               kind: nil, critical: true, value: 1, message: nil)
    }

    static func grade(_ at: Double, _ grade: String, enterprise: String = "E1") -> HistoryRecord {
        .grade(at: s(at), enterprise: enterprise, to: grade, from: nil, reasons: ["R-1"])
    }

    static func step(_ at: Double, _ name: String) -> HistoryRecord {
        .step(at: s(at), name: name, kind: "faultInjected", enterprise: "E1", detail: "")
    }

    /// Judges against the records and an end of observation at `end`; `observed`: a `complete`
    /// span over [0, end] (as lockstep writes), so only the rule under test decides.
    static func judge(_ e: Expectation, _ records: [HistoryRecord], end: Double = 600, observed: Bool = true) -> Verdict {
        let vouched: [HistoryRecord] = observed ? [.observed(from: .start, to: s(end), kind: .complete)] : []
        return Checker(history: History(records + vouched + [.end(at: s(end))])).judge(e)
    }
}

@Suite struct AlarmVerdictTests {
    let ll = ExpectationKind.alarmRaised(AlarmMatch(point: "P", level: .ll))

    @Test func raisedInWindowPassesWithLatencyFromTheAnchorStep() {
        let e = Fixture.expect(ll, from: 60, to: 70, anchor: "trip")
        let v = Fixture.judge(e, [Fixture.step(60, "trip"), Fixture.raised(63.5)])
        #expect(v.outcome == .pass)
        #expect(v.latencyMs == 3500)
        #expect(v.observed == "P LL raised at t+1m3s500ms")
    }

    @Test func raisedTooLateFailsAndSaysWhen() {
        let e = Fixture.expect(ll, from: 60, to: 70, anchor: "trip")
        let v = Fixture.judge(e, [Fixture.step(60, "trip"), Fixture.raised(75), Fixture.raised(90)])
        #expect(v.outcome == .fail)
        #expect(v.observed.contains("raised outside it at t+1m15s, t+1m30s"))
        #expect(v.firstMs == 75_000 && v.lastMs == 90_000 && v.occurrences == 2)
    }

    @Test func otherLevelOnThePointIsNamedInTheFailure() {
        let v = Fixture.judge(Fixture.expect(ll, from: 0, to: 100), [Fixture.raised(10, "P", "L")])
        #expect(v.outcome == .fail)
        #expect(v.observed.contains("on P instead: P L at t+10s"))
    }

    @Test func targetErrorMakesAMissingAlarmAnErrorNotAFail() {
        let v = Fixture.judge(Fixture.expect(ll, from: 0, to: 100), [.error(at: Fixture.s(5), source: .target, message: "connection refused")])
        #expect(v.outcome == .error)
        #expect(v.observed.contains("connection refused"))
    }

    @Test func observationThatStoppedEarlyIsAnError() {
        let v = Fixture.judge(Fixture.expect(ll, from: 0, to: 100), [], end: 50)
        #expect(v.outcome == .error)
        #expect(v.observed.contains("observation ended at t+50s"))
        let unfinished = Checker(history: History([])).judge(Fixture.expect(ll, from: 0, to: 100))
        #expect(unfinished.outcome == .error)
    }

    @Test func notRaisedFailsWithFirstAndLastOccurrence() {
        let e = Fixture.expect(.alarmNotRaised(AlarmMatch(point: "P", level: nil)), from: 0, to: 60)
        let v = Fixture.judge(e, [Fixture.raised(10, "P", "H"), Fixture.raised(20, "P", "HH"), Fixture.raised(70)])
        #expect(v.outcome == .fail)
        #expect(v.occurrences == 2 && v.firstMs == 10_000 && v.lastMs == 20_000)
    }

    @Test func levelLessMatchIgnoresInstrumentAlarms() {
        let e = Fixture.expect(.alarmNotRaised(AlarmMatch(point: "P", level: nil)), from: 0, to: 60)
        #expect(Fixture.judge(e, [Fixture.raised(10, "P", "INSTRUMENT", category: "instrument")]).outcome == .pass)
        let instrument = Fixture.expect(.alarmRaised(AlarmMatch(point: "P", level: .instrument)), from: 0, to: 60)
        #expect(Fixture.judge(instrument, [Fixture.raised(10, "P", "INSTRUMENT", category: "instrument")]).outcome == .pass)
    }

    @Test func clearedNeedsTheClearInTheWindow() {
        let e = Fixture.expect(.alarmCleared(AlarmMatch(point: "P", level: .ll)), from: 100, to: 200)
        #expect(Fixture.judge(e, [Fixture.raised(10, id: "a"), Fixture.cleared(150, id: "a")]).outcome == .pass)
        let v = Fixture.judge(e, [Fixture.raised(10, id: "a")])
        #expect(v.outcome == .fail)
        #expect(v.observed.contains("still active"))
    }

    @Test func enterpriseFilterApplies() {
        let e = Fixture.expect(ll, from: 0, to: 100, plant: "E2")
        #expect(Fixture.judge(e, [Fixture.raised(5)]).outcome == .fail)
        #expect(Fixture.judge(e, [Fixture.raised(5, enterprise: "E2")]).outcome == .pass)
    }
}

@Suite struct GradeAndInterlockVerdictTests {
    @Test func gradeReachedCountsTheGradeInEffectAtWindowStart() {
        let e = Fixture.expect(.gradeReached(.orange), from: 100, to: 200)
        let v = Fixture.judge(e, [Fixture.grade(0, "blue"), Fixture.grade(50, "orange")])
        #expect(v.outcome == .pass)
        #expect(v.latencyMs == 0)
        let late = Fixture.judge(e, [Fixture.grade(0, "blue"), Fixture.grade(150, "red")])
        #expect(late.outcome == .pass && late.latencyMs == 50_000)
    }

    @Test func gradeReachedFailShowsTheHighestSeen() {
        let e = Fixture.expect(.gradeReached(.red), from: 0, to: 200)
        let v = Fixture.judge(e, [Fixture.grade(0, "blue"), Fixture.grade(50, "orange")])
        #expect(v.outcome == .fail)
        #expect(v.observed.contains("highest grade in the window: orange (E1, from t+50s)"))
    }

    @Test func gradeNotExceededAndUnknownGrades() {
        let e = Fixture.expect(.gradeNotExceeded(.yellow), from: 0, to: 200)
        #expect(Fixture.judge(e, [Fixture.grade(0, "blue"), Fixture.grade(50, "yellow")]).outcome == .pass)
        let v = Fixture.judge(e, [Fixture.grade(0, "blue"), Fixture.grade(50, "orange"), Fixture.grade(90, "blue")])
        #expect(v.outcome == .fail && v.firstMs == 50_000)
        #expect(Fixture.judge(e, [Fixture.grade(10, "purple")]).outcome == .error)
    }

    @Test func interlockTrippedIsJudgedOnWhatTheTargetSaw() {
        let e = Fixture.expect(.interlockTripped(name: "mouldWaterLow"), from: 0, to: 30)
        let plantTrip = HistoryRecord.plantEvent(at: Fixture.s(3), kind: "interlockTripped", enterprise: "E1",
                                                 equipment: "L1", name: "mouldWaterLow", detail: "")
        let missed = Fixture.judge(e, [plantTrip])
        #expect(missed.outcome == .fail)
        #expect(missed.observed.contains("the plant tripped it at t+3s"))
        let seen = HistoryRecord.interlockActed(at: Fixture.s(4), enterprise: "E1", interlock: "mouldWaterLow", detail: nil)
        #expect(Fixture.judge(e, [plantTrip, seen]).latencyMs == 4000)
        let not = Fixture.expect(.interlockNotTripped(name: "mouldWaterLow"), from: 0, to: 30)
        #expect(Fixture.judge(not, [plantTrip]).outcome == .fail)
        #expect(Fixture.judge(not, []).outcome == .pass)
    }
}

@Suite struct DataCompleteTests {
    static let plant = HistoryRecord.plant(enterprise: "E1", region: "450127", regionName: "横州市", points: ["A", "B"],
                                           periodsMs: [1000, 2000])

    @Test func completeAndIncompleteWindows() {
        // 10 s buckets: A due 10, B due 5 per bucket.
        let full = (1...6).map { HistoryRecord.received(at: Fixture.s(Double($0) * 10), enterprise: "E1", counts: [10, 5]) }
        let e = Fixture.expect(.dataComplete(point: nil, minPct: 99), from: 0, to: 60)
        let pass = Fixture.judge(e, [Self.plant] + full)
        #expect(pass.outcome == .pass)
        #expect(pass.observed == "90 of 90 readings (100 %); worst point A 100 %")
        var gap = full
        gap[2].counts = [0, 5]
        let v = Fixture.judge(e, [Self.plant] + gap)
        #expect(v.outcome == .fail)
        #expect(v.observed.contains("80 of 90 readings (88.9 %); worst point A 83.3 %"))
        let onlyB = Fixture.expect(.dataComplete(point: "B", minPct: 99), from: 0, to: 60)
        #expect(Fixture.judge(onlyB, [Self.plant] + gap).outcome == .pass)
    }

    @Test func noCountsIsNeverAPass() {
        let e = Fixture.expect(.dataComplete(point: nil, minPct: 99), from: 0, to: 60)
        let unobservable = Fixture.judge(e, [Self.plant])
        #expect(unobservable.outcome == .error)
        #expect(unobservable.observed.contains("cannot be judged"))
        let late = [HistoryRecord.received(at: Fixture.s(100), enterprise: "E1", counts: [10, 5])]
        #expect(Fixture.judge(e, [Self.plant] + late).outcome == .fail, "counts exist, none in the window")
    }
}

@Suite struct AlarmQualityTests {
    @Test func floodsChatterStandingAndUnexpected() {
        var records = (0..<12).map { Fixture.raised(Double($0) * 40, "F", "H", id: "f\($0)") }
        records += [Fixture.raised(1000, "C", "H", id: "c1"), Fixture.raised(1020, "C", "H", id: "c2"),
                    Fixture.raised(1040, "C", "H", id: "c3")]
        records.append(Fixture.raised(1100, "P", "LL", id: "p1"))
        let expectations = [Fixture.expect(.alarmRaised(AlarmMatch(point: "P", level: .ll)), from: 0, to: 2000)]
        let q = AlarmQuality.compute(history: History(records + [.end(at: Fixture.s(2400))]), expectations: expectations,
                                     duration: .seconds(2400))
        #expect(q.hazardAlarms == 16)
        #expect(q.per10MinPeak == 12)
        #expect(q.floods == 1)
        #expect(q.chattering == ["E1/C/H"])
        #expect(q.standing.contains("p1") && q.standing.count == 16)
        #expect(!q.unexpected.contains("p1") && q.unexpected.count == 15)
    }
}

@Suite struct RegionVerdictTests {
    static func plant(_ code: String, _ region: String, _ name: String) -> HistoryRecord {
        .plant(enterprise: code, region: region, regionName: name, points: ["P"], periodsMs: [1000])
    }

    static let plants = [plant("E1", "450181", "横州市"), plant("E2", "450181", "横州市"), plant("E3", "450105", "江南区")]

    @Test func gradesCountedAtTheWindowEndByCodeOrName() {
        let records = Self.plants + [Fixture.grade(0, "blue"), Fixture.grade(0, "blue", enterprise: "E2"),
                                     Fixture.grade(100, "orange"), Fixture.grade(50, "orange", enterprise: "E3")]
        let e = Fixture.expect(.regionGrades(region: "横州市", grade: .orange, bounds: CountBounds(atLeast: 1, atMost: nil)),
                               from: 0, to: 200)
        let v = Fixture.judge(e, records)
        #expect(v.outcome == .pass)
        #expect(v.observed == "横州市 at t+3m20s: red 0, orange 1, yellow 0, blue 1 (2 enterprises)")
        let early = Fixture.expect(.regionGrades(region: "450181", grade: .orange, bounds: CountBounds(atLeast: 1, atMost: nil)),
                                   from: 0, to: 60)
        #expect(Fixture.judge(early, records).outcome == .fail)
        let nowhere = Fixture.expect(.regionGrades(region: "邕宁区", grade: .red, bounds: CountBounds(atLeast: 0, atMost: 0)),
                                     from: 0, to: 60)
        #expect(Fixture.judge(nowhere, records).outcome == .error)
    }

    @Test func unhandledAlarmsExcludeHandledAndExcluded() {
        var excluded = Fixture.raised(30, "Q", "H", id: "x")
        excluded.excluded = true
        var handled = HistoryRecord.alarm(.alarmHandled, at: Fixture.s(40), id: "a", enterprise: "E1", point: "P",
                                          level: "LL", category: "hazard", kind: nil, critical: true, value: 1, message: nil)
        handled.message = "处置"
        let records = Self.plants + [Fixture.raised(10, id: "a"), Fixture.raised(20, "P", "H", id: "b", enterprise: "E2"),
                                     excluded, handled]
        let e = Fixture.expect(.regionUnhandled(region: "横州市", bounds: CountBounds(atLeast: nil, atMost: 1)), from: 0, to: 50)
        let v = Fixture.judge(e, records)
        #expect(v.outcome == .pass)
        #expect(v.observed == "横州市 at t+50s: 1 unhandled: P H")
        let before = Fixture.expect(.regionUnhandled(region: "横州市", bounds: CountBounds(atLeast: nil, atMost: 1)), from: 0, to: 35)
        #expect(Fixture.judge(before, records).outcome == .fail)
    }
}
