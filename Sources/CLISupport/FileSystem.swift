import Foundation

public enum FileSystem {
    /// YAML files under each path (a file is taken as is; folders are searched recursively), sorted.
    public static func yamlFiles(under paths: [String]) throws -> [String] {
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
    public static func createDirectory(_ path: String) throws {
        guard !path.isEmpty else { return }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw CLIError("cannot create folder \(path): \(reason(error))")
        }
    }

    /// The reason of a Foundation file error in a few words ("permission denied", "no space left on device").
    public static func reason(_ error: any Error) -> String {
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

    public static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    public static func bytes(_ count: Int) -> String {
        if count >= 1 << 20 { return String(format: "%.1f MiB", Double(count) / Double(1 << 20)).replacingOccurrences(of: ".0 ", with: " ") }
        if count >= 1 << 10 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}

public struct CLIError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Standard error, for diagnostics and progress (standard output carries results). A write that
/// fails (a closed pipe, a full disk) is dropped: diagnostics never stop a run.
public enum Console {
    public static func error(_ text: String) {
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
    public func writeIgnoringErrors(_ data: Data) { try? write(contentsOf: data) }
}
