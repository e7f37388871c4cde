import Conformance
import Foundation
import LiveHarness
import Reference
import Scenario
import SimCore

/// Loads the reference platform's rules for a run, with rules disabled by id (negative control).
enum RulesLoading {
    static let defaultPath = "Scenarios/rules/default.yaml"

    static func load(_ path: String?, disabling disabled: [String]) throws -> (ReferenceRules, RunInfo.Input) {
        let file = path ?? (FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil)
        var rules = ReferenceRules.defaults
        var input = RunInfo.Input(file: "built-in", digest: "built-in")
        if let file {
            try FileSourceReader.requireFile(file)
            let text = try FileSourceReader().read(file)
            do { rules = try RulesParser.parse(text, file: file) } catch { throw CLIError("\(error)") }
            input = RunInfo.Input(file: file, digest: Digest.sha256Hex(text))
        }
        for id in disabled where !rules.ruleIds.contains(id) {
            let known = rules.ruleIds.sorted()
            let guess = Suggest.closest(to: id, among: known) ?? known.first { $0.hasPrefix(id) }
            let hint = guess.map { " (did you mean '\($0)'?)" } ?? ""
            throw CLIError("--disable-rule \(id): no such rule in \(input.file)\(hint)")
        }
        rules.disabledRules.formUnion(disabled)
        return (rules, input)
    }
}

/// One progress line per finished scenario, on standard error.
struct Progress {
    let total: Int
    let quiet: Bool
    var done = 0

    mutating func finished(_ result: ScenarioResult) {
        done += 1
        guard !quiet else { return }
        let width = String(total).count
        let n = String(repeating: " ", count: width - String(done).count) + String(done)
        let head = "[\(n)/\(total)] \(result.outcome.rawValue.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)) \(result.id)"
        if result.digest.isEmpty, let error = result.error {  // never loaded: no seed, no verdicts
            Console.error(head + " · not loaded: " + (error.split(separator: "\n").first.map { String($0.prefix(160)) } ?? ""))
            return
        }
        Console.error(head + " · seed \(result.seed) · \(result.count(.pass))/\(result.verdicts.count) passed"
            + (result.error.map { " · \($0.prefix(120))" } ?? ""))
    }
}
