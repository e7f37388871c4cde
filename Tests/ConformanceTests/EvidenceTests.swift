import Conformance
import Scenario
import SimCore
import Testing

/// The rules of evidence: an absence is judged only where the history can vouch for it.
@Suite struct LossEvidenceTests {
    let ll = ExpectationKind.alarmRaised(AlarmMatch(point: "P", level: .ll))
    let notRaised = ExpectationKind.alarmNotRaised(AlarmMatch(point: "P", level: nil))

    static func queued(_ count: Int, from: Double) -> [HistoryRecord] {
        (0..<count).map { .delivery(at: Fixture.s(from + Double($0)), enterprise: "E1", batch: "b\($0)", fate: .undelivered) }
    }

    static func rejected(_ count: Int, from: Double, status: Int = 401) -> [HistoryRecord] {
        (0..<count).map {
            .delivery(at: Fixture.s(from + Double($0)), enterprise: "E1", batch: "r\($0)", fate: .rejected,
                      status: status, attempts: 1, message: "unauthorized")
        }
    }

    static let delivered = HistoryRecord.delivery(at: Fixture.s(10), enterprise: "E1", batch: "ok", fate: .delivered,
                                                  status: 200, attempts: 1)

    @Test func aMissingAlarmAfterLossIsAnErrorNamingWhereLossBeganAndHowManyBatches() {
        let v = Fixture.judge(Fixture.expect(ll, from: 600, to: 700), [Self.delivered] + Self.queued(255, from: 662), end: 800)
        #expect(v.outcome == .error)
        #expect(v.observed.contains("batches from t+11m2s onwards never reached the target: 255 queued at the end"))
    }

    @Test func aCleanNegativeAfterRejectedPostsIsAnErrorNamingTheStatus() {
        let v = Fixture.judge(Fixture.expect(notRaised, from: 0, to: 600), Self.rejected(3, from: 30))
        #expect(v.outcome == .error)
        #expect(v.observed.contains("batches from t+30s onwards never reached the target: 3 rejected (HTTP 401)"))
    }

    @Test func positiveEvidenceStillPassesAndViolationsStillFailAfterLoss() {
        let loss = Self.queued(5, from: 100)
        #expect(Fixture.judge(Fixture.expect(ll, from: 0, to: 600), loss + [Fixture.raised(300)]).outcome == .pass)
        let v = Fixture.judge(Fixture.expect(notRaised, from: 0, to: 600), loss + [Fixture.raised(300, "P", "H")])
        #expect(v.outcome == .fail)
    }

    @Test func windowsClosingBeforeLossBeganAreJudgedAsUsual() {
        let loss = Self.queued(5, from: 400)
        #expect(Fixture.judge(Fixture.expect(ll, from: 0, to: 300), loss).outcome == .fail)
        #expect(Fixture.judge(Fixture.expect(notRaised, from: 0, to: 300), loss).outcome == .pass)
        #expect(Fixture.judge(Fixture.expect(notRaised, from: 0, to: 300), [Self.delivered]).outcome == .pass,
                "delivered batches are no loss")
    }
}

@Suite struct ObservationEvidenceTests {
    let notRaised = ExpectationKind.alarmNotRaised(AlarmMatch(point: "P", level: nil))
    let ll = ExpectationKind.alarmRaised(AlarmMatch(point: "P", level: .ll))

    static func polled(_ spans: [(Double, Double)]) -> [HistoryRecord] {
        spans.map { .observed(from: Fixture.s($0.0), to: Fixture.s($0.1), kind: .poll) }
    }

    @Test func aCleanNegativeWithNothingObservedIsAnError() {
        let v = Fixture.judge(Fixture.expect(notRaised, from: 0, to: 600), [], observed: false)
        #expect(v.outcome == .error)
        #expect(v.observed.contains("nothing vouches for the target's state in the window"))
    }

    @Test func pollSpansCoveringTheWindowLetACleanNegativePass() {
        let spans = Self.polled([(0, 200), (200, 401), (402, 620)])
        #expect(Fixture.judge(Fixture.expect(notRaised, from: 0, to: 600), spans, observed: false).outcome == .pass)
    }

