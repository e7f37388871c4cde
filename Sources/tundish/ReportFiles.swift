import ArgumentParser
import CLISupport

/// `--junit`, `--json`, `--html`: where to write reports besides the run directory
/// (`run`, `check`, `report merge`).
struct ReportFiles: ParsableArguments {
    @Option(help: "Also write JUnit XML here.")
    var junit: String?

    @Option(help: "Also write the JSON results here.")
    var json: String?

    @Option(help: "Also write the self-contained HTML report here.")
    var html: String?

    /// Each report file's folder can be written (a bare name: the working folder), checked before the run.
    func checkWritable() throws {
        for (option, path) in [("--junit", junit), ("--json", json), ("--html", html)] {
            if let path { try OutputPaths.checkFile(path, option: option) }
        }
    }
}

/// Harness errors (unreadable input, unreachable target, a broken run directory) end with exit
/// code 2 and a message, never as a verdict; the commands' own exit codes pass through.
enum HarnessErrors {
    static func exitCode2(_ body: () throws -> Void) throws {
        do { try body() } catch let exit as ExitCode { throw exit } catch {
            Console.error(CommandLineErrors.line("\(error)"))
            throw ExitCode(2)
        }
    }

    static func exitCode2(_ body: () async throws -> Void) async throws {
        do { try await body() } catch let exit as ExitCode { throw exit } catch {
            Console.error(CommandLineErrors.line("\(error)"))
            throw ExitCode(2)
        }
    }
}
