import CLISupport
import Foundation

/// Checks, before any work starts, that the files and folders a command will write can be written:
/// each failure is one line naming the path, the reason and the option that sets it.
enum OutputPaths {
    /// A file to be written (a report, a database): its folder must exist or be creatable and be
    /// writable, and the path must not be a folder. A bare name (`al.html`) is in the working folder.
    static func checkFile(_ path: String, option: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw failure(path, option, "is a folder") }
            if access(path, W_OK) != 0 { throw failure(path, option, FileSystem.reason(errno)) }
            return
        }
        try checkFolder(parent(of: path), forFile: path, option: option)
    }

    /// A folder to be created or written into (a run directory, a spool, an output folder).
    static func checkFolder(_ path: String, option: String) throws {
        try checkFolder(path, forFile: path, option: option)
    }

    /// The folder a file is in; `.` for a bare name.
    static func parent(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private static func checkFolder(_ folder: String, forFile target: String, option: String) throws {
        var existing = folder.isEmpty ? "." : folder
        var info = stat()
        // The nearest part of the path that exists decides: a folder we may write into, or not.
        while stat(existing, &info) != 0 {
            guard errno == ENOENT || errno == ENOTDIR else { throw failure(target, option, "\(existing): \(FileSystem.reason(errno))") }
            let up = (existing as NSString).deletingLastPathComponent
            existing = up.isEmpty ? "." : up
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw failure(target, option, "\(existing) is a file, not a folder")
        }
        guard access(existing, W_OK | X_OK) == 0 else {
            let what = existing == folder ? "folder \(existing)" : "folder \(existing) (to create \(folder) in)"
            throw failure(target, option, "\(what): \(FileSystem.reason(errno))")
        }
    }

    private static func failure(_ path: String, _ option: String, _ reason: String) -> CLIError {
        CLIError("\(option) \(path): cannot be written: \(reason); choose another \(option)")
    }
}
