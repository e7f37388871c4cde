/// A position in a source file (1-based line and column).
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in a configuration file (scenario, plant, rules, target, profile): where, what was found, what was expected.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    /// A near-miss correction, shown as `(did you mean 'X'?)`.
    public var suggestion: String?

    public init(_ location: SourceLocation, _ message: String, suggestion: String? = nil) {
        self.location = location; self.message = message; self.suggestion = suggestion
    }

    public var description: String {
        var text = "\(location): error: \(message)"
        if let suggestion { text += " (did you mean '\(suggestion)'?)" }
        return text
    }
}

/// All diagnostics of a failed load, in file order.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
