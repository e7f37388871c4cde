import Scenario
import Testing

/// Each diagnostic class of scenario files, with its exact position and message.
@Suite struct ScenarioDiagnosticTests {
    static let s = Fixtures.scenarioPath

    static let cases: [(String, String, [String])] = [
        ("point: MW_T_IN", "point: MW_P_INN",
         ["\(s):26:12: error: unknown point 'MW_P_INN' (did you mean 'MW_P_IN'?)"]),
        ("alarmNotRaised: { point: AL_IN_WELL }", "alarmNotRaised: { point: MW_P_INN }",
         ["\(s):46:30: error: unknown point 'MW_P_INN' (did you mean 'MW_P_IN'?)"]),
        ("title:", "titel:",
         ["\(s):1:1: error: missing required key 'title' in scenario",
          "\(s):2:1: error: unknown key 'titel' in scenario (did you mean 'title'?)"]),
        ("at: 1m", "at: soon",
         ["\(s):15:9: error: expected a duration like 90s, 5m or 1h30m, found 'soon'"]),
        ("after: pump_trip\n    delay", "after: pump_trp\n    delay",
         ["\(s):29:12: error: unknown step 'pump_trp' in 'after' (did you mean 'pump_trip'?)"]),
        ("clear: pump_trip", "clear: cast",
         ["\(s):31:12: error: step 'cast' is not a fault; 'clear' ends a fault or sensor step"]),
        ("clear: pump_trip", "clear: pump_tri",
         ["\(s):31:12: error: unknown step 'pump_tri' in 'clear' (did you mean 'pump_trip'?)"]),
        ("name: checkpoint", "name: cast",
         ["\(s):32:11: error: duplicate step name 'cast' (first used at line 14)",
          "\(s):49:12: error: unknown step 'checkpoint' in 'until'"]),
        ("at: 30s", "at: 31m",
         ["\(s):35:5: error: step at 31m is after the scenario's end (duration 30m)"]),
        ("op: runSelfCheck", "op: startBlow",
         ["\(s):36:9: error: no equipment in plant 4501270002AL accepts operation 'startBlow'"]),
        ("equipment: L1", "equipment: L2",
         ["\(s):22:16: error: unknown equipment 'L2' (did you mean 'L1'?)"]),
        ("interlockTripped: mouldWaterLow", "interlockTripped: mouldWaterLo",
         ["\(s):52:23: error: unknown interlock 'mouldWaterLo' (did you mean 'mouldWaterLow'?)"]),
        ("from: 0s", "from: 20s",
         ["\(s):38:5: error: window ends at 10m10s, before it starts at 10m20s"]),
        ("level: LL }", "level: LLL }",
         ["\(s):39:43: error: unknown alarm level 'LLL' (did you mean 'LL'?)"]),
        ("gradeReached: red", "gradeReached: redd",
         ["\(s):50:19: error: unknown risk grade 'redd' (did you mean 'red'?)"]),
        ("op: startCast", "op: startCats",
         ["\(s):16:9: error: unknown operation 'startCats' (did you mean 'startCast'?)"]),
        ("speedMmPerMin: 80", "speedMmPerMn: 80",
         ["\(s):14:5: error: missing required key 'speedMmPerMin' for 'startCast'",
          "\(s):17:5: error: unknown key 'speedMmPerMn' in timeline step (did you mean 'speedMmPerMin'?)"]),
        ("speedMmPerMin: 80", "speedMmPerMin: -3",
         ["\(s):17:20: error: speedMmPerMin -3 is outside 0.1…1000 mm/min"]),
        ("pump: mouldWater", "pump: mouldWatr",
         ["\(s):21:11: error: unknown pump 'mouldWatr' (did you mean 'mouldWater'?)"]),
        ("fault: pumpTrip", "fault: pumpTrip\n    sensor: stuck",
         ["\(s):18:5: error: expected exactly one of op, fault, sensor, modbus, network, platform, clear or mark in timeline step, found 'fault' and 'sensor'"]),
        ("epoch: \"2024-05-01T08:00:00+08:00\"", "epoch: \"2024-05-01\"",
         ["\(s):10:8: error: expected an ISO 8601 time with offset like 2024-05-01T08:00:00+08:00, found '2024-05-01'"]),
        ("seed: 20240218", "seed: -1",
         ["\(s):9:7: error: expected a whole number from 0 to 18446744073709551615, found '-1'"]),
        ("tags: [aluminium, interlock]", "tags: aluminium",
         ["\(s):5:7: error: expected a list of texts, found 'aluminium'"]),
        ("  - id: cutoff-alarm", "  - id: E2",
         ["\(s):46:5: error: duplicate expectation id 'E2' (first used at line 38)"]),
        ("at: 20m", "at: 20m\n    after: cast",
         ["\(s):34:5: error: a step has either 'at' or 'after', not both"]),
        ("duration: 5m", "duration: 5",
         ["\(s):23:15: error: expected a duration like 90s, 5m or 1h30m, found '5'"]),
        ("minPct: 99", "minPct: 101",
         ["\(s):54:45: error: expected a percentage from 0 to 100, found '101'"]),
        ("within: 10s", "within: 10s\n    until: checkpoint",
         ["\(s):43:5: error: a window ends either 'within' a duration or 'until' a step, not both"]),
        ("id: AL-01-mould-water-loss", "id: AL-01-mould-water-loss\nid: again",
         ["\(s):2:1: error: duplicate key 'id' (first defined at line 1)"]),
        ("title: { zh: 结晶器冷却水失压, en: Mould cooling-water loss mid-cast }", "title: { zh: 结晶器冷却水失压",
         ["\(s):3:12: error: YAML syntax error: while parsing a flow mapping at 2:8: did not find expected ',' or '}'"]),
    ]

