import Foundation
import Scenario

/// The loader's window on the file system (the CLI is the edge that does I/O).
struct FileSourceReader: SourceReader {
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

enum FileSystem {
    /// YAML files under each path (a file is taken as is; folders are searched recursively), sorted.
    static func yamlFiles(under paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("\(path): no such file or folder")
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

    static func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Standard error, for diagnostics and progress (standard output carries results).
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
