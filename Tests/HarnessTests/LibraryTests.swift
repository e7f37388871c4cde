import Conformance
import Foundation
import Harness
import Reference
import Scenario
import SimCore
import Testing

/// The scenario library (`Scenarios/{aluminium,steel,quality,transport,regional}`): every scenario passes in lockstep
/// against the reference platform with the default rules, and every scenario has teeth — switching
/// off any one of the reference rules it names in `rules:` makes at least one of its expectations
/// fail. `docs/scenarios.md` is generated from the files.
@Suite struct LibraryTests {
    static let folders = [
        "Scenarios/aluminium", "Scenarios/steel", "Scenarios/quality", "Scenarios/transport", "Scenarios/regional",
    ]

    /// Every scenario file of the library, relative to the package root, sorted.
    static let files: [String] = folders.flatMap { folder -> [String] in
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Library.path(folder))) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Rule ids the default rules file knows: risk rules, floors, interlock supervision, and the
    /// ids of its state and rate rules.
    static func knownRuleIds() throws -> Set<String> {
        let rules = try Library.rules()
        return Set(RiskRuleID.all + rules.stateRules.map(\.id) + rules.rateRules.map(\.id))
    }

    static func failures(_ verdicts: [Verdict]) -> [Verdict] { verdicts.filter { $0.outcome != .pass } }

    @Test func libraryHasTheRequiredScenarios() {
        #expect(Self.files.filter { $0.hasPrefix("Scenarios/aluminium/") }.count >= 11)
        #expect(Self.files.filter { $0.hasPrefix("Scenarios/steel/") }.count >= 10)
        let dataAndTransport = Self.files.filter { $0.hasPrefix("Scenarios/quality/") || $0.hasPrefix("Scenarios/transport/") }
        #expect(dataAndTransport.count >= 6)
        #expect(Self.files.filter { $0.hasPrefix("Scenarios/regional/") }.count >= 1)
    }

    @Test(arguments: files)
    func scenarioPassesInLockstep(_ path: String) throws {
        let verdicts = try Library.judge(path)
        #expect(!verdicts.isEmpty, "\(path) has no expectations")
        for v in Self.failures(verdicts) {
            Issue.record("\(path) \(v.id): \(v.outcome) — expected \(v.expected); observed \(v.observed)")
        }
    }

    @Test(arguments: files)
    func scenarioIsDocumentedAndHasBothKindsOfExpectation(_ path: String) throws {
        let spec = try Library.scenario(path).spec
        let file = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        #expect(spec.id == file, "the id matches the file name")
        #expect(!spec.titleZh.isEmpty && !spec.titleEn.isEmpty && spec.titleZh != spec.titleEn)
        #expect(spec.incident != nil || !spec.clauses.isEmpty, "\(path): name an incident or clauses")
        #expect(spec.description.count > 80, "\(path): a one-paragraph description")
        let positive = spec.expectations.contains {
            switch $0.kind {
            case .alarmRaised, .alarmCleared, .gradeReached, .interlockTripped, .dataComplete, .regionGrades,
                .regionUnhandled: true
            default: false
            }
        }
        let negative = spec.expectations.contains {
            switch $0.kind {
            case .alarmNotRaised, .gradeNotExceeded, .interlockNotTripped, .gradeStable: true
            default: false
            }
        }
        #expect(positive && negative, "\(path): positive and negative expectations")
    }

    /// Teeth: each rule the scenario names exists, and switching it off alone fails the scenario.
    @Test(arguments: files)
    func scenarioHasTeeth(_ path: String) throws {
        let spec = try Library.scenario(path).spec
        let known = try Self.knownRuleIds()
        #expect(!spec.rules.isEmpty, "\(path) names no rules")
        for rule in spec.rules {
            guard known.contains(rule) else {
                Issue.record("\(path): rule '\(rule)' is not in Scenarios/rules/default.yaml")
                continue
            }
            let failed = Self.failures(try Library.judge(path, disabling: [rule]))
            if failed.isEmpty {
                Issue.record("\(path): every expectation still passes with \(rule) disabled")
            } else {
                print("teeth \(spec.id) −\(rule): " + failed.map { "\($0.id) \($0.outcome)" }.joined(separator: ", "))
            }
        }
    }

    // MARK: catalogue

    static let catalogueEnv = "TUNDISH_WRITE_SCENARIO_CATALOGUE"

    @Test func catalogueIsCurrent() throws {
        let text = try ScenarioCatalogue.markdown(files: Self.files.map { try Library.scenario($0) }, paths: Self.files)
        let doc = Library.path("docs/scenarios.md")
        if ProcessInfo.processInfo.environment[Self.catalogueEnv] != nil {
            try text.write(toFile: doc, atomically: true, encoding: .utf8)
        }
        let current = (try? String(contentsOfFile: doc, encoding: .utf8)) ?? ""
        #expect(current == text, "docs/scenarios.md is stale: \(Self.catalogueEnv)=1 swift test --filter LibraryTests")
    }

    /// Development aid: `TUNDISH_LIBRARY_DUMP=AL-03 swift test --filter LibraryTests/dump` prints the
    /// target's alarms, grades and interlock actions and the plant's events of matching scenarios.
    @Test func dump() throws {
        guard let filter = ProcessInfo.processInfo.environment["TUNDISH_LIBRARY_DUMP"] else { return }
        let disabled = ProcessInfo.processInfo.environment["TUNDISH_LIBRARY_DISABLE"].map {
            $0.split(separator: ",").map(String.init)
        } ?? []
        for path in Self.files where path.contains(filter) {
            let scenario = try Library.scenario(path)
            let result = LockstepRun.run(scenario, rules: try Library.rules(disabling: disabled))
            var lines = ["== \(path)"]
            for r in result.history where ![.received, .plant].contains(r.type) {
                let at = "t+\(r.time.sinceStart)"
                switch r.type {
                case .alarmRaised, .alarmCleared:
                    lines.append("\(at) \(r.type.rawValue) \(r.point ?? "") \(r.level ?? "")/\(r.kind ?? "") "
                        + "v=\(r.value.map { String(format: "%.3f", $0) } ?? "-") \(r.message ?? "")")
                case .grade: lines.append("\(at) grade \(r.grade ?? "") \(r.reasons ?? [])")
                default:
                    lines.append("\(at) \(r.type.rawValue) \(r.kind ?? "") \(r.name ?? "") \(r.message ?? "")")
                }
            }
            for v in Checker(history: History(result.history)).judge(scenario.spec.expectations) {
                lines.append("verdict \(v.id) \(v.outcome): \(v.observed)")
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
