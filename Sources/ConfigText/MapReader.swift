/// Reads one mapping: reports unknown keys (with suggestions) up front, then hands out values.
public struct MapReader {
    public let node: YNode
    public let what: String
    private var entries: [String: YNode] = [:]
    private var keyLocations: [String: SourceLocation] = [:]
    public let reader: YAMLReader

    /// Nil (and a diagnostic) when `node` is not a mapping.
    public init?(_ node: YNode, what: String, keys: [String], reader: YAMLReader) {
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

    public subscript(key: String) -> YNode? { entries[key] }
    public func has(_ key: String) -> Bool { entries[key] != nil }
    public func keyLocation(_ key: String) -> SourceLocation { keyLocations[key] ?? node.location }

    /// The value of a required key; a diagnostic at the mapping when it is missing.
    public func require(_ key: String) -> YNode? {
        guard let value = entries[key] else {
            reader.sink.error(node.location, "missing required key '\(key)' in \(what)")
            return nil
        }
        return value
    }

    /// Present and not `null`.
    public func present(_ key: String) -> YNode? {
        guard let value = entries[key], !value.isNull else { return nil }
        return value
    }
}
