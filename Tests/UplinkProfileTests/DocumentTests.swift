import Foundation
import Testing
import UplinkProfile

/// docs/uplink-profile.schema.json accepts what the module encodes (and refuses what it refuses);
/// docs/openapi.yaml is a valid OpenAPI 3.1 document. Both checks run Python (`jsonschema`,
/// `openapi_spec_validator`): a missing interpreter or module is a recorded failure, never a pass.
@Suite(.serialized) struct DocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("validate_schema.py")
    static let docs = root.appendingPathComponent("docs")

    /// Runs `python3 validate_schema.py ARGS` (python3 from PATH, or `TUNDISH_PYTHON`).
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TUNDISH_PYTHON"] {
            process.executableURL = URL(fileURLWithPath: explicit)
            process.arguments = [script.path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path] + arguments
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func expectSuccess(_ result: (status: Int32, output: String), _ what: String) {
        switch result.status {
        case 0: break
        case 2: Issue.record("\(what) could not run: \(result.output) — install it for the python3 on PATH or set TUNDISH_PYTHON")
        case 127: Issue.record("\(what) could not run: no python3 on PATH (\(result.output))")
        default: Issue.record("\(what) failed:\n\(result.output)")
        }
    }

    /// Invalid bodies the schema must refuse, as (definition, JSON).
    static let invalid: [(String, String)] = [
        ("ReadingsBatch", #"{"batchId":"B","companyCode":"C","gatewayCode":"G","collectTime":1,"datas":[{"targetCode":"X","value":1,"quality":7,"time":1}]}"#),
        ("ReadingsBatch", #"{"batchId":"B","companyCode":"C","gatewayCode":"G","collectTime":1,"datas":[{"targetCode":"X","quality":0,"time":1}]}"#),
        ("ReadingsBatch", #"{"batchId":"B","companyCode":"C","gatewayCode":"G","collectTime":"1","datas":[]}"#),
        ("AlarmBatch", #"{"batchId":"B","companyCode":"C","gatewayCode":"G","alarms":[{"alarmId":"A","targetCode":"X","alarmType":"HHH","alarmValue":1,"alarmTime":1}]}"#),
        ("Heartbeat", #"{"batchId":"B","companyCode":"C","gatewayCode":"G","time":1,"onlineTargets":1}"#),
        ("Heartbeat", #"{"batchId":"","companyCode":"C","gatewayCode":"G","time":1,"onlineTargets":1,"totalTargets":1}"#),
        ("BasicData", #"{"profile":"other","version":1}"#),
    ]

    @Test func examplesValidateAgainstTheSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tundish-uplink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names: [PayloadKind: String] = [.basic: "BasicData", .readings: "ReadingsBatch", .alarms: "AlarmBatch", .heartbeat: "Heartbeat"]
        for (index, payload) in Examples.all.enumerated() {
            let file = folder.appendingPathComponent("\(names[payload.kind]!)--example\(index).json")
            try UplinkEncoder.encode(payload).write(to: file)
        }
        // The full registration of a whole plant, not just the short example.
        let full = BasicData(plant: .init(config: Examples.mixedConfig), gatewayCode: "GW", batchId: "GW-000000000001", sentAt: 0)
        try UplinkEncoder.encode(full).write(to: folder.appendingPathComponent("BasicData--full.json"))
        for (index, (definition, body)) in Self.invalid.enumerated() {
            try Data(body.utf8).write(to: folder.appendingPathComponent("invalid--\(definition)--\(index).json"))
        }
        Self.expectSuccess(try Self.python(["schema", Self.docs.appendingPathComponent("uplink-profile.schema.json").path, folder.path]),
                           "JSON Schema check (jsonschema)")
    }

    @Test func invalidBodiesAreAlsoRefusedByTheDecoder() {
        let kinds = ["ReadingsBatch": PayloadKind.readings, "AlarmBatch": .alarms, "Heartbeat": .heartbeat, "BasicData": .basic]
        for (definition, body) in Self.invalid {
            #expect(UplinkDecoder().decode(kinds[definition]!, from: Data(body.utf8)).isFailure, "\(body)")
        }
    }

    @Test func openAPIDocumentValidates() throws {
        Self.expectSuccess(try Self.python(["openapi", Self.docs.appendingPathComponent("openapi.yaml").path]),
                           "OpenAPI check (openapi_spec_validator)")
    }

    @Test func openAPIListsTheUplinkEndpoints() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        for kind in PayloadKind.allCases { #expect(text.contains("  \(kind.defaultPath):"), "\(kind.defaultPath)") }
        for path in ["/health", "/openapi.yaml", "/api/v1/enterprises", "/api/v1/enterprises/{code}/points", "/api/v1/alarms",
                     "/api/v1/alarms/{id}/handling", "/api/v1/grades", "/api/v1/grades/{enterprise}/history",
                     "/api/v1/readings/latest", "/api/v1/regulator/regions", "/api/v1/events", "/api/v1/webhooks",
                     "/api/v1/webhooks/{id}"] {
            #expect(text.contains("  \(path):"), "\(path)")
        }
    }
}
