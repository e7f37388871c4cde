import ArgumentParser
import Bench
import CLISupport
import ConfigText
import Foundation
import SimCore

@main
struct Tundish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tundish",
        abstract: "Plant simulator and conformance harness for steel and aluminium DC-casting risk monitoring.",
        discussion: """
            Exit codes: 0 pass (or success), 1 fail (an expectation failed; `validate`, `simulate`, `points`: \
            the input has errors), \
            2 harness or target error (an input that cannot be read or loaded, an output that cannot be \
            written, an unreachable target), 64 usage error (unknown subcommand or option, a bad option value).
            """,
        version: TundishVersion.current,
        subcommands: [
            RunCommand.self, CheckCommand.self, ReportCommand.self, ValidateCommand.self, PointsCommand.self,
            SimulateCommand.self, SlaveCommand.self, ServeCommand.self, BenchCommand.self,
        ])

    /// As ArgumentParser's `main`, plus: SIGPIPE ignored (a closed pipe on stdout or stderr never
    /// kills a run), did-you-mean for a misspelt subcommand, and one error style (`error: …`, once).
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = CommandLineErrors.unknownSubcommand(arguments, of: Self.self) {
            CommandLineErrors.exit(message: message, code: ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            CommandLineErrors.exit(error, root: Self.self)
        }
    }
}

enum TundishVersion {
    static let current = "0.1.0"
}

/// How the CLI reports what went wrong: one `error: …` line (usage errors add the usage of the
/// command they concern), and the documented exit codes.
enum CommandLineErrors {
    /// For `tundish rnu`: "error: unknown subcommand 'rnu' (did you mean 'run'?)".
    static func unknownSubcommand(_ arguments: [String], of root: any ParsableCommand.Type) -> String? {
        var subcommands = root.configuration.subcommands
        var path = [root.configuration.commandName ?? "tundish"]
        var rest = arguments[...]
        // Every command with subcommands here (tundish, report, bench) takes no arguments of its own.
        while let word = rest.first, !word.hasPrefix("-"), !subcommands.isEmpty {
            let names = subcommands.compactMap { $0.configuration.commandName } + ["help"]
            guard let next = subcommands.first(where: { $0.configuration.commandName == word }) else {
                if word == "help" { return nil }
                let guess = Suggest.closest(to: word, among: names) ?? names.first { $0.hasPrefix(word) }
                let command = path.joined(separator: " ")
                return "error: unknown subcommand '\(word)'" + (guess.map { " (did you mean '\($0)'?)" } ?? "")
                    + "\nUsage: \(command) <subcommand>\n  See '\(command) --help' for the list."
            }
            path.append(word)
            subcommands = next.configuration.subcommands
            rest = rest.dropFirst()
        }
        return nil
    }

    static func exit(_ error: any Error, root: any ParsableCommand.Type) -> Never {
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
        if let error = error as? CLIError { exit(message: line(error.description), code: 2) }
        let code = root.exitCode(for: error)
        let text = root.fullMessage(for: error)
        if code == .success {
            if !text.isEmpty { print(text) }
            Foundation.exit(0)
        }
        // Errors that are not ArgumentParser's own are harness errors (exit 2), not usage errors.
        let isUsage = error is ValidationError || code == .validationFailure
        exit(message: line(text), code: isUsage ? code.rawValue : 2)
    }

    /// `error: …` exactly once, whatever the message already starts with.
    static func line(_ text: String) -> String {
        var text = text
        for prefix in ["Error: ", "error: "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        if text.contains(": error: ") || text.hasPrefix("error:") { return text }
        return "error: " + text
    }

    static func exit(message: String, code: Int32) -> Never {
        if !message.isEmpty { Console.error(message.hasSuffix("\n") ? String(message.dropLast()) : message) }
        Foundation.exit(code)
    }
}
