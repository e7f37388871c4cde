import Conformance
import Foundation

/// `verdicts.json`: the run result as JSON (sorted keys, so equal runs give equal files).
public enum JSONReport {
    /// Throws when the result cannot be encoded (a value JSON cannot hold), never writes `{}`.
    public static func render(_ run: RunResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(run), as: UTF8.self) + "\n"
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a results file back; names the file and what is wrong (schema version, the JSON path
    /// of a missing or mistyped field).
    public static func parse(_ text: String, file: String) throws(ParseError) -> RunResult {
        struct Version: Decodable { var schemaVersion: Int? }
        let data = Data(text.utf8)
        guard let version = try? JSONDecoder().decode(Version.self, from: data) else {
            throw ParseError(description: "\(file): not a JSON object")
        }
        guard let found = version.schemaVersion else {
            throw ParseError(description: "\(file): no schemaVersion (not a tundish results file?)")
        }
        guard found == RunResult.currentSchemaVersion else {
            let hint = found > RunResult.currentSchemaVersion ? "written by a newer tundish" : "written by an older tundish"
            throw ParseError(description: "\(file): schemaVersion \(found), expected \(RunResult.currentSchemaVersion) (\(hint))")
        }
        do {
            return try JSONDecoder().decode(RunResult.self, from: data)
        } catch let error as DecodingError {
            throw ParseError(description: "\(file): \(describe(error))")
        } catch {
            throw ParseError(description: "\(file): \(error)")
        }
    }

    /// `missing field 'seed' at scenarios[0]`, `wrong type at scenarios[1].durationMs: expected Int64`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? "top level" : out
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "wrong type at \(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "null at \(path(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            return "invalid value at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
