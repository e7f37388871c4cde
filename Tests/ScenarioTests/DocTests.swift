import Foundation
import Scenario
import Testing

/// `docs/scenario-format.md` lists exactly what the schemas accept.
@Suite struct DocTests {
    static func doc() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
    }

    @Test func docContainsTheGeneratedTables() throws {
        let tables = FormatReference.markdownTables()
        if ProcessInfo.processInfo.environment["TUNDISH_PRINT_DOC_TABLES"] != nil { print(tables) }
        let doc = try Self.doc()
        #expect(doc.contains(tables), "regenerate the tables: TUNDISH_PRINT_DOC_TABLES=1 swift test --filter DocTests")
    }

    @Test func docNamesEverySchemaEntry() throws {
        let doc = try Self.doc()
        let names = OperationSchema.all.map(\.name) + FaultSchema.all.map(\.name) + SensorFaultSchema.all.map(\.name)
        for name in names { #expect(doc.contains("`\(name)`"), "\(name)") }
    }
}
