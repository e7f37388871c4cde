import Foundation
import Testing

/// The repository stands alone: nothing it ships points outside it, and every relative link of the
/// documentation reaches a file (and, for `file.md#anchor`, a heading or `id` of that file).
@Suite struct DocsTidyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Paths to notes kept outside the repository (spelt in pieces so this file does not match itself).
    static let outsidePaths = [".." + "/shared", "/work" + "/shared"]

    /// Top-level entries holding what the repository ships (docs, sources, scenarios, tools, tests).
    static let shippedEntries = ["README.md", "Package.swift", "docs", "Sources", "Tests", "Scenarios", "Tools", ".ci"]

    /// Folders that are build output or scratch, never part of the repository (see .gitignore).
    static let skippedFolders: Set<String> = [".build", ".swiftpm", "runs", "out", "tmp", "__pycache__", ".hypothesis", ".schemathesis"]

    /// Every regular file under the shipped entries, as paths relative to the root, sorted.
    static func shippedFiles() -> [String] {
        var files: [String] = []
        for entry in shippedEntries {
            let url = root.appendingPathComponent(entry)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            if !isFolder.boolValue {
                files.append(entry)
                continue
            }
            let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey])
            while let file = enumerator?.nextObject() as? URL {
                let name = file.lastPathComponent
                let folder = (try? file.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
                if folder {
                    if skippedFolders.contains(name) || name.hasPrefix(".build") { enumerator?.skipDescendants() }
                    continue
                }
                files.append(String(file.path.dropFirst(root.path.count + 1)))
            }
        }
        return files.sorted()
    }

    /// The file's text, or nil for binary files (not valid UTF-8).
    static func text(_ relativePath: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relativePath).path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    @Test func noShippedFileCitesNotesOutsideTheRepository() throws {
        let files = Self.shippedFiles()
        #expect(files.contains("docs/domain.md"), "the walk should see the docs")
        #expect(files.contains { $0.hasPrefix("Scenarios/") && $0.hasSuffix(".yaml") }, "the walk should see the scenarios")
        var problems: [String] = []
        for file in files {
            guard let text = Self.text(file) else { continue }
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                for outside in Self.outsidePaths where line.contains(outside) {
                    problems.append("\(file):\(number + 1): cites '\(outside)', which is not in the repository; cite docs/domain.md")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func everyRelativeLinkInTheDocsReachesAFileAndAnchor() throws {
        let documents = ["README.md"] + Self.shippedFiles().filter { $0.hasPrefix("docs/") && $0.hasSuffix(".md") }
        #expect(documents.count > 5, "expected the docs folder's pages")
        var problems: [String] = []
        var checked = 0
        for document in documents {
            guard let text = Self.text(document) else { continue }
            for link in MarkdownLinks.relativeLinks(in: text) {
                checked += 1
                if let problem = Self.problem(with: link, in: document) { problems.append(problem) }
            }
        }
        #expect(checked > 20, "expected the docs to hold relative links; found \(checked)")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Why a link of `document` is broken, or nil when it reaches its file and anchor.
    static func problem(with link: MarkdownLinks.Link, in document: String) -> String? {
        let folder = (document as NSString).deletingLastPathComponent
        let target = link.path.isEmpty ? document : MarkdownLinks.normalise(folder.isEmpty ? link.path : folder + "/" + link.path)
        guard !target.hasPrefix("..") else {
            return "\(document):\(link.line): link '\(link.raw)' leaves the repository"
        }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(target).path) else {
            return "\(document):\(link.line): link '\(link.raw)' points at '\(target)', which does not exist"
        }
        guard let fragment = link.fragment, target.hasSuffix(".md"), let text = text(target) else { return nil }
        if MarkdownLinks.anchors(in: text).contains(fragment) { return nil }
        return "\(document):\(link.line): link '\(link.raw)': no heading or id '\(fragment)' in \(target)"
    }

    @Test func theLinkCheckerSeesBrokenLinksAndAnchors() {
        let page = """
            # Top `heading`
            See [a](missing.md), [b](#top-heading), [c](https://example.com/x.md) and `[d](code.md)`.
            <a id="s8"></a>
            ```
            [e](fenced.md)
            ```
            ## 8. Proposed rules [P]
            """
        let links = MarkdownLinks.relativeLinks(in: page)
        #expect(links.map(\.raw) == ["missing.md", "#top-heading"])
        #expect(links.first?.line == 2)
        #expect(MarkdownLinks.anchors(in: page) == ["top-heading", "s8", "8-proposed-rules-p"])
        #expect(Self.problem(with: links[0], in: "docs/page.md")?.contains("does not exist") == true)
        #expect(MarkdownLinks.normalise("docs/plants/../domain.md") == "docs/domain.md")
    }
}

/// Relative markdown links and the anchors a page offers (GitHub's heading ids plus explicit `id="…"`).
enum MarkdownLinks {
    struct Link {
        var raw: String
        var path: String
        var fragment: String?
        var line: Int
    }

    /// Lines outside fenced code blocks, numbered from 1; inline code blanked unless `keepCode`.
    static func proseLines(of text: String, keepCode: Bool = false) -> [(number: Int, line: String)] {
        var fenced = false
        var lines: [(Int, String)] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                fenced.toggle()
                continue
            }
            if fenced { continue }
            let prose = keepCode ? line : line.replacingOccurrences(of: "`[^`]*`", with: "``", options: .regularExpression)
            lines.append((index + 1, prose))
        }
        return lines
    }

    static func relativeLinks(in text: String) -> [Link] {
        let pattern = try! NSRegularExpression(pattern: #"\]\(([^)\s]+)(?:\s+"[^"]*")?\)"#)
        var links: [Link] = []
        for (number, line) in proseLines(of: text) {
            let range = NSRange(line.startIndex..., in: line)
            for match in pattern.matches(in: line, range: range) {
                guard let targetRange = Range(match.range(at: 1), in: line) else { continue }
                let raw = String(line[targetRange])
                if raw.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil { continue }
                let parts = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let fragment = parts.count > 1 ? String(parts[1]) : nil
                links.append(Link(raw: raw, path: String(parts[0]), fragment: fragment, line: number))
            }
        }
        return links
    }

    /// Explicit `id="…"` anchors and heading ids the way GitHub makes them (lower case, punctuation
    /// dropped, spaces to hyphens, `-1`, `-2` … for repeats).
    static func anchors(in text: String) -> [String] {
        var anchors: [String] = []
        var seen: [String: Int] = [:]
        let idPattern = try! NSRegularExpression(pattern: #"id="([^"]+)""#)
        for (_, line) in proseLines(of: text, keepCode: true) {
            for match in idPattern.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                if let range = Range(match.range(at: 1), in: line) { anchors.append(String(line[range])) }
            }
            guard let heading = line.range(of: "^#{1,6}\\s+", options: .regularExpression) else { continue }
            let title = line[heading.upperBound...].replacingOccurrences(of: "`", with: "").lowercased()
            let slug = String(title.trimmingCharacters(in: .whitespaces).unicodeScalars.compactMap { scalar -> Character? in
                if scalar == " " { return "-" }
                if scalar == "-" || scalar == "_" || CharacterSet.alphanumerics.contains(scalar) { return Character(scalar) }
                return nil
            })
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.append(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }

    /// `a/./b/../c` → `a/c`; a leading `..` that climbs above the root is kept.
    static func normalise(_ path: String) -> String {
        var parts: [String] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }
}