    @Test func aGapInObservationMakesACleanNegativeAnErrorNamingTheGap() {
        let spans = Self.polled([(0, 200), (400, 620)])
        let v = Fixture.judge(Fixture.expect(notRaised, from: 0, to: 600), spans, observed: false)
        #expect(v.outcome == .error)
        #expect(v.observed.contains("from t+3m20s to t+6m40s"))
        #expect(Fixture.judge(Fixture.expect(notRaised, from: 450, to: 600), spans, observed: false).outcome == .pass,
                "a window inside the covered time is judged")
    }

    @Test func observationEndingBeforeTheWindowClosesIsNotCoverage() {
        let v = Fixture.judge(Fixture.expect(notRaised, from: 0, to: 600), Self.polled([(0, 500)]), observed: false)
        #expect(v.outcome == .error)
        #expect(v.observed.contains("from t+8m20s to t+10m"))
    }

    @Test func aMissingPositiveInAnUncoveredWindowIsAnErrorNotAFail() {
        let v = Fixture.judge(Fixture.expect(ll, from: 0, to: 600), [], observed: false)
        #expect(v.outcome == .error)
        let seen = Fixture.judge(Fixture.expect(ll, from: 0, to: 600), [Fixture.raised(30)], observed: false)
        #expect(seen.outcome == .pass, "positive evidence needs no coverage")
        let liveness = [HistoryRecord.observed(from: .start, to: Fixture.s(600), kind: .liveness)]
        #expect(Fixture.judge(Fixture.expect(ll, from: 0, to: 600), liveness, observed: false).outcome == .fail)
    }
}

@Suite struct SilentGradeTests {
    static let plants = [HistoryRecord.plant(enterprise: "E1", region: "450127", regionName: "横州市", points: ["P"], periodsMs: [1000]),
                         .plant(enterprise: "E2", region: "450127", regionName: "横州市", points: ["P"], periodsMs: [1000])]

    @Test func aTargetThatNeverReportedAGradeGivesErrorsOnGradeExpectations() {
        let stays = Fixture.judge(Fixture.expect(.gradeNotExceeded(.yellow), from: 0, to: 600, plant: "E1"), Self.plants)
        #expect(stays.outcome == .error)
        #expect(stays.observed.contains("the target reported no grade for E1 during the scenario"))
        let reaches = Fixture.judge(Fixture.expect(.gradeReached(.red), from: 0, to: 600, plant: "E1"), Self.plants)
        #expect(reaches.outcome == .error)
        #expect(Fixture.judge(Fixture.expect(.gradeNotExceeded(.yellow), from: 0, to: 600), []).outcome == .error,
                "no enterprise known and no grade at all")
    }

    @Test func anEnterpriseWithoutGradesMakesAnyEnterpriseExpectationsErrorsUnlessDecided() {
        let records = Self.plants + [Fixture.grade(0, "blue")]
        #expect(Fixture.judge(Fixture.expect(.gradeNotExceeded(.yellow), from: 0, to: 600, plant: "E1"), records).outcome == .pass)
        let v = Fixture.judge(Fixture.expect(.gradeNotExceeded(.yellow), from: 0, to: 600), records)
        #expect(v.outcome == .error)
        #expect(v.observed.contains("no grade for E2"))
        let over = records + [Fixture.grade(100, "orange")]
        #expect(Fixture.judge(Fixture.expect(.gradeNotExceeded(.yellow), from: 0, to: 600), over).outcome == .fail)
        #expect(Fixture.judge(Fixture.expect(.gradeReached(.orange), from: 0, to: 600), over).outcome == .pass)
    }
}

@Suite struct CategoryEvidenceTests {
    @Test func anInstrumentFaultLabelledAHazardViolatesALevelLessNotRaised() {
        let e = Fixture.expect(.alarmNotRaised(AlarmMatch(point: "P", level: nil)), from: 0, to: 600)
        let labelled = Fixture.raised(30, "P", "INSTRUMENT", category: "hazard")
        let v = Fixture.judge(e, [labelled])
        #expect(v.outcome == .fail)
        #expect(v.observed.contains("P INSTRUMENT at t+30s"))
        let instrument = Fixture.expect(.alarmRaised(AlarmMatch(point: "P", level: .instrument)), from: 0, to: 600)
        #expect(Fixture.judge(instrument, [labelled]).outcome == .fail, "nor is it the instrument alarm asked for")
    }

