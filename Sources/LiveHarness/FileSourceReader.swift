import Foundation
import Scenario

/// The loader's window on the file system (the CLI is the edge that does I/O). Every input file
/// has a size limit, checked from the file's size (stat) before a byte is read, so a huge or
/// endless file is refused at once.
public struct FileSourceReader: SourceReader {
    /// The limit for scenario, plant, target, rules, profile and credentials files (the loader's own).
    public static let defaultLimit = LoadLimits.default.maxBytes
    /// The limit for saved results (`verdicts.json` of `report merge`), which grow with the library.
    public static let resultsLimit = 256 << 20
    public var maxBytes = FileSourceReader.defaultLimit

    public init(maxBytes: Int = FileSourceReader.defaultLimit) { self.maxBytes = maxBytes }

    public func read(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SourceReadError(path: path, reason: errno == ENOENT ? "no such file" : Self.reason(errno))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw SourceReadError(path: path, reason: "is a folder, not a file") }
        if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maxBytes {
            throw SourceReadError(path: path, reason: Self.tooLarge(Int(info.st_size), limit: maxBytes))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SourceReadError(path: path, reason: "cannot be read (\(Self.reason(EACCES)))")
        }
        guard data.count <= maxBytes else { throw SourceReadError(path: path, reason: Self.tooLarge(data.count, limit: maxBytes)) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SourceReadError(path: path, reason: "is not UTF-8 text")
        }
        return text
    }

    public static func tooLarge(_ size: Int, limit: Int) -> String {
        "is \(Self.bytes(size)), over the \(Self.bytes(limit)) limit for "
            + (limit == resultsLimit ? "saved results" : "input files")
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    static func bytes(_ count: Int) -> String {
        if count >= 1 << 20 { return String(format: "%.1f MiB", Double(count) / Double(1 << 20)).replacingOccurrences(of: ".0 ", with: " ") }
        if count >= 1 << 10 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}

extension FileSourceReader {
    /// "no such file: X" (or the reason it cannot be used) before a loader sees the file; loaders
    /// then report only what is inside files.
    public static func requireFile(_ path: String, limit: Int = defaultLimit) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw LiveRunError(errno == ENOENT ? "no such file: \(path)" : "\(path): \(Self.reason(errno))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw LiveRunError("\(path): is a folder; give a file") }
        if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit {
            throw LiveRunError("\(path): \(FileSourceReader.tooLarge(Int(info.st_size), limit: limit))")
        }
    }
}
