/// Pure path arithmetic for `plant:` references (no file system access).
enum PathResolver {
    /// `relative` resolved against the directory of `file`; absolute paths are only normalised.
    static func resolve(_ relative: String, from file: String) -> String {
        if relative.hasPrefix("/") { return normalise(relative) }
        return normalise(directory(of: file) + relative)
    }

    /// The directory part of a path, with its trailing `/` (empty for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// Removes `.` and empty segments and folds `..` into its parent. Leading `..` segments of a
    /// relative path are kept (`../a/./b/../c` → `../a/c`).
    static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if segment == "..", absolute {
                continue
            } else {
                parts.append(segment)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