    @Test func aHazardLevelIsNotSatisfiedByAnAlarmTheTargetFiledAsInstrument() {
        let e = Fixture.expect(.alarmRaised(AlarmMatch(point: "P", level: .h)), from: 0, to: 600)
        #expect(Fixture.judge(e, [Fixture.raised(30, "P", "H", category: "instrument")]).outcome == .fail)
        #expect(Fixture.judge(e, [Fixture.raised(30, "P", "H", category: "hazard")]).outcome == .pass)
        var uncategorised = Fixture.raised(30, "P", "H")
        uncategorised.category = nil
        #expect(Fixture.judge(e, [uncategorised]).outcome == .pass, "without a category the level decides")
        let not = Fixture.expect(.alarmNotRaised(AlarmMatch(point: "P", level: nil)), from: 0, to: 600)
        #expect(Fixture.judge(not, [Fixture.raised(30, "P", "H", category: "instrument")]).outcome == .pass)
    }

    @Test func alarmQualityCountsHazardAndInstrumentAlarmsByReportedCategory() {
        let records = [Fixture.raised(10, "P", "INSTRUMENT", category: "hazard"), Fixture.raised(20, "P", "H", category: "instrument"),
                       Fixture.raised(30, "P", "HH"), Fixture.raised(40, "Q", "INSTRUMENT", category: "instrument")]
        let q = AlarmQuality.compute(history: History(records + [.end(at: Fixture.s(600))]), expectations: [],
                                     duration: .seconds(600))
        #expect(q.hazardAlarms == 2 && q.instrumentAlarms == 2)
    }
}

@Suite struct DeliveryFigureTests {
    static let plant = HistoryRecord.plant(enterprise: "E1", region: "450127", regionName: "横州市", points: ["P"], periodsMs: [1000])

    static func seen(_ record: HistoryRecord, after seconds: Double) -> HistoryRecord {
        var r = record
        r.seenMs = r.t + Int64(seconds * 1000)
        return r
    }

    @Test func uplinkCountsLagPercentilesAndSetAsideAreCountedNotJudged() throws {
        let lagged = (1...100).map { Self.seen(Fixture.raised(Double($0), "P", "H", id: "a\($0)"), after: Double($0) / 10) }
        let records = [Self.plant, .uplink(at: Fixture.s(600), enterprise: "E1", sent: 60, delivered: 50, rejected: 0,
                                           undelivered: 10, backlogHighWater: 14),
                       .setAside(at: .start, count: 7, message: "older than the scenario")] + lagged
        let history = History(records + [.end(at: Fixture.s(600))])
        let figures = try #require(DeliveryFigures.compute(history))
        #expect(figures.setAside == 7)
        let row = try #require(figures.enterprises.first)
        #expect(row.enterprise == "E1" && row.sent == 60 && row.delivered == 50 && row.undelivered == 10)
        #expect(row.backlogHighWater == 14 && row.lost == 10)
        #expect(row.lagP50Ms == 5000 && row.lagP99Ms == 9900 && row.lagSamples == 100)
        let e = Fixture.expect(.alarmNotRaised(AlarmMatch(point: "Q", level: nil)), from: 0, to: 600)
        #expect(Fixture.judge(e, records).outcome == .pass, "set-aside records are never judged")
    }

    @Test func deliveryRecordsAreCountedWhenNoUplinkFiguresWereWritten() throws {
        let records: [HistoryRecord] = [
            .delivery(at: Fixture.s(1), enterprise: "E1", batch: "a", fate: .delivered, status: 200),
            .delivery(at: Fixture.s(2), enterprise: "E1", batch: "b", fate: .rejected, status: 401),
        ]
        let row = try #require(DeliveryFigures.compute(History(records))?.enterprises.first)
        #expect(row.sent == 2 && row.delivered == 1 && row.rejected == 1 && row.undelivered == 0)
    }

    @Test func aLockstepHistoryHasNoDeliveryFigures() {
        #expect(DeliveryFigures.compute(History([Self.plant, Fixture.raised(3), .end(at: Fixture.s(10))])) == nil)
    }
}

@Suite struct LeadingObservationTests {
    @Test func observationStartingWithinATenthOfTheRunCoversItsStart() {
        let e = Fixture.expect(.alarmNotRaised(AlarmMatch(point: "P", level: nil)), from: 0, to: 300)
        let late = [HistoryRecord.observed(from: Fixture.s(50), to: Fixture.s(600), kind: .liveness)]
        #expect(Fixture.judge(e, late, observed: false).outcome == .pass, "first sign at t+50s of 10m")
        let later = [HistoryRecord.observed(from: Fixture.s(70), to: Fixture.s(600), kind: .liveness)]
        let v = Fixture.judge(e, later, observed: false)
        #expect(v.outcome == .error)
        #expect(v.observed.contains("from t+0s to t+1m10s"))
    }
}
