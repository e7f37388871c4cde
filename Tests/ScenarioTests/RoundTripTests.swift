import PlantModel
import Scenario
import SimCore
import Testing

@Suite struct RoundTripTests {
    let loader = Fixtures.loader(Fixtures.files)

    @Test func plantFileLoadsWithMergedLimits() throws {
        let config = try loader.loadPlant(path: Fixtures.plantPath)
        #expect(config.enterprise == Enterprise(code: "4501270002AL", name: "横州示范铝业有限公司",
                                                nameEn: "Hengzhou Demo Aluminium Co.", industry: .aluminium,
                                                regionCode: "450127", regionName: "横州市"))
        #expect(config.equipment == [EquipmentConfig(type: "dcCastingLine", id: "L1",
                                                     params: ["furnace": .text("tilting"), "ropes": .number(4)])])
        // ll overridden, l kept from the defaults; sample period set.
        #expect(config.overrides["MW_Q_IN"] == PointOverride(limits: Limits(ll: 95, l: 120), samplePeriod: .ms(500)))
        // `null` removes a limit.
        #expect(config.overrides["MW_P_IN"] == PointOverride(limits: Limits(ll: 0.15, l: 0.2)))
    }

    @Test func scenarioRulesAreReadAndRepeatsReported() throws {
        var files = Fixtures.files
        files[Fixtures.scenarioPath] = Fixtures.scenario.replacingFirst(
            "incident: null", with: "incident: null\nrules: [RED-1-interlock-not-reached, INTERLOCK-supervision]")
        let spec = try Fixtures.loader(files).loadScenario(path: Fixtures.scenarioPath).spec
        #expect(spec.rules == ["RED-1-interlock-not-reached", "INTERLOCK-supervision"])
        #expect(try loader.loadScenario(path: Fixtures.scenarioPath).spec.rules == [])
        let twice = Fixtures.scenarioDiagnostics(replacing: "incident: null", with: "incident: null\nrules: [A-1, B-2, A-1]")
        #expect(twice == ["\(Fixtures.scenarioPath):8:19: error: rule 'A-1' is listed twice"])
        let scalar = Fixtures.scenarioDiagnostics(replacing: "incident: null", with: "incident: null\nrules: A-1")
        #expect(scalar.count == 1)
    }

    /// `hearthErosion` names its thermocouple `thermocouple:` (`sensor:` is the sensor-fault key).
    @Test func hearthErosionTakesAThermocouple() throws {
        var files = Fixtures.files
        files["Scenarios/steel/h.yaml"] = """
        id: h
        title: h
        plant: ../plants/steel.yaml
        epoch: "2024-05-01T08:00:00+08:00"
        duration: 10m
        timeline:
          - at: 1m
            fault: hearthErosion
            thermocouple: 3
            riseCPerH: 400
        """
        files["Scenarios/plants/steel.yaml"] = Fixtures.steelPlant.replacingFirst(
            "  - type: converter\n    id: BOF1", with: "  - type: blastFurnace\n    id: BF1")
        let loader = ScenarioLoader(reader: MemoryReader(files: files), limits: .default, catalogue: EquipmentCatalogue.all)
        let spec = try loader.loadScenario(path: "Scenarios/steel/h.yaml").spec
        #expect(spec.timeline.first?.action == .equipmentFault(.hearthErosion(sensor: 3, riseCPerH: 400)))
    }

    @Test func scenarioHeader() throws {
        let loaded = try loader.loadScenario(path: Fixtures.scenarioPath)
        let spec = loaded.spec
        #expect(spec.id == "AL-01-mould-water-loss")
        #expect(spec.titleZh == "结晶器冷却水失压")
        #expect(spec.titleEn == "Mould cooling-water loss mid-cast")
        #expect(spec.description == "One paragraph.\n")
        #expect(spec.tags == ["aluminium", "interlock"])
        #expect(spec.clauses == ["Order10-Art5-3"])
        #expect(spec.incident == nil)
        #expect(spec.plantPaths == [Fixtures.plantPath])
        #expect(spec.seed == 20_240_218)
        #expect(spec.epochUnixMs == 1_714_521_600_000)  // 2024-05-01T00:00:00Z
        #expect(spec.duration == .minutes(30))
        #expect(spec.step == .ms(100))
        #expect(spec.location == SourceLocation(file: Fixtures.scenarioPath, line: 1, column: 1))
        #expect(loaded.plants.count == 1)
        #expect(loaded.plants.first?.enterprise.code == "4501270002AL")
    }

    @Test func timelineIsResolvedAndSorted() throws {
        let spec = try loader.loadScenario(path: Fixtures.scenarioPath).spec
        let file = Fixtures.scenarioPath
        let expected: [TimelineStep] = [
            TimelineStep(name: nil, time: .init(milliseconds: 30_000), plant: nil, equipment: nil,
                         action: .operation(.runSelfCheck), duration: nil, location: .init(file: file, line: 35, column: 5)),
            TimelineStep(name: "cast", time: .init(milliseconds: 60_000), plant: nil, equipment: nil,
                         action: .operation(.startCast(speedMmPerMin: 80)), duration: nil,
                         location: .init(file: file, line: 14, column: 5)),
            TimelineStep(name: "pump_trip", time: .init(milliseconds: 600_000), plant: nil, equipment: "L1",
                         action: .equipmentFault(.pumpTrip(pump: .mouldWater)), duration: .minutes(5),
                         location: .init(file: file, line: 18, column: 5)),
            TimelineStep(name: nil, time: .init(milliseconds: 720_000), plant: nil, equipment: nil,
                         action: .sensorFault(point: "MW_T_IN", .drift(perMin: 0.5)), duration: .minutes(10),
                         location: .init(file: file, line: 24, column: 5)),
            TimelineStep(name: nil, time: .init(milliseconds: 780_000), plant: nil, equipment: nil,
                         action: .clear(step: "pump_trip"), duration: nil, location: .init(file: file, line: 29, column: 5)),
            TimelineStep(name: "checkpoint", time: .init(milliseconds: 1_200_000), plant: nil, equipment: nil,
                         action: .mark, duration: nil, location: .init(file: file, line: 32, column: 5)),
        ]
        #expect(spec.timeline == expected)
    }

    @Test func expectationsAndWindows() throws {
        let spec = try loader.loadScenario(path: Fixtures.scenarioPath).spec
        let file = Fixtures.scenarioPath
        let whole = Window(anchor: nil, start: .start, end: .init(milliseconds: 1_800_000))
        let first = spec.expectations.first
        #expect(first == Expectation(
            id: "cutoff-alarm", kind: .alarmRaised(AlarmMatch(point: "MW_Q_IN", level: .ll)),
            window: Window(anchor: "pump_trip", start: .init(milliseconds: 600_000), end: .init(milliseconds: 610_000)),
            plant: "4501270002AL", clauses: ["Order10-Art5-3"], note: "optional text",
            location: .init(file: file, line: 38, column: 5)))
        let rest = spec.expectations.dropFirst().map { ($0.id, $0.kind, $0.window) }
        #expect(rest.map(\.0) == ["E2", "E3", "E4", "E5", "E6", "E7", "E8"])
        #expect(rest.map(\.1) == [
            .alarmNotRaised(AlarmMatch(point: "AL_IN_WELL", level: nil)),
            .alarmCleared(AlarmMatch(point: "MW_Q_IN", level: .ll)),
            .gradeReached(.red), .gradeNotExceeded(.yellow),
            .interlockTripped(name: "mouldWaterLow"), .interlockNotTripped(name: "mouldWaterLow"),
            .dataComplete(point: "MW_P_IN", minPct: 99),
        ])
        let cleared = Window(anchor: "cast", start: .init(milliseconds: 60_000), end: .init(milliseconds: 1_200_000))
        #expect(rest.map(\.2) == [whole, cleared, whole, whole, whole, whole, whole])
    }

    @Test func digestIsStableAndCoversPlantBytes() throws {
        let a = try loader.loadScenario(path: Fixtures.scenarioPath).digest
        let b = try Fixtures.loader(Fixtures.files).loadScenario(path: Fixtures.scenarioPath).digest
        #expect(a == b)
        #expect(a.count == 64)
        var expectedBytes = Array(Fixtures.scenario.utf8)
        expectedBytes.append(0)
        expectedBytes += Array(Fixtures.plant.utf8)
        #expect(a == Digest.sha256Hex(expectedBytes))
        var files = Fixtures.files
        files[Fixtures.plantPath] = Fixtures.plant.replacingFirst("Hengzhou", with: "Hengzhoo")
        let changed = try Fixtures.loader(files).loadScenario(path: Fixtures.scenarioPath).digest
        #expect(changed != a)
    }

    @Test func validateAcceptsBothKinds() {
        #expect(loader.validate(path: Fixtures.scenarioPath).isEmpty)
        #expect(loader.validate(path: Fixtures.plantPath).isEmpty)
        #expect(loader.validate(path: Fixtures.steelPath).isEmpty)
    }

    @Test(arguments: [("90s", 90_000), ("5m", 300_000), ("1h30m", 5_400_000)] as [(String, Int64)])
    func durations(text: String, ms: Int64) throws {
        var files = Fixtures.files
        files[Fixtures.scenarioPath] = Fixtures.scenario.replacingFirst("at: 30s", with: "at: \(text)")
            .replacingFirst("duration: 30m", with: "duration: 2h")
        let spec = try Fixtures.loader(files).loadScenario(path: Fixtures.scenarioPath).spec
        #expect(spec.timeline.contains { $0.action == .operation(.runSelfCheck) && $0.time.milliseconds == ms })
    }

    @Test func multiplePlantsAndMarkNames() throws {
        var files = Fixtures.files
        let text = Fixtures.scenario
            .replacingFirst("plant: ../plants/aluminium-casting.yaml", with: "plants: [../plants/aluminium-casting.yaml, ../plants/steel.yaml]")
            .replacingFirst("  - name: checkpoint\n    at: 20m\n    mark: true", with: "  - at: 20m\n    mark: checkpoint\n  - at: 21m\n    op: startBlow\n    plant: \"3205830001ST\"")
        files[Fixtures.scenarioPath] = text
        let loaded = try Fixtures.loader(files).loadScenario(path: Fixtures.scenarioPath)
        #expect(loaded.spec.plantPaths == [Fixtures.plantPath, Fixtures.steelPath])
        #expect(loaded.plants.map(\.enterprise.code) == ["4501270002AL", "3205830001ST"])
        #expect(loaded.spec.timeline.contains { $0.name == "checkpoint" && $0.action == .mark })
        #expect(loaded.spec.timeline.last?.plant == "3205830001ST")
    }
}
