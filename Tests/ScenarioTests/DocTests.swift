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
        if let out = ProcessInfo.processInfo.environment["TUNDISH_WRITE_DOC_TABLES"] {
            try tables.write(toFile: out, atomically: true, encoding: .utf8)
        }
        let doc = try Self.doc()
        #expect(doc.contains(tables), "regenerate: TUNDISH_WRITE_DOC_TABLES=/tmp/t.md swift test --filter DocTests, paste into the doc")
    }

    @Test func docNamesEverySchemaEntry() throws {
        let doc = try Self.doc()
        let names = OperationSchema.all.map(\.name) + FaultSchema.all.map(\.name) + SensorFaultSchema.all.map(\.name)
        for name in names { #expect(doc.contains("`\(name)`"), "\(name)") }
    }
}
