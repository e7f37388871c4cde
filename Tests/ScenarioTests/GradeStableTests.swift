import Scenario
import Testing

/// `gradeStable: {maxChanges: N}`: parsed value and diagnostics.
@Suite struct GradeStableTests {
    static let s = Fixtures.scenarioPath
    static let anchor = "  - dataComplete: { point: MW_P_IN, minPct: 99 }"

    func diagnostics(_ entry: String) -> [String] {
        Fixtures.scenarioDiagnostics(replacing: Self.anchor, with: Self.anchor + "\n" + entry)
    }

    @Test func parsesTheMostChangesAllowedWithTheUsualWindowKeys() throws {
        var files = Fixtures.files
        files[Self.s] = Fixtures.scenario.replacingFirst(Self.anchor, with: Self.anchor + """

              - id: steady
                gradeStable: { maxChanges: 2 }
                until: checkpoint
            """)
        let spec = try Fixtures.loader(files).loadScenario(path: Self.s).spec
        let steady = try #require(spec.expectations.last)
        #expect(steady.id == "steady")
        #expect(steady.kind == .gradeStable(maxChanges: 2))
    }

    @Test func reportsAMissingOrNegativeCountAndUnknownKeys() {
        #expect(diagnostics("  - gradeStable: {}")
            == ["\(Self.s):55:18: error: gradeStable needs 'maxChanges' (the most grade changes allowed in the window)"])
        #expect(diagnostics("  - gradeStable: { maxChanges: -1 }")
            == ["\(Self.s):55:32: error: expected a count of 0 or more, found '-1'"])
        #expect(diagnostics("  - gradeStable: { maxChanges: 1, level: red }").count == 1)
    }
}