    @Test(arguments: cases.indices)
    func diagnostic(index: Int) {
        let (old, new, expected) = Self.cases[index]
        #expect(Fixtures.scenarioDiagnostics(replacing: old, with: new) == expected)
    }

    @Test func afterCycleIsReported() {
        let diagnostics = Fixtures.scenarioDiagnostics(
            replacing: "  - name: checkpoint\n    at: 20m\n    mark: true",
            with: "  - name: a\n    after: b\n    mark: true\n  - name: b\n    after: a\n    delay: 1m\n    mark: true")
        #expect(diagnostics == ["\(Self.s):36:12: error: 'after' references form a cycle: a → b → a",
                                "\(Self.s):53:12: error: unknown step 'checkpoint' in 'until'"])
    }

    @Test func manyErrorsInOneFileAreAllReportedInOrder() {
        var text = Fixtures.scenario
        for (old, new) in [("at: 1m", "at: soon"), ("pump: mouldWater", "pump: mouldWatr"), ("equipment: L1", "equipment: L2"),
                           ("point: MW_T_IN", "point: MW_P_INN"), ("gradeReached: red", "gradeReached: redd"),
                           ("titel", "title")] {
            text = text.replacingFirst(old, with: new)
        }
        var files = Fixtures.files
        files[Fixtures.scenarioPath] = text
        let diagnostics = Fixtures.loader(files).validate(path: Fixtures.scenarioPath)
        #expect(diagnostics.map(\.location.line) == [15, 21, 22, 26, 50])
        #expect(diagnostics.allSatisfy { $0.location.file == Fixtures.scenarioPath })
    }

    @Test func brokenPlantIsReportedWithItsOwnPositions() {
        var files = Fixtures.files
        files[Fixtures.plantPath] = Fixtures.plant.replacingFirst("ropes: 4", with: "ropes: 9")
        let diagnostics = Fixtures.loader(files).validate(path: Fixtures.scenarioPath).map(\.description)
        #expect(diagnostics == [
            "\(Self.s):8:8: error: plant file 'Scenarios/plants/aluminium-casting.yaml' has 1 error",
            "Scenarios/plants/aluminium-casting.yaml:10:40: error: parameter 'ropes' is 9, outside 1…8",
        ])
    }

    @Test func missingPlantFile() {
        let diagnostics = Fixtures.scenarioDiagnostics(replacing: "plant: ../plants/aluminium-casting.yaml",
                                                       with: "plant: ../plants/nowhere.yaml")
        #expect(diagnostics == ["\(Self.s):8:8: error: cannot read plant file 'Scenarios/plants/nowhere.yaml': no such file"])
    }

    @Test func loadThrowsTheSameDiagnostics() {
        var files = Fixtures.files
        files[Fixtures.scenarioPath] = Fixtures.scenario.replacingFirst("at: 1m", with: "at: soon")
        let loader = Fixtures.loader(files)
        #expect(throws: DiagnosticError.self) { try loader.loadScenario(path: Fixtures.scenarioPath) }
        do {
            _ = try loader.loadScenario(path: Fixtures.scenarioPath)
        } catch {
            #expect(error.diagnostics == loader.validate(path: Fixtures.scenarioPath))
        }
    }
}
