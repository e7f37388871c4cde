import Foundation
import Testing

/// The layout tells the truth: one module owns libmodbus, one vocabulary of alarm levels and
/// grades, and nothing imports the executable.
@Suite struct LayoutTests {
    /// Every Swift file under Sources/ with its module (the folder under Sources/).
    static func sources() throws -> [(module: String, file: String, lines: [String])] {
        let sources = TidyTests.root.appendingPathComponent("Sources")
        return try TidyTests.swiftFiles(in: sources).map { url in
            let relative = url.path.dropFirst(sources.path.count + 1)
            let module = String(relative.prefix { $0 != "/" })
            return (module, url.lastPathComponent, TidyTests.code(of: try String(contentsOf: url, encoding: .utf8)))
        }
    }

    /// Modules whose files import `name`.
    static func importers(of name: String, in files: [(module: String, file: String, lines: [String])]) -> Set<String> {
        Set(files.filter { TidyTests.imports($0.lines).contains { $0.module == name } }.map(\.module))
    }

    /// Modules declaring a top-level type called `name` (enum, struct, class or typealias).
    static func declarers(of name: String, in files: [(module: String, file: String, lines: [String])]) -> [String] {
        files.flatMap { file in
            file.lines.filter { $0.range(of: #"^\s*(public\s+|internal\s+)?(final\s+)?(enum|struct|class|typealias)\s+\#(name)\b"#,
                                          options: .regularExpression) != nil }
                .map { _ in "\(file.module)/\(file.file)" }
        }
    }

    @Test func exactlyOneModuleCallsLibmodbus() throws {
        #expect(Self.importers(of: "CModbus", in: try Self.sources()) == ["ModbusServer"])
    }

    @Test func oneAlarmLevelAndOneRiskGradeExist() throws {
        let files = try Self.sources()
        #expect(Self.declarers(of: "AlarmLevel", in: files) == ["PlantModel/AlarmVocabulary.swift"])
        #expect(Self.declarers(of: "RiskGrade", in: files) == ["PlantModel/AlarmVocabulary.swift"])
    }

    @Test func oneDiagnosticTypeServesEveryLoader() throws {
        let files = try Self.sources()
        #expect(Self.declarers(of: "Diagnostic", in: files) == ["ConfigText/Diagnostic.swift"])
        #expect(Self.declarers(of: "SourceLocation", in: files) == ["ConfigText/Diagnostic.swift"])
        #expect(Self.declarers(of: "YNode", in: files) == ["ConfigText/YNode.swift"])
    }

    @Test func nothingImportsTheExecutable() throws {
        #expect(Self.importers(of: "tundish", in: try Self.sources()).isEmpty)
    }

    @Test func theCheckersSeeWhatTheyShould() {
        let files: [(module: String, file: String, lines: [String])] = [
            ("A", "a.swift", ["import CModbus", "enum AlarmLevel {}"]),
            ("B", "b.swift", ["// import CModbus", "let x = \"enum AlarmLevel\""].map { TidyTests.code(of: $0)[0] }),
            ("C", "c.swift", ["@testable import CModbus", "public struct AlarmLevel {}"]),
        ]
        #expect(Self.importers(of: "CModbus", in: files) == ["A", "C"])
        #expect(Self.declarers(of: "AlarmLevel", in: files) == ["A/a.swift", "C/c.swift"])
    }
}
