import Foundation
import Testing

/// Style enforced by a test (after TigerBeetle's tidy.zig): the pure core reads no wall clock,
/// no global randomness, does no I/O and prints nothing; source files stay small.
@Suite struct TidyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Modules that must stay pure. Edge modules (the CLI, servers, clients) are not listed.
    static let pureModules = [
        "SimCore", "PlantModel", "Scenario", "Simulation", "ModbusMap", "Reference", "UplinkProfile", "Gateway", "Envelope",
        "Conformance", "Reports",
    ]

    static let banned: [(pattern: String, why: String)] = [
        (#"\bDate\(\)"#, "reads the wall clock"),
        (#"\bDate\.now\b"#, "reads the wall clock"),
        (#"\.random\((?![^)]*using:)"#, "global randomness (use SeededRandom)"),
        (#"\bSystemRandomNumberGenerator\b"#, "global randomness (use SeededRandom)"),
        (#"\bContinuousClock\b"#, "reads the wall clock"),
        (#"\bSuspendingClock\b"#, "reads the wall clock"),
        (#"\bTask\.sleep\b"#, "waits on the wall clock"),
        (#"\bFileManager\b"#, "file I/O"),
        (#"\bFileHandle\b"#, "file I/O"),
        (#"(?<![\w.])print\("#, "prints (return values; let the CLI print)"),
    ]

    static func swiftFiles(in folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL { if url.pathExtension == "swift" { files.append(url) } }
        return files.sorted { $0.path < $1.path }
    }

    /// Source text with comments and string literals blanked, so prose may mention banned names.
    static func code(of text: String) -> [String] {
        text.components(separatedBy: "\n").map { line in
            var out = ""
            var inString = false
            var previous: Character = " "
            for char in line {
                if !inString && char == "/" && previous == "/" {
                    out.removeLast()
                    break
                }
                if char == "\"" && previous != "\\" { inString.toggle() }
                out.append(inString ? " " : char)
                previous = char
            }
            return out
        }
    }

    @Test(arguments: pureModules)
    func pureModuleHasNoEffects(module: String) throws {
        let folder = Self.root.appendingPathComponent("Sources/\(module)")
        let files = Self.swiftFiles(in: folder)
        #expect(!files.isEmpty, "no sources found for \(module)")
        var problems: [String] = []
        for file in files {
            let lines = Self.code(of: try String(contentsOf: file, encoding: .utf8))
            for (number, line) in lines.enumerated() {
                for rule in Self.banned where line.range(of: rule.pattern, options: .regularExpression) != nil {
                    problems.append("\(file.lastPathComponent):\(number + 1): \(rule.why): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func sourceFilesStaySmall() throws {
        let files = Self.swiftFiles(in: Self.root.appendingPathComponent("Sources"))
        let long = try files.compactMap { file -> String? in
            let count = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").count
            return count > 450 ? "\(file.lastPathComponent): \(count) lines" : nil
        }
        #expect(long.isEmpty, "files over 450 lines: \(long)")
    }

    @Test func detectorCatchesViolations() {
        let sample = """
            let a = Date()
            let b = Int.random(in: 0..<3)
            let c = Int.random(in: 0..<3, using: &rng)
            // Date() in a comment is fine
            let d = "print(x) in a string is fine"
            print("x")
            """
        let lines = Self.code(of: sample)
        let hits = lines.map { line in Self.banned.filter { line.range(of: $0.pattern, options: .regularExpression) != nil }.count }
        #expect(hits == [1, 1, 0, 0, 0, 1])
    }
}
