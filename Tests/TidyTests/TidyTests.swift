import Foundation
import Testing

/// Style enforced by a test (after TigerBeetle's tidy.zig): the pure core reads no wall clock,
/// no global randomness, does no I/O and prints nothing; source files stay small.
@Suite struct TidyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Modules that must stay pure. Edge modules (the CLI, servers, clients) are not listed.
    static let pureModules = [
        "SimCore", "ConfigText", "PlantModel", "Scenario", "Simulation", "ModbusMap", "Reference", "UplinkProfile", "Gateway", "Envelope",
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
        (#"\b(Data|NSData|String|NSString)\(contentsOf"#, "file or network I/O"),
        (#"\bcontentsOfFile\b"#, "file I/O"),
        (#"\bURLSession\b"#, "network I/O"),
        (#"\bProcessInfo\b"#, "reads the process environment"),
        (#"\bgetenv\("#, "reads the process environment"),
        (#"\bThread\b"#, "threads (concurrency belongs at the edge)"),
        (#"\bDispatchQueue\b"#, "threads (concurrency belongs at the edge)"),
        (#"(?<![\w.])print\("#, "prints (return values; let the CLI print)"),
    ]

    /// What a pure module may import besides other pure modules: Foundation (maths, JSON), Yams
    /// (parsing text it is given), swift-crypto (digests); Envelope also libcrypto for SM4.
    static let pureImports: Set<String> = ["Foundation", "Yams", "Crypto"]
    static let extraImports: [String: Set<String>] = ["Envelope": ["COpenSSL"]]
    /// The oracle never sees expectations: Reference may not import Scenario, Simulation or Conformance.
    static let forbiddenPure: [String: Set<String>] = ["Reference": ["Scenario", "Simulation", "Conformance", "Reports"]]

    static func swiftFiles(in folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL { if url.pathExtension == "swift" { files.append(url) } }
        return files.sorted { $0.path < $1.path }
    }

    /// Source lines with comments and string literals blanked, so prose may mention banned names.
    static func code(of text: String) -> [String] { SwiftCodeText.lines(of: text) }

    /// The modules a file imports (`import X`, `@testable import X`, `import struct X.Y`, …).
    static func imports(_ lines: [String]) -> [(line: Int, module: String)] {
        lines.enumerated().compactMap { number, line in
            guard let match = line.range(of: #"^\s*(@\w+\s+)*import\s+((typealias|struct|class|enum|protocol|let|var|func)\s+)?[A-Za-z_][A-Za-z0-9_]*"#,
                                         options: .regularExpression) else { return nil }
            let words = line[match].split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let last = words.last else { return nil }
            return (number + 1, String(last.split(separator: ".").first ?? last))
        }
    }

    /// Imports a pure module may not have.
    static func importProblems(module: String, file: String, lines: [String]) -> [String] {
        let allowed = Set(pureModules).subtracting([module]).union(pureImports).union(extraImports[module] ?? [])
            .subtracting(forbiddenPure[module] ?? [])
        return imports(lines).filter { !allowed.contains($0.module) }.map {
            "\(file):\($0.line): pure module \(module) imports \($0.module)"
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
            problems += Self.importProblems(module: module, file: file.lastPathComponent, lines: lines)
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

    @Test func commentsAndStringsAreBlankedProperly() {
        let sample = #"""
            /* Date() in a block comment
               /* nested */ Thread still comment */ let a = 1
            let b = "a \"quoted\" Date() and \\"; let c = Date()
            let d = """
                ProcessInfo in a multi-line string
                """
            let e = #"raw "Date()" string"#; getenv("X")
            let f = "value \(Date())"
            """#
        let lines = Self.code(of: sample)
        let hits = lines.map { line in Self.banned.filter { line.range(of: $0.pattern, options: .regularExpression) != nil }.count }
        #expect(hits == [0, 0, 1, 0, 0, 0, 1, 1])
    }

    @Test func importCheckerRejectsEffectfulModulesInPureCode() {
        let sample = ["import Foundation", "import NIOCore", "@testable import Hummingbird", "import struct GRDB.Row",
                      "import AsyncHTTPClient", "import CModbus", "import Scenario", "// import Logging", "import Yams"]
        let lines = Self.code(of: sample.joined(separator: "\n"))
        let problems = Self.importProblems(module: "Conformance", file: "X.swift", lines: lines)
        #expect(problems.map { $0.components(separatedBy: " ").last ?? "" }
            == ["NIOCore", "Hummingbird", "GRDB", "AsyncHTTPClient", "CModbus"])
        let oracle = Self.importProblems(module: "Reference", file: "Y.swift", lines: Self.code(of: "import Scenario\nimport PlantModel"))
        #expect(oracle == ["Y.swift:1: pure module Reference imports Scenario"])
    }
}
