import Yams

/// Turns a file's text into a `YNode` tree, or diagnostics: size limit, nesting limit, YAML syntax
/// errors with their positions, and the node-visit budget (aliases count each time they are expanded).
public enum YAMLDocument {
    /// Nesting deeper than this is refused before parsing (the YAML composer recurses per level).
    public static let maxDepth = 200

    /// The tree, or nil after adding the diagnostics to `sink`: files over `maxBytes` and documents
    /// of more than `maxNodes` nodes (aliases counted each time they expand) are refused.
    /// An empty document is an error, or with `emptyIsNull` a null scalar at 1:1.
    public static func parse(text: String, file: String, maxBytes: Int, maxNodes: Int, emptyIsNull: Bool = false,
                             into sink: DiagnosticSink) -> YNode? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let size = text.utf8.count
        if size > maxBytes {
            sink.error(start, "file is \(size) bytes, larger than the limit of \(maxBytes) bytes")
            return nil
        }
        if let line = deepNestingLine(text) {
            sink.error(SourceLocation(file: file, line: line, column: 1),
                       "document nests deeper than \(maxDepth) levels")
            return nil
        }
        if let line = aliasKeyLine(text) {
            sink.error(SourceLocation(file: file, line: line, column: 1),
                       "aliases may not be used in mapping keys (complex keys are not supported with aliases)")
            return nil
        }
        let root: Node?
        do {
            root = try compose(yaml: text, Resolver.basic)
        } catch {
            sink.add(syntaxDiagnostic(error, text: text, file: file))
            return nil
        }
        guard let root else {
            if emptyIsNull { return YNode(value: .scalar("", plain: true), location: start) }
            sink.error(start, "expected a mapping, found an empty document")
            return nil
        }
        var budget = NodeBudget(remaining: maxNodes, file: file)
        guard let tree = budget.copy(root) else {
            sink.error(budget.failedAt ?? start, "document expands beyond \(maxNodes) nodes (YAML alias bomb?)")
            return nil
        }
        return tree
    }

    /// A conservative estimate of nesting (flow brackets, indentation, chained `- ` indicators);
    /// returns the first line where it exceeds `maxDepth`.
    static func deepNestingLine(_ text: String) -> Int? {
        var line = 1
        var flowDepth = 0
        var atLineStart = true
        var indent = 0
        var quote: UInt8 = 0
        for byte in text.utf8 {
            if byte == 10 {
                line += 1; atLineStart = true; indent = 0
                continue
            }
            if atLineStart {
                // space, '-', '?': indentation and block indicators
                if byte == 32 || byte == 45 || byte == 63 {
                    indent += 1
                    if indent > maxDepth * 2 { return line }
                    continue
                }
                atLineStart = false
            }
            if quote != 0 {
                if byte == quote { quote = 0 }
                continue
            }
            switch byte {
            case 34, 39: if flowDepth > 0 { quote = byte }
            case 91, 123:
                flowDepth += 1
                if flowDepth > maxDepth { return line }
            case 93, 125: flowDepth = max(0, flowDepth - 1)
            default: break
            }
        }
        return nil
    }

    /// Yams hashes every mapping key while composing; a key built from aliases can expand
    /// exponentially before the node budget applies. When a document uses aliases at all, this
    /// refuses (conservatively, by looking at the text) an alias followed by `:`, a flow collection
    /// followed by `:` (a collection key), and explicit `?` keys. Returns the first such line.
    static func aliasKeyLine(_ text: String) -> Int? {
        let lines = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        guard lines.contains(where: { !aliasEnds(in: $0).isEmpty }) else { return nil }
        for (number, line) in lines.enumerated() {
            for end in aliasEnds(in: line) {
                var j = end
                while j < line.count, line[j] == 32 || line[j] == 9 { j += 1 }
                if j < line.count, line[j] == 58 { return number + 1 }  // `*a :`
            }
            for i in line.indices {
                let next: UInt8 = i + 1 < line.count ? line[i + 1] : 32
                let nextIsBreak = next == 32 || next == 9 || next == 13
                if line[i] == 58, nextIsBreak || next == 44 || next == 93 || next == 125 {
                    var j = i - 1
                    while j >= 0, line[j] == 32 || line[j] == 9 { j -= 1 }
                    if j >= 0, line[j] == 93 || line[j] == 125 { return number + 1 }  // `[..]:` or `{..}:`
                }
                let previous: UInt8 = i > 0 ? line[i - 1] : 32
                let keyStart = previous == 32 || previous == 9 || previous == 123 || previous == 44
                if line[i] == 63, nextIsBreak, keyStart { return number + 1 }  // explicit `? key`
            }
        }
        return nil
    }

    /// Indices just past each alias token (`*name`, name = letters, digits, `-`, `_`) on one line.
    static func aliasEnds(in line: [UInt8]) -> [Int] {
        var ends: [Int] = []
        var i = 0
        while i < line.count {
            let previous: UInt8 = i > 0 ? line[i - 1] : 32
            let starts = previous == 32 || previous == 9 || previous == 91 || previous == 123 || previous == 44
            if line[i] == 42, starts {
                var j = i + 1
                while j < line.count, isAnchorChar(line[j]) { j += 1 }
                if j > i + 1 { ends.append(j) }
                i = j
                continue
            }
            i += 1
        }
        return ends
    }

    static func isAnchorChar(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95
    }

    public static func syntaxDiagnostic(_ error: any Error, text: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
        }
        guard let yamlError = error as? YamlError else {
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) at \($0.mark.line):\($0.mark.column): " } ?? ""
            return Diagnostic(at(mark), "YAML syntax error: \(prefix)\(problem)")
        case .reader(let problem, let offset, _, _):
            return Diagnostic(location(ofCharacter: offset ?? 0, in: text, file: file), "YAML reader error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            let second = secondOccurrence(of: key, after: context.mark, in: text)
            let loc = second.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? at(context.mark)
            return Diagnostic(loc, "duplicate key '\(key)' (first defined at line \(context.mark.line))")
        default:
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "YAML error: \(yamlError)")
        }
    }

    static func location(ofCharacter offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1, index = 0
        for char in text {
            if index >= offset { break }
            if char == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Where the same key appears again at the same column in a later line (block mappings);
    /// Yams only reports the first occurrence.
    static func secondOccurrence(of key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line < lines.count else { return nil }
        for index in mark.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let start = mark.column - 1
            guard start >= 0, start < scalars.count else { continue }
            let rest = String(String.UnicodeScalarView(scalars[start...]))
            let leading = scalars[..<start].allSatisfy { $0 == " " || $0 == "-" }
            if leading, rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
                return (index + 1, mark.column)
            }
        }
        return nil
    }
}

/// Copies a Yams tree, counting every node visited (an alias expands its target again).
struct NodeBudget {
    var remaining: Int
    let file: String
    var failedAt: SourceLocation?

    mutating func copy(_ node: Node) -> YNode? {
        let location = SourceLocation(file: file, line: max(1, node.mark?.line ?? 1), column: max(1, node.mark?.column ?? 1))
        remaining -= 1
        if remaining < 0 {
            if failedAt == nil { failedAt = location }
            return nil
        }
        switch node {
        case .scalar(let scalar):
            return YNode(value: .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any), location: location)
        case .mapping(let mapping):
            var pairs: [(key: YNode, value: YNode)] = []
            for (key, value) in mapping {
                guard let k = copy(key), let v = copy(value) else { return nil }
                pairs.append((k, v))
            }
            return YNode(value: .mapping(pairs), location: location)
        case .sequence(let sequence):
            var items: [YNode] = []
            for item in sequence {
                guard let copied = copy(item) else { return nil }
                items.append(copied)
            }
            return YNode(value: .sequence(items), location: location)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one is treated as null.
            return YNode(value: .scalar("", plain: true), location: location)
        }
    }
}
