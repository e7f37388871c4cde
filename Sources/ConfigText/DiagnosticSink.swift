/// Collects diagnostics while one load runs (never shared across threads).
public final class DiagnosticSink {
    public init() {}

    public private(set) var items: [Diagnostic] = []
    private var fileOrder: [String: Int] = [:]

    /// Files registered first sort first (the file being loaded, before the files it names).
    public func register(file: String) {
        if fileOrder[file] == nil { fileOrder[file] = fileOrder.count }
    }

    public func add(_ diagnostic: Diagnostic) {
        if fileOrder[diagnostic.location.file] == nil { fileOrder[diagnostic.location.file] = fileOrder.count }
        if !items.contains(diagnostic) { items.append(diagnostic) }
    }

    public func error(_ location: SourceLocation, _ message: String, suggestion: String? = nil) {
        add(Diagnostic(location, message, suggestion: suggestion))
    }

    public var count: Int { items.count }

    /// Sorted by file (in the order files were first reported), then line, then column; stable.
    public var sorted: [Diagnostic] {
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
