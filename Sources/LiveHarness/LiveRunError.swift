import Foundation
import Scenario

/// Why a live run could not be made (an unreadable input, a target that could not be started or
/// reached): a harness error, exit code 2 in the CLI, never a verdict.
public struct LiveRunError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The loader's window on the file system for the live harness (target, profile and credentials files).
struct FileReader: SourceReader {
    func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw SourceReadError(path: path, reason: exists ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SourceReadError(path: path, reason: "is not UTF-8 text")
        }
        return text
    }
}

/// Standard error: progress and warnings of a live run, unless the caller gives its own log.
public enum LiveLog {
    public static let standardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
