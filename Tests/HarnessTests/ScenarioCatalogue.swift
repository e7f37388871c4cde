import Conformance
import Scenario
import SimCore

/// `docs/scenarios.md`: the library's catalogue, generated from the scenario files (LibraryTests
/// fails when the committed file differs).
enum ScenarioCatalogue {
    static func markdown(files scenarios: [LoadedScenario], paths: [String]) -> String {
        var out = [
            "# Scenario library",
            "",
            "<!-- Generated from Scenarios/{aluminium,steel,quality,transport,regional}/*.yaml by Tests/HarnessTests/LibraryTests.swift.",
            "     Do not edit: TUNDISH_WRITE_SCENARIO_CATALOGUE=1 swift test --filter LibraryTests/catalogueIsCurrent -->",
            "",
            "Every scenario below passes in lockstep against the reference platform with the default rules",
            "(`Scenarios/rules/default.yaml`), and has teeth: switching off any one rule in its **Rules** line",
            "(`disabledRules:`) makes at least one of its expectations fail (`LibraryTests.scenarioHasTeeth`).",
            "The file format is in [scenario-format.md](scenario-format.md), the rules in",
            "[risk-rules.md](risk-rules.md), the plant models in [plants/](plants/).",
            "",
            "| id | title | incident / clauses | rules | plant time |",
            "|---|---|---|---|---|",
        ]
        for s in scenarios.map(\.spec) {
            out.append("| [\(s.id)](#\(anchor(s.id))) | \(s.titleEn)<br>\(s.titleZh) | \(served(s)) | "
                + s.rules.map { "`\($0)`" }.joined(separator: "<br>") + " | \(s.duration) |")
        }
        for (scenario, path) in zip(scenarios, paths) {
            out += [""] + section(scenario.spec, path: path)
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func served(_ s: ScenarioSpec) -> String {
        var parts: [String] = []
        if let incident = s.incident { parts.append(incident) }
        if !s.clauses.isEmpty { parts.append(s.clauses.joined(separator: ", ")) }
        return parts.joined(separator: "<br>")
    }

    static func anchor(_ id: String) -> String { id.lowercased() }

    static func section(_ s: ScenarioSpec, path: String) -> [String] {
        var out = ["## \(s.id)", "", "**\(s.titleEn)** — \(s.titleZh)", ""]
        out.append("- File: `\(path)` (seed \(s.seed), \(s.duration) of plant time, step \(s.step))")
        if let incident = s.incident { out.append("- Incident: \(incident)") }
        if !s.clauses.isEmpty { out.append("- Clauses: " + s.clauses.joined(separator: ", ")) }
        out.append("- Rules: " + s.rules.map { "`\($0)`" }.joined(separator: ", "))
        if !s.tags.isEmpty { out.append("- Tags: " + s.tags.joined(separator: ", ")) }
        out += ["", s.description.trimmingWhitespace(), "", "Timeline:", ""]
        for step in s.timeline { out.append("- t+\(step.time.sinceStart): \(action(step))") }
        out += ["", "Expectations:", "", "| id | expectation |", "|---|---|"]
        for e in s.expectations { out.append("| \(e.id) | \(ExpectationText.describe(e)) |") }
        return out
    }

    static func action(_ step: TimelineStep) -> String {
        var text: String
        switch step.action {
        case .operation(let op): text = "op `\(op)`"
        case .equipmentFault(let fault): text = "fault `\(fault)`"
        case .sensorFault(let point, let fault): text = "sensor `\(fault)` on \(point)"
        case .protocolFault(let fault): text = "modbus `\(fault)`"
        case .networkFault(let fault): text = "network `\(fault)`"
        case .clear(let name): text = "clear `\(name)`"
        case .mark: text = "mark"
        case .platform(let action): text = "platform: \(action.name)"
        }
        text = unqualified(text)
        if let equipment = step.equipment { text += " on \(equipment)" }
        if let duration = step.duration { text += " for \(duration)" }
        if let name = step.name { text += " (*\(name)*)" }
        return text
    }
}

/// `valveStuck(valve: PlantModel.Valve.quickCutOff)` → `valveStuck(valve: quickCutOff)`.
func unqualified(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let range = rest.range(of: "PlantModel.") {
        out += rest[..<range.lowerBound]
        rest = rest[range.upperBound...]
        if let dot = rest.firstIndex(of: "."), rest[..<dot].allSatisfy({ $0.isLetter || $0.isNumber }) {
            rest = rest[rest.index(after: dot)...]
        }
    }
    return out + rest
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
