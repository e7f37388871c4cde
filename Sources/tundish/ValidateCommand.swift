import ArgumentParser
import CLISupport
import ConfigText
import Envelope
import LiveHarness
import Observers
import Reference
import Scenario

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario, plant, rules, profile, credentials and target files; print every error with file:line:col.")

    @Argument(help: "Files or folders (searched recursively for .yaml/.yml).")
    var paths: [String] = ["Scenarios"]

    func run() throws {
        let files = try FileSystem.yamlFiles(under: paths)
        let loader = ScenarioLoader(reader: FileSourceReader())
        var errorCount = 0
        var badFiles = 0
        for file in files {
            let diagnostics = Self.validate(file, loader: loader)
            if !diagnostics.isEmpty { badFiles += 1 }
            errorCount += diagnostics.count
            for diagnostic in diagnostics { print(diagnostic) }
        }
        let summary = "\(files.count) file\(files.count == 1 ? "" : "s") checked, "
            + "\(errorCount) error\(errorCount == 1 ? "" : "s") in \(badFiles) file\(badFiles == 1 ? "" : "s")"
        if errorCount > 0 {
            Console.error(summary)
            throw ExitCode(1)
        }
        print(summary)
    }

    /// Reads the file once, decides its kind once (`ConfigFileKind`), and checks it with that
    /// kind's loader. A file that cannot be read is reported as the scenario loader words it.
    static func validate(_ file: String, loader: ScenarioLoader) -> [String] {
        guard let text = try? FileSourceReader().read(file) else { return loader.validate(path: file).map(\.description) }
        switch ConfigFileKind.detect(text) {
        case .target: return problems(file) { _ = try TargetFileParser.parse(text: text, file: file) }
        case .credentials: return problems(file) { _ = try UplinkFiles.credentials(file) }
        case .rules: return problems(file) { _ = try RulesParser.parse(text, file: file) }
        case .profile: return problems(file) { _ = try ProfileFile.parse(text, file: file) }
        case .plant, .scenario: return loader.validate(text: text, path: file).map(\.description)
        }
    }

    /// Every diagnostic a loader threw, one line each (`file:line:col: error: …`).
    static func problems(_ file: String, _ load: () throws -> Void) -> [String] {
        do {
            try load()
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.map(\.description)
        } catch let error as Diagnostic {
            return [error.description]
        } catch {
            let text = "\(error)"
            return [text.hasPrefix(file + ":") ? text : "\(file):1:1: error: \(text)"]
        }
    }
}
