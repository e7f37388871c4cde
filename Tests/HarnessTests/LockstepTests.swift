import Conformance
import Foundation
import Harness
import PlantModel
import Reference
import Scenario
import SimCore
import Testing

enum Library {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Reader: SourceReader {
        func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func scenario(_ relative: String) throws -> LoadedScenario {
        try ScenarioLoader(reader: Reader()).loadScenario(path: path(relative))
    }

    static func rules(disabling disabled: [String] = []) throws -> ReferenceRules {
        let text = try String(contentsOfFile: path("Scenarios/rules/default.yaml"), encoding: .utf8)
        var rules = try RulesParser.parse(text, file: "default.yaml", over: ReferenceRules())
        rules.disabledRules.formUnion(disabled)
        return rules
    }

    static func judge(_ relative: String, disabling disabled: [String] = []) throws -> [Verdict] {
        let scenario = try scenario(relative)
        let result = LockstepRun.run(scenario, rules: try rules(disabling: disabled))
        return Checker(history: History(result.history)).judge(scenario.spec.expectations)
    }
}

@Suite struct LockstepTests {
    @Test(arguments: ["Scenarios/aluminium/AL-01-mould-water-loss.yaml", "Scenarios/steel/ST-01-lance-water-leak.yaml"])
    func shippedScenarioPassesAgainstTheReferenceCore(_ path: String) throws {
        let verdicts = try Library.judge(path)
        for v in verdicts where v.outcome != .pass { Issue.record("\(v.id): \(v.outcome) — \(v.observed)") }
        #expect(!verdicts.isEmpty)
    }

    @Test func historyIsTheSameForTheSameSeed() throws {
        let scenario = try Library.scenario("Scenarios/aluminium/AL-01-mould-water-loss.yaml")
        let rules = try Library.rules()
        let a = LockstepRun.run(scenario, rules: rules), b = LockstepRun.run(scenario, rules: rules)
        #expect(a.history == b.history)
        #expect(a.history.last?.type == .end)
        #expect(a.history.contains { $0.type == .step && $0.name == "pump_trip" })
    }

    /// The platform on its own thread sees the engine's output in the same order: the same
    /// history record for record, series and counts included (transport faults, platform steps
    /// and ten enterprises among the cases).
    @Test(arguments: [
        "Scenarios/aluminium/AL-01-mould-water-loss.yaml", "Scenarios/transport/TR-01-uplink-outage-backfill.yaml",
        "Scenarios/transport/TR-02-modbus-exceptions.yaml", "Scenarios/transport/TR-04-word-order-misconfigured.yaml",
        "Scenarios/quality/DQ-04-maintenance-and-disabled-point.yaml", "Scenarios/regional/RG-01-nanning-districts.yaml",
    ])
    func pipelinedRunEqualsTheOneThreadRun(_ path: String) throws {
        let scenario = try Library.scenario(path)
        let rules = try Library.rules()
        let one = LockstepRun.run(scenario, rules: rules, pipelined: false)
        let two = LockstepRun.run(scenario, rules: rules, pipelined: true)
        #expect(one.history.count > 100)
        #expect(one.history == two.history)
        #expect(one.samples == two.samples && one.end == two.end)
        let all = scenario.plants.map { Plant(config: $0) }.flatMap { plant in
            plant.points.map { (enterprise: plant.enterprise.code, point: $0.code) }
        }
        #expect(one.series.series(all) == two.series.series(all))
    }
}

