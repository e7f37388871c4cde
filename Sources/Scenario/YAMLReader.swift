import SimCore

/// Collects diagnostics while one load runs (never shared across threads).
final class DiagnosticSink {
    private(set) var items: [Diagnostic] = []
    private var fileOrder: [String: Int] = [:]

    /// Files registered first sort first (the file being loaded, before the files it names).
    func register(file: String) {
        if fileOrder[file] == nil { fileOrder[file] = fileOrder.count }
    }

    func add(_ diagnostic: Diagnostic) {
        if fileOrder[diagnostic.location.file] == nil { fileOrder[diagnostic.location.file] = fileOrder.count }
        if !items.contains(diagnostic) { items.append(diagnostic) }
    }

    func error(_ location: SourceLocation, _ message: String, suggestion: String? = nil) {
        add(Diagnostic(location, message, suggestion: suggestion))
    }

    var count: Int { items.count }

    /// Sorted by file (in the order files were first reported), then line, then column; stable.
    var sorted: [Diagnostic] {
        let ranked = items.enumerated().map { (offset: $0.offset, item: $0.element) }
        return ranked.sorted { a, b in
            let fa = fileOrder[a.item.location.file] ?? 0, fb = fileOrder[b.item.location.file] ?? 0
            if fa != fb { return fa < fb }
            if a.item.location.line != b.item.location.line { return a.item.location.line < b.item.location.line }
            if a.item.location.column != b.item.location.column { return a.item.location.column < b.item.location.column }
            return a.offset < b.offset
        }.map(\.item)
    }
}

/// Typed reading of scalars; every failure becomes a diagnostic at the node and a nil result.
struct YAMLReader {
    let sink: DiagnosticSink

    func mismatch(_ node: YNode, _ expected: String) {
        sink.error(node.location, "expected \(expected), found \(node.found)")
    }

    func string(_ node: YNode, _ what: String = "a text") -> String? {
        guard let text = node.scalarText, !node.isNull else { mismatch(node, what); return nil }
        return text
    }

    /// A text or `null` (nil): `.some(nil)` for null, nil on a type error.
    func optionalString(_ node: YNode?) -> String?? {
        guard let node else { return .some(nil) }
        if node.isNull { return .some(nil) }
        guard let text = string(node) else { return nil }
        return .some(text)
    }

    func number(_ node: YNode, _ what: String = "a number") -> Double? {
        guard node.isPlainScalar, let text = node.scalarText, let value = YAMLReader.parseNumber(text) else {
            mismatch(node, what); return nil
        }
        return value
    }

    func integer(_ node: YNode, _ what: String = "a whole number") -> Int? {
        guard let value = number(node, what) else { return nil }
        guard value == value.rounded(), abs(value) < 9.0e15, let int = Int(exactly: value) else {
            mismatch(node, what); return nil
        }
        return int
    }

    func uint64(_ node: YNode, _ what: String = "a whole number from 0 to 18446744073709551615") -> UInt64? {
        guard node.isPlainScalar, let text = node.scalarText else { mismatch(node, what); return nil }
        let digits = text.replacingOccurrences("_", "")
        guard let value = UInt64(digits) else { mismatch(node, what); return nil }
        return value
    }

    func bool(_ node: YNode) -> Bool? {
        guard node.isPlainScalar, let text = node.scalarText?.lowercased(), text == "true" || text == "false" else {
            mismatch(node, "true or false"); return nil
        }
        return text == "true"
    }

    func duration(_ node: YNode) -> SimDuration? {
        let what = "a duration like 90s, 5m or 1h30m"
        guard let text = node.scalarText, !node.isNull, let value = SimDuration.parse(text) else {
            mismatch(node, what); return nil
        }
        return value
    }

    /// One of `allowed`, with a did-you-mean suggestion on a near miss.
    func choice(_ node: YNode, _ allowed: [String], what: String) -> String? {
        guard let text = node.scalarText, !node.isNull else {
            mismatch(node, "\(what) (one of \(allowed.joined(separator: ", ")))"); return nil
        }
        guard allowed.contains(text) else {
            let hint = Suggest.closest(to: text, among: allowed)
            let listing = hint == nil ? " (expected one of \(allowed.joined(separator: ", ")))" : ""
            sink.error(node.location, "unknown \(what) '\(YNode.clip(text))'\(listing)", suggestion: hint)
            return nil
        }
        return text
    }

    /// A list of texts; a single scalar is not accepted (write `[a]`).
    func stringList(_ node: YNode, _ what: String = "a list of texts") -> [String]? {
        if node.isNull { return [] }
        guard case .sequence(let items) = node.value else { mismatch(node, what); return nil }
        var out: [String] = []
        for item in items {
            guard let text = string(item) else { return nil }
            out.append(text)
        }
        return out
    }

    func sequence(_ node: YNode, _ what: String = "a list") -> [YNode]? {
        guard case .sequence(let items) = node.value else { mismatch(node, what); return nil }
        return items
    }

    /// Numbers as YAML writes them: `80`, `-1.5`, `1e3`, `1_000` (no `.inf`/`.nan`).
    static func parseNumber(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences("_", "")
        guard let first = cleaned.unicodeScalars.first, first.isDigitOrSign else { return nil }
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }
}

extension YNode {
    var isPlainScalar: Bool {
        if case .scalar(_, let plain) = value { return plain }
        return false
    }
}

extension Unicode.Scalar {
    fileprivate var isDigitOrSign: Bool { (value >= 48 && value <= 57) || value == 45 || value == 43 || value == 46 }
}

extension String {
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for char in self { if char == target { out += replacement } else { out.append(char) } }
        return out
    }
}

/// Reads one mapping: reports unknown keys (with suggestions) up front, then hands out values.
struct MapReader {
    let node: YNode
    let what: String
    private var entries: [String: YNode] = [:]
    private var keyLocations: [String: SourceLocation] = [:]
    let reader: YAMLReader

    /// Nil (and a diagnostic) when `node` is not a mapping.
    init?(_ node: YNode, what: String, keys: [String], reader: YAMLReader) {
        guard case .mapping(let pairs) = node.value else {
            reader.mismatch(node, "a mapping for \(what)")
            return nil
        }
        self.node = node; self.what = what; self.reader = reader
        for pair in pairs {
            guard let key = pair.key.scalarText else {
                reader.sink.error(pair.key.location, "expected a text key in \(what), found \(pair.key.found)")
                continue
            }
            guard keys.contains(key) else {
                reader.sink.error(pair.key.location, "unknown key '\(YNode.clip(key))' in \(what)",
                                  suggestion: Suggest.closest(to: key, among: keys))
                continue
            }
            entries[key] = pair.value
            keyLocations[key] = pair.key.location
        }
    }

    subscript(key: String) -> YNode? { entries[key] }
    func has(_ key: String) -> Bool { entries[key] != nil }
    func keyLocation(_ key: String) -> SourceLocation { keyLocations[key] ?? node.location }

    /// The value of a required key; a diagnostic at the mapping when it is missing.
    func require(_ key: String) -> YNode? {
        guard let value = entries[key] else {
            reader.sink.error(node.location, "missing required key '\(key)' in \(what)")
            return nil
        }
        return value
    }

    /// Present and not `null`.
    func present(_ key: String) -> YNode? {
        guard let value = entries[key], !value.isNull else { return nil }
        return value
    }
}
