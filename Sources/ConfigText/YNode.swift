import Yams

/// A YAML node copied out of Yams with its position, after aliases were expanded under a budget.
/// Walking this tree is then free of surprises: it is finite and every node knows where it came from.
public struct YNode: Sendable {
    public enum Value: Sendable {
        /// `plain` is true for unquoted scalars (only those can be `null`, numbers or booleans).
        case scalar(String, plain: Bool)
        case mapping([(key: YNode, value: YNode)])
        case sequence([YNode])
    }

    public var value: Value
    public var location: SourceLocation

    public init(value: Value, location: SourceLocation) { self.value = value; self.location = location }

    public var isNull: Bool {
        if case .scalar(let text, let plain) = value { return plain && YNode.nullWords.contains(text) }
        return false
    }

    /// The scalar's text, nil for collections.
    public var scalarText: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    /// What was found, for messages: `'soon'`, `null`, `a mapping`, `a list`.
    public var found: String {
        switch value {
        case .scalar(let text, _):
            if isNull { return "null" }
            return "'\(YNode.clip(text))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    public static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    public static func clip(_ text: String) -> String {
        let oneLine = text.replacingNewlines()
        return oneLine.count > 40 ? String(oneLine.prefix(40)) + "…" : oneLine
    }
}

extension String {
    public func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
