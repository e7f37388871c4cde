// Scenario's public types carry ConfigText's `SourceLocation` and throw its `DiagnosticError`;
// whoever imports Scenario gets them (and `Suggest`) too.
@_exported import ConfigText
import SimCore

extension YAMLReader {
    func duration(_ node: YNode) -> SimDuration? {
        let what = "a duration like 90s, 5m or 1h30m"
        guard let text = node.scalarText, !node.isNull, let value = SimDuration.parse(text) else {
            mismatch(node, what); return nil
        }
        return value
    }
}

extension YAMLDocument {
    static func parse(text: String, file: String, limits: LoadLimits, into sink: DiagnosticSink) -> YNode? {
        parse(text: text, file: file, maxBytes: limits.maxBytes, maxNodes: limits.maxNodes, into: sink)
    }
}
