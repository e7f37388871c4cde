import ArgumentParser
import Scenario

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario and plant files; print every error with file:line:col.")

    @Argument(help: "Files or folders (searched recursively for .yaml/.yml).")
    var paths: [String] = ["Scenarios"]

    func run() throws {
        let files = try FileSystem.yamlFiles(under: paths)
        let loader = ScenarioLoader(reader: FileSourceReader())
        var errorCount = 0
        var badFiles = 0
        for file in files {
            let diagnostics = loader.validate(path: file)
            if !diagnostics.isEmpty { badFiles += 1 }
            errorCount += diagnostics.count
            for diagnostic in diagnostics { print(diagnostic.description) }
        }
        let summary = "\(files.count) file\(files.count == 1 ? "" : "s") checked, "
            + "\(errorCount) error\(errorCount == 1 ? "" : "s") in \(badFiles) file\(badFiles == 1 ? "" : "s")"
        if errorCount > 0 {
            Console.error(summary)
            throw ExitCode(1)
        }
        print(summary)
    }
}
