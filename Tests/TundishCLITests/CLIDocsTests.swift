import Foundation
import Testing

/// docs/cli.md matches the binary: every subcommand `tundish --help` lists (and their own
/// subcommands) has a section, and every option its `--help` prints is named in that section.
@Suite struct CLIDocsTests {
    static func doc() throws -> String {
        try String(contentsOf: CLIRunner.root.appendingPathComponent("docs/cli.md"), encoding: .utf8)
    }

    /// The lines of one section of `--help` output (`OPTIONS:`, `SUBCOMMANDS:`), up to the next blank line.
    static func section(_ title: String, of help: String) -> [String] {
        var lines: [String] = []
        var inside = false
        for line in help.components(separatedBy: "\n") {
            if line.hasPrefix(title) {
                inside = true
                continue
            }
            if inside && line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            if inside { lines.append(line) }
        }
        return lines
    }

    /// Subcommand names listed by a help text (first word of each `SUBCOMMANDS:` entry).
    static func subcommands(in help: String) -> [String] {
        section("SUBCOMMANDS:", of: help).compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("        ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    /// `--long` option names an `OPTIONS:` section declares (not those its help texts mention).
    static func options(in help: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"^\s{2}(?:-[A-Za-z], )?(--[a-z][a-z0-9-]*)"#)
        return section("OPTIONS:", of: help).compactMap { line in
            let range = NSRange(line.startIndex..., in: line)
            guard let match = pattern.firstMatch(in: line, range: range), let name = Range(match.range(at: 1), in: line)
            else { return nil }
            return String(line[name])
        }
        .filter { $0 != "--help" && $0 != "--version" }
    }

    /// Every command path below `tundish` (`["run"]`, `["report", "merge"]`, …) with its help text.
    static func commandTree() throws -> [(path: [String], help: String)] {
        var found: [(path: [String], help: String)] = []
        var queue: [[String]] = try subcommands(in: helpText([])).map { [$0] }
        while !queue.isEmpty {
            let path = queue.removeFirst()
            let help = try helpText(path)
            found.append((path, help))
            queue += subcommands(in: help).map { path + [$0] }
        }
        return found
    }

    static func helpText(_ path: [String]) throws -> String {
        let result = try CLIRunner.run(path + ["--help"])
        #expect(result.status == 0, "tundish \(path.joined(separator: " ")) --help exited \(result.status): \(result.stderr)")
        return result.stdout
    }

    /// The part of cli.md under the heading that names `` `tundish <path>` `` (up to the next heading
    /// of the same or a higher level), or nil.
    static func docSection(for path: [String], in doc: String) -> String? {
        let name = "`tundish \(path.joined(separator: " "))`"
        let lines = doc.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("#") && $0.contains(name) }) else { return nil }
        let level = lines[start].prefix { $0 == "#" }.count
        var end = lines.endIndex
        var fenced = false
        for index in (start + 1)..<lines.endIndex {
            let line = lines[index]
            if line.hasPrefix("```") { fenced.toggle() }
            let hashes = line.prefix { $0 == "#" }.count
            if !fenced && hashes > 0 && hashes <= level && line.dropFirst(hashes).hasPrefix(" ") {
                end = index
                break
            }
        }
        return lines[start..<end].joined(separator: "\n")
    }

    @Test func everyOptionOfEverySubcommandIsDocumentedInCliMd() throws {
        let doc = try Self.doc()
        let tree = try Self.commandTree()
        let paths = tree.map { $0.path.joined(separator: " ") }
        for expected in ["run", "check", "report merge", "validate", "points", "simulate", "slave", "serve", "bench sim"] {
            #expect(paths.contains(expected), "tundish --help no longer lists '\(expected)'; found \(paths)")
        }
        var missing: [String] = []
        for (path, help) in tree {
            let command = "tundish \(path.joined(separator: " "))"
            let options = Self.options(in: help)
            if options.isEmpty && !Self.subcommands(in: help).isEmpty { continue }  // a group: `report`, `bench`
            guard let section = Self.docSection(for: path, in: doc) else {
                missing.append("\(command): no section headed `\(command)` in docs/cli.md")
                continue
            }
            for option in options where !section.contains("`\(option)") {
                missing.append("\(command) \(option): not in its section of docs/cli.md")
            }
        }
        #expect(missing.isEmpty, "\(missing.joined(separator: "\n"))")
    }

    @Test func theHelpParserFindsOptionsAndSubcommandsOnly() {
        let help = """
            OVERVIEW: Run scenarios (see --speed).

            USAGE: tundish run [<paths> ...] [--junit <junit>] [--quiet]

            ARGUMENTS:
              <paths>                 Scenario files or folders. (default: Scenarios)

            OPTIONS:
              --junit <junit>         Also write JUnit XML here.
              --drain-timeout <drain-timeout>
                                      Live modes: wall seconds to wait, unlike --speed. (default: 30.0)
              --quiet                 No progress lines.
              -h, --help              Show help information.

            SUBCOMMANDS:
              merge                   Join shards' verdicts.json files into one result.
                                      wrapped text

            """
        #expect(Self.options(in: help) == ["--junit", "--drain-timeout", "--quiet"])
        #expect(Self.subcommands(in: help) == ["merge"])
        let doc = "## Commands\n\n### `tundish run`\n\n```sh\n# a comment\n```\n`--quiet`\n\n### `tundish check`\n\n`--junit`\n"
        #expect(Self.docSection(for: ["run"], in: doc) == "### `tundish run`\n\n```sh\n# a comment\n```\n`--quiet`\n")
        #expect(Self.docSection(for: ["serve"], in: doc) == nil)
    }
}
