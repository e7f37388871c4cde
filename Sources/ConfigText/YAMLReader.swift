/// Typed reading of scalars; every failure becomes a diagnostic at the node and a nil result.
public struct YAMLReader {
    public let sink: DiagnosticSink

    public init(sink: DiagnosticSink) { self.sink = sink }

    public func mismatch(_ node: YNode, _ expected: String) {
        sink.error(node.location, "expected \(expected), found \(node.found)")
    }

    public func string(_ node: YNode, _ what: String = "a text") -> String? {
        guard let text = node.scalarText, !node.isNull else { mismatch(node, what); return nil }
        return text
    }

    /// A text or `null` (nil): `.some(nil)` for null, nil on a type error.
    public func optionalString(_ node: YNode?) -> String?? {
        guard let node else { return .some(nil) }
        if node.isNull { return .some(nil) }
        guard let text = string(node) else { return nil }
        return .some(text)
    }

    public func number(_ node: YNode, _ what: String = "a number") -> Double? {
        guard node.isPlainScalar, let text = node.scalarText, let value = YAMLReader.parseNumber(text) else {
            mismatch(node, what); return nil
        }
        return value
    }

    public func integer(_ node: YNode, _ what: String = "a whole number") -> Int? {
        guard let value = number(node, what) else { return nil }
        guard value == value.rounded(), abs(value) < 9.0e15, let int = Int(exactly: value) else {
            mismatch(node, what); return nil
        }
        return int
    }

    public func uint64(_ node: YNode, _ what: String = "a whole number from 0 to 18446744073709551615") -> UInt64? {
        guard node.isPlainScalar, let text = node.scalarText else { mismatch(node, what); return nil }
        let digits = text.replacingOccurrences("_", "")
        guard let value = UInt64(digits) else { mismatch(node, what); return nil }
        return value
    }

    public func bool(_ node: YNode) -> Bool? {
        guard node.isPlainScalar, let text = node.scalarText?.lowercased(), text == "true" || text == "false" else {
            mismatch(node, "true or false"); return nil
        }
        return text == "true"
    }

    /// One of `allowed`, with a did-you-mean suggestion on a near miss.
    public func choice(_ node: YNode, _ allowed: [String], what: String) -> String? {
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
    public func stringList(_ node: YNode, _ what: String = "a list of texts") -> [String]? {
        if node.isNull { return [] }
        guard case .sequence(let items) = node.value else { mismatch(node, what); return nil }
        var out: [String] = []
        for item in items {
            guard let text = string(item) else { return nil }
            out.append(text)
        }
        return out
    }

    public func sequence(_ node: YNode, _ what: String = "a list") -> [YNode]? {
        guard case .sequence(let items) = node.value else { mismatch(node, what); return nil }
        return items
    }

    /// Numbers as YAML writes them: `80`, `-1.5`, `1e3`, `1_000` (no `.inf`/`.nan`).
    public static func parseNumber(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences("_", "")
        guard let first = cleaned.unicodeScalars.first, first.isDigitOrSign else { return nil }
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }
}

extension YNode {
    public var isPlainScalar: Bool {
        if case .scalar(_, let plain) = value { return plain }
        return false
    }
}

extension Unicode.Scalar {
    fileprivate var isDigitOrSign: Bool { (value >= 48 && value <= 57) || value == 45 || value == 43 || value == 46 }
}

extension String {
    public func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for char in self { if char == target { out += replacement } else { out.append(char) } }
        return out
    }
}
