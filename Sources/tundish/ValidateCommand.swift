import ArgumentParser
import CLISupport
import Envelope
import LiveHarness
import Observers
import Reference
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
            let diagnostics =
                Self.isTargetFile(file)
                ? Self.validateTarget(file)
                : Self.isCredentialsFile(file)
                ? Self.validateCredentials(file)
                : Self.isRulesFile(file)
                ? Self.validateRules(file)
                : Self.isProfileFile(file) ? Self.validateProfile(file) : loader.validate(path: file).map(\.description)
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

    /// Rules files of the reference platform (`Scenarios/rules/*.yaml`) have a top-level `risk:`,
    /// `stateRules:` or `disabledRules:` key.
    static func isRulesFile(_ path: String) -> Bool {
        guard let text = try? FileSourceReader().read(path) else { return false }
        return text.split(separator: "\n").contains { line in
            ["risk:", "stateRules:", "disabledRules:", "rateRules:"].contains { line.hasPrefix($0) }
        }
    }

    /// Target files (`Scenarios/targets/*.yaml`) have a top-level `observe:` key.
    static func isTargetFile(_ path: String) -> Bool {
        guard let text = try? FileSourceReader().read(path) else { return false }
        return text.split(separator: "\n").contains { $0.hasPrefix("observe:") }
    }

    static func validateTarget(_ path: String) -> [String] {
        do {
            _ = try TargetFileParser.parse(text: try FileSourceReader().read(path), file: path)
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(path):1:1: error: \(error)"]
        }
    }

    /// Uplink profile files (`Scenarios/profiles/*.yaml`) have a top-level `endpoints:`, `fields:`
    /// or `envelope:` key.
    static func isProfileFile(_ path: String) -> Bool {
        guard let text = try? FileSourceReader().read(path) else { return false }
        return text.split(separator: "\n").contains { line in
            ["endpoints:", "fields:", "envelope:"].contains { line.hasPrefix($0) }
        }
    }

    static func validateProfile(_ path: String) -> [String] {
        do {
            _ = try ProfileFile.parse(try FileSourceReader().read(path), file: path)
            return []
        } catch let error as ProfileFileError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(path):1:1: error: \(error)"]
        }
    }

    /// SM4 credentials files map enterprise codes to `{appId, appSecret, keyHex, ivHex}`.
    static func isCredentialsFile(_ path: String) -> Bool {
        guard let text = try? FileSourceReader().read(path) else { return false }
        return text.contains("keyHex:") && text.contains("appId:")
    }

    static func validateCredentials(_ path: String) -> [String] {
        do {
            _ = try UplinkFiles.credentials(path)
            return []
        } catch {
            return ["\(error)"]
        }
    }

    static func validateRules(_ path: String) -> [String] {
        do {
            _ = try RulesParser.parse(try FileSourceReader().read(path), file: path)
            return []
        } catch let error as RulesError {
            return ["\(error)"]
        } catch {
            return ["\(path):1:1: error: \(error)"]
        }
    }
}
