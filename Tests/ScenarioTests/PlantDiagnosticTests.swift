import Scenario
import Testing

/// Each diagnostic class of plant files, with its exact position and message.
@Suite struct PlantDiagnosticTests {
    static let p = Fixtures.plantPath

    static let cases: [(String, String, [String])] = [
        ("type: dcCastingLine", "type: dcCastingLin",
         ["\(p):8:11: error: unknown equipment type 'dcCastingLin' (did you mean 'dcCastingLine'?)"]),
        ("ropes: 4", "ropes: 9", ["\(p):10:40: error: parameter 'ropes' is 9, outside 1…8"]),
        ("ropes: 4", "ropes: many", ["\(p):10:40: error: expected a whole number, found 'many'"]),
        ("ropes: 4", "ropes: 2.5", ["\(p):10:40: error: expected a whole number, found '2.5'"]),
        ("ropes: 4", "rope: 4",
         ["\(p):10:33: error: unknown key 'rope' in params of 'dcCastingLine' (did you mean 'ropes'?)"]),
        ("furnace: tilting", "furnace: tiltin",
         ["\(p):10:24: error: unknown furnace 'tiltin' (did you mean 'tilting'?)"]),
        ("industry: aluminium", "industry: steel",
         ["\(p):8:11: error: equipment type 'dcCastingLine' is aluminium equipment, but the enterprise's industry is steel"]),
        ("industry: aluminium", "industry: alumnium",
         ["\(p):5:13: error: unknown industry 'alumnium' (did you mean 'aluminium'?)"]),
        ("    params: { furnace: tilting, ropes: 4 }", "  - type: dcCastingLine\n    id: L1",
         ["\(p):11:9: error: duplicate equipment id 'L1' (first used at line 9)"]),
        ("  MW_P_IN: { limits: { h: null } }", "  MW_P_INN: { limits: { h: null } }",
         ["\(p):13:3: error: unknown point 'MW_P_INN' (did you mean 'MW_P_IN'?)"]),
        ("ll: 95", "ll: 130",
         ["\(p):12:22: error: limits of 'MW_Q_IN' are out of order after merging with the defaults: LL (130.0) is above L (120.0) (expected LL ≤ L ≤ H ≤ HH)"]),
        ("samplePeriod: 500ms", "samplePeriod: soon",
         ["\(p):12:48: error: expected a duration like 90s, 5m or 1h30m, found 'soon'"]),
        ("  code: \"4501270002AL\"\n", "",
         ["\(p):2:3: error: missing required key 'code' in enterprise"]),
        ("limits: { ll: 95 }", "limits: { lll: 95 }",
         ["\(p):12:24: error: unknown key 'lll' in limits of 'MW_Q_IN' (did you mean 'll'?)"]),
        ("equipment:", "equipmnt:",
         ["\(p):1:1: error: missing required key 'equipment' in plant file",
          "\(p):7:1: error: unknown key 'equipmnt' in plant file (did you mean 'equipment'?)"]),
    ]

    @Test(arguments: cases.indices)
    func diagnostic(index: Int) {
        let (old, new, expected) = Self.cases[index]
        #expect(Fixtures.plantDiagnostics(replacing: old, with: new) == expected)
    }

    @Test func loadPlantThrowsEveryDiagnostic() {
        var files = Fixtures.files
        files[Fixtures.plantPath] = Fixtures.plant.replacingFirst("ropes: 4", with: "ropes: 9")
            .replacingFirst("furnace: tilting", with: "furnace: tiltin")
        let loader = Fixtures.loader(files)
        do {
            _ = try loader.loadPlant(path: Fixtures.plantPath)
            Issue.record("expected the plant to be rejected")
        } catch {
            #expect(error.diagnostics.map(\.location.column) == [24, 39])
        }
    }

    @Test func unreadableFile() {
        let diagnostics = Fixtures.loader([:]).validate(path: "x.yaml").map(\.description)
        #expect(diagnostics == ["x.yaml:1:1: error: cannot read file: no such file"])
    }
}
