import Scenario
import Testing

/// `regionGrades` and `regionUnhandled`: parsed values and diagnostics.
@Suite struct RegionExpectationTests {
    static let s = Fixtures.scenarioPath
    static let anchor = "  - dataComplete: { point: MW_P_IN, minPct: 99 }"

    func diagnostics(_ entry: String) -> [String] {
        Fixtures.scenarioDiagnostics(replacing: Self.anchor, with: Self.anchor + "\n" + entry)
    }

    @Test func parsesBoundsAndRegion() throws {
        var files = Fixtures.files
        files[Self.s] = Fixtures.scenario.replacingFirst(Self.anchor, with: Self.anchor + """

              - id: region
                regionGrades: { region: 横州市, grade: orange, atLeast: 1, atMost: 2 }
                until: checkpoint
              - id: unhandled
                regionUnhandled: { region: "450127", atMost: 0 }
            """)
        let spec = try Fixtures.loader(files).loadScenario(path: Self.s).spec
        let kinds = spec.expectations.suffix(2).map(\.kind)
        #expect(kinds == [.regionGrades(region: "横州市", grade: .orange, bounds: CountBounds(atLeast: 1, atMost: 2)),
                          .regionUnhandled(region: "450127", bounds: CountBounds(atLeast: nil, atMost: 0))])
        #expect(CountBounds(atLeast: 1, atMost: 2).description == "1–2")
        #expect(CountBounds(atLeast: 2, atMost: 2).description == "exactly 2")
    }

    @Test func reportsMissingAndWrongFields() {
        #expect(diagnostics("  - regionGrades: { region: 江南区, grade: orange }")
            == ["\(Self.s):55:19: error: expected 'atLeast' or 'atMost' (or both)"])
        #expect(diagnostics("  - regionGrades: { region: 江南区, grade: orang, atLeast: 1 }")
            == ["\(Self.s):55:41: error: unknown risk grade 'orang' (did you mean 'orange'?)"])
        #expect(diagnostics("  - regionUnhandled: { atLeast: 3, atMost: 1 }")
            == ["\(Self.s):55:22: error: expected 'region' (a district code such as 450127, or its name such as 横州市)",
                "\(Self.s):55:22: error: atLeast 3 is more than atMost 1"])
        #expect(diagnostics("  - regionUnhandled: { region: 江南区, atLeast: -1 }")
            == ["\(Self.s):55:46: error: expected a count of 0 or more, found '-1'"])
    }
}

/// `platform:` steps: maintenance of a unit, a point disabled.
@Suite struct PlatformStepTests {
    static let s = Fixtures.scenarioPath
    static let anchor = "  - at: 30s\n    op: runSelfCheck"

    func load(_ steps: String) -> (ScenarioSpec?, [String]) {
        var files = Fixtures.files
        files[Self.s] = Fixtures.scenario.replacingFirst(Self.anchor, with: Self.anchor + "\n" + steps)
        let loader = Fixtures.loader(files)
        return (try? loader.loadScenario(path: Self.s).spec, loader.validate(path: Self.s).map(\.description))
    }

    @Test func parsesTheFourActions() throws {
        let (spec, diagnostics) = load("""
              - { at: 1m, platform: maintenance, equipment: L1 }
              - { at: 2m, platform: endMaintenance, equipment: L1 }
              - { at: 3m, platform: disablePoint, point: MW_P_IN }
              - { at: 4m, platform: enablePoint, point: MW_P_IN }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let actions = try #require(spec).timeline.compactMap { step -> PlatformAction? in
            if case .platform(let action) = step.action { return action } else { return nil }
        }
        #expect(actions == [.maintenance(true), .maintenance(false), .pointDisabled(point: "MW_P_IN", true),
                            .pointDisabled(point: "MW_P_IN", false)])
    }

    @Test func reportsMissingTargetsAndTypos() {
        #expect(load("  - { at: 1m, platform: maintenance }").1 == ["\(Self.s):37:25: error: 'maintenance' needs 'equipment' (the unit)"])
        #expect(load("  - { at: 1m, platform: disablePoint, point: MW_P_INN }").1
            == ["\(Self.s):37:46: error: unknown point 'MW_P_INN' (did you mean 'MW_P_IN'?)"])
        #expect(load("  - { at: 1m, platform: maintenanse, equipment: L1 }").1
            == ["\(Self.s):37:25: error: unknown platform action 'maintenanse' (did you mean 'maintenance'?)"])
    }
}
