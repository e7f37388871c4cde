import Conformance
import Foundation
import LiveHarness
import Reference
import Scenario
import SimCore

/// An input file of a run as `run.json` records it: its path and SHA-256 digest.
public struct FileInput: Codable, Hashable, Sendable {
    public var file: String
    public var digest: String
    public init(file: String, digest: String) { self.file = file; self.digest = digest }
}

/// Loads the reference platform's rules for a run, with rules disabled by id (negative control).
public enum RulesLoading {
    public static let defaultPath = "Scenarios/rules/default.yaml"

    public static func load(_ path: String?, disabling disabled: [String]) throws -> (ReferenceRules, FileInput) {
        let file = path ?? (FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil)
        var rules = ReferenceRules.defaults
        var input = FileInput(file: "built-in", digest: "built-in")
        if let file {
            try FileSourceReader.requireFile(file)
            let text = try FileSourceReader().read(file)
            do { rules = try RulesParser.parse(text, file: file) } catch { throw CLIError("\(error)") }
            input = FileInput(file: file, digest: Digest.sha256Hex(text))
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
