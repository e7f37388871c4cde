import Conformance
import Scenario
import SimCore
import Testing

/// `gradeStable`: at most N grade changes of an enterprise in the window.
@Suite struct GradeStableVerdictTests {
    static let flapping = [Fixture.grade(0, "blue"), Fixture.grade(100, "yellow"), Fixture.grade(150, "blue"),
                           Fixture.grade(200, "yellow"), Fixture.grade(250, "blue")]

    @Test func moreChangesThanAllowedFailsListingThem() {
        let v = Fixture.judge(Fixture.expect(.gradeStable(maxChanges: 2), from: 0, to: 600), Self.flapping)
        #expect(v.outcome == .fail)
        #expect(v.occurrences == 4 && v.firstMs == 100_000 && v.lastMs == 250_000)
        #expect(v.observed.hasPrefix("E1 changed grade 4 times: yellow at t+1m40s [R-1], blue at t+2m30s"))
        #expect(v.expected == "grade changes at most 2 times in [t+0s, t+10m]")
    }

    @Test func theFirstGradeAndRepeatedReportsAreNoChange() {
        let repeated = [Fixture.grade(0, "blue"), Fixture.grade(100, "orange"), Fixture.grade(200, "orange"),
                        Fixture.grade(300, "orange")]
        let v = Fixture.judge(Fixture.expect(.gradeStable(maxChanges: 1), from: 0, to: 600), repeated)
        #expect(v.outcome == .pass)
        #expect(v.observed == "at most 1 change in the window (E1)")
        #expect(Fixture.judge(Fixture.expect(.gradeStable(maxChanges: 0), from: 0, to: 600), repeated).outcome == .fail)
    }

    @Test func onlyChangesInsideTheWindowCount() {
        let e = Fixture.expect(.gradeStable(maxChanges: 1), from: 180, to: 600)
        #expect(Fixture.judge(e, Self.flapping).outcome == .fail, "yellow at 200 and blue at 250")
        let late = Fixture.expect(.gradeStable(maxChanges: 1), from: 220, to: 600)
        #expect(Fixture.judge(late, Self.flapping).outcome == .pass, "blue at 250 against yellow in effect before")
    }

    @Test func eachEnterpriseIsJudgedOnItsOwnChanges() {
        let records = Self.flapping + [Fixture.grade(0, "blue", enterprise: "E2")]
        let calm = Fixture.expect(.gradeStable(maxChanges: 0), from: 0, to: 600, plant: "E2")
        #expect(Fixture.judge(calm, records).outcome == .pass)
        let any = Fixture.judge(Fixture.expect(.gradeStable(maxChanges: 0), from: 0, to: 600), records)
        #expect(any.outcome == .fail && any.observed.hasPrefix("E1 changed grade"))
    }

    @Test func noGradeAtAllOrNoObservationIsAnError() {
        #expect(Fixture.judge(Fixture.expect(.gradeStable(maxChanges: 2), from: 0, to: 600), []).outcome == .error)
        let unobserved = Fixture.judge(Fixture.expect(.gradeStable(maxChanges: 2), from: 0, to: 600), [Fixture.grade(0, "blue")],
                                       observed: false)
        #expect(unobserved.outcome == .error)
    }
}
