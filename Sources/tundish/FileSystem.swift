import Foundation
import Scenario

/// The loader's window on the file system (the CLI is the edge that does I/O). Every input file
/// has a size limit, checked from the file's size (stat) before a byte is read, so a huge or
/// endless file is refused at once.
struct FileSourceReader: SourceReader {
    /// The limit for scenario, plant, target, rules, profile and credentials files (the loader's own).
    static let defaultLimit = LoadLimits.default.maxBytes
    /// The limit for saved results (`verdicts.json` of `report merge`), which grow with the library.
    static let resultsLimit = 256 << 20
    var maxBytes = FileSourceReader.defaultLimit

    func read(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SourceReadError(path: path, reason: errno == ENOENT ? "no such file" : FileSystem.reason(errno))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw SourceReadError(path: path, reason: "is a folder, not a file") }
        if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maxBytes {
            throw SourceReadError(path: path, reason: Self.tooLarge(Int(info.st_size), limit: maxBytes))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SourceReadError(path: path, reason: "cannot be read (\(FileSystem.reason(EACCES)))")
        }
        guard data.count <= maxBytes else { throw SourceReadError(path: path, reason: Self.tooLarge(data.count, limit: maxBytes)) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SourceReadError(path: path, reason: "is not UTF-8 text")
        }
        return text
    }

    static func tooLarge(_ size: Int, limit: Int) -> String {
        "is \(FileSystem.bytes(size)), over the \(FileSystem.bytes(limit)) limit for "
            + (limit == resultsLimit ? "saved results" : "input files")
    }

    /// "no such file: X" (or the reason it cannot be used) before a loader sees the file; loaders
    /// then report only what is inside files.
    static func requireFile(_ path: String, limit: Int = defaultLimit) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CLIError(errno == ENOENT ? "no such file: \(path)" : "\(path): \(FileSystem.reason(errno))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw CLIError("\(path): is a folder; give a file") }
        if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit {
            throw CLIError("\(path): \(tooLarge(Int(info.st_size), limit: limit))")
        }
    }
}

enum FileSystem {
    /// YAML files under each path (a file is taken as is; folders are searched recursively), sorted.
    static func yamlFiles(under paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("no such file or folder: \(path)")
            }
            guard isDirectory.boolValue else {
                found.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var inFolder: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                    inFolder.append((path as NSString).appendingPathComponent(relative))
                }
            }
            found.append(contentsOf: inFolder.sorted())
        }
        return found
    }

    /// Creates a folder and its parents; a failure names the folder and the reason in one line.
    static func createDirectory(_ path: String) throws {
        guard !path.isEmpty else { return }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw CLIError("cannot create folder \(path): \(reason(error))")
        }
    }

    /// The reason of a Foundation file error in a few words ("permission denied", "no space left on device").
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(Int32(underlying.code))
        }
        if error.domain == NSPOSIXErrorDomain { return reason(Int32(error.code)) }
        if error.domain == NSCocoaErrorDomain {
            switch error.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on device"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            case NSFileWriteFileExistsError: return "a file of that name is in the way"
            default: break
            }
        }
        return error.localizedDescription.split(separator: "\n").joined(separator: " ")
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    static func bytes(_ count: Int) -> String {
        if count >= 1 << 20 { return String(format: "%.1f MiB", Double(count) / Double(1 << 20)).replacingOccurrences(of: ".0 ", with: " ") }
        if count >= 1 << 10 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Standard error, for diagnostics and progress (standard output carries results). A write that
/// fails (a closed pipe, a full disk) is dropped: diagnostics never stop a run.
enum Console {
    static func error(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

extension FileHandle {
    func writeIgnoringErrors(_ data: Data) { try? write(contentsOf: data) }
}
