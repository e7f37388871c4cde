import Conformance
import Foundation

/// `verdicts.json`: the run result as JSON (sorted keys, so equal runs give equal files).
public enum JSONReport {
    public static func render(_ run: RunResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(run), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text + "\n"
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a results file back; names the file and what is wrong (schema version, JSON error).
    public static func parse(_ text: String, file: String) throws(ParseError) -> RunResult {
        struct Version: Decodable { var schemaVersion: Int? }
        let data = Data(text.utf8)
        guard let version = try? JSONDecoder().decode(Version.self, from: data) else {
            throw ParseError(description: "\(file): not a JSON object")
        }
        guard version.schemaVersion == RunResult.currentSchemaVersion else {
            throw ParseError(description: "\(file): schemaVersion \(version.schemaVersion.map(String.init) ?? "missing"), expected \(RunResult.currentSchemaVersion)")
        }
        do {
            return try JSONDecoder().decode(RunResult.self, from: data)
        } catch {
            throw ParseError(description: "\(file): \(error)")
        }
    }
}
