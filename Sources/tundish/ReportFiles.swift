import ArgumentParser

/// `--junit`, `--json`, `--html`: where to write reports besides the run directory
/// (`run`, `check`, `report merge`).
struct ReportFiles: ParsableArguments {
    @Option(help: "Also write JUnit XML here.")
    var junit: String?

    @Option(help: "Also write the JSON results here.")
    var json: String?

    @Option(help: "Also write the self-contained HTML report here.")
    var html: String?
}

/// Harness errors (unreadable input, unreachable target, a broken run directory) end with exit
/// code 2 and a message, never as a verdict; the commands' own exit codes pass through.
enum HarnessErrors {
    static func exitCode2(_ body: () throws -> Void) throws {
        do { try body() } catch let exit as ExitCode { throw exit } catch {
            Console.error(message(error))
            throw ExitCode(2)
        }
    }

    static func exitCode2(_ body: () async throws -> Void) async throws {
        do { try await body() } catch let exit as ExitCode { throw exit } catch {
            Console.error(message(error))
            throw ExitCode(2)
        }
    }

    /// `error: …`, unless the message is already a diagnostic (`file:line:col: error: …`).
    static func message(_ error: any Error) -> String {
        let text = "\(error)"
        return text.contains(": error: ") ? text : "error: \(text)"
    }
}
