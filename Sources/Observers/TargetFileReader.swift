import ConfigText
import Scenario
import SimCore
import Yams

/// Typed reading of Yams nodes for the target file. Problems are collected (not thrown), each with
/// `file:line:col`, what was expected and what was found, so one run reports all of them.
///
/// Underneath it is the one config reader's (`ConfigText`): its `Diagnostic`, its `DiagnosticSink`
/// (file order, line, column; duplicates once), its syntax messages and its words for what was found.
final class TargetFileReader {
    let file: String
    let sink = DiagnosticSink()
    var diagnostics: [Diagnostic] { sink.sorted }

    init(file: String) {
        self.file = file
        sink.register(file: file)
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: max(1, node.mark?.line ?? 1), column: max(1, node.mark?.column ?? 1))
    }

    func error(_ node: Node, _ message: String, suggestion: String? = nil) {
        sink.error(location(node), message, suggestion: suggestion)
    }

    func error(_ location: SourceLocation, _ message: String) {
        sink.error(location, message)
    }

    static func found(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            if s.style == .plain && YNode.nullWords.contains(s.string) { return "null" }
            return "'\(YNode.clip(s.string))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A mapping's entries in order; unknown keys are reported (with a did-you-mean) and left out.
    func mapping(_ node: Node, _ what: String, allowed: [String]) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error(node, "expected a mapping for \(what), found \(Self.found(node))")
            return nil
        }
        var out: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error(key, "expected a text key in \(what), found \(Self.found(key))")
                continue
            }
            let name = scalar.string
            guard allowed.contains(name) else {
                error(key, "unknown key '\(name)' in \(what) (expected one of: \(allowed.joined(separator: ", ")))",
                      suggestion: Suggest.closest(to: name, among: allowed))
                continue
            }
            out.append((name, key, value))
        }
        return out
    }

    /// Any mapping of text to text (tables, headers).
    func table(_ node: Node, _ what: String) -> [String: String]? {
        guard case .mapping(let mapping) = node else {
            error(node, "expected a mapping of text to text for \(what), found \(Self.found(node))")
            return nil
        }
        var out: [String: String] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                error(key, "expected a text key in \(what), found \(Self.found(key))")
                continue
            }
            if let v = text(value, "\(what).\(k.string)") { out[k.string] = v }
        }
        return out
    }

    func text(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, Self.found(node) != "null" else {
            error(node, "expected text for \(what), found \(Self.found(node))")
            return nil
        }
        return scalar.string
    }

    func texts(_ node: Node, _ what: String) -> [String]? {
        guard case .sequence(let items) = node else {
            error(node, "expected a list of text for \(what), found \(Self.found(node))")
            return nil
        }
        return items.compactMap { text($0, "an item of \(what)") }
    }

    func milliseconds(_ node: Node, _ what: String, minimum: Int64 = 1) -> Int64? {
        guard case .scalar(let scalar) = node, let value = Int64(scalar.string), value >= minimum, value <= 86_400_000 else {
            error(node, "expected a whole number of milliseconds (\(minimum) to 86400000) for \(what), found \(Self.found(node))")
            return nil
        }
        return value
    }

    func number(_ node: Node, _ what: String) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite, value > 0 else {
            error(node, "expected a positive number for \(what), found \(Self.found(node))")
            return nil
        }
        return value
    }

    func flag(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar(let scalar) = node, ["true", "false"].contains(scalar.string) else {
            error(node, "expected true or false for \(what), found \(Self.found(node))")
            return nil
        }
        return scalar.string == "true"
    }

    func pointer(_ node: Node, _ what: String) -> JSONPointer? {
        guard let raw = text(node, what) else { return nil }
        do {
            return try JSONPointer(raw)
        } catch {
            self.error(node, "expected a JSON pointer (RFC 6901, like /alarm/level) for \(what): \(error.message)")
            return nil
        }
    }

    /// `host:port` (a port from 0 to 65535; host may be a name, IPv4 or `[IPv6]`; placeholders allowed).
    func listen(_ node: Node, _ what: String) -> String? {
        guard let raw = text(node, what) else { return nil }
        if raw.contains("${") { return raw }
        guard let colon = raw.lastIndex(of: ":"), let port = Int(raw[raw.index(after: colon)...]), (0...65535).contains(port),
              colon != raw.startIndex
        else {
            error(node, "expected host:port for \(what) (like 127.0.0.1:9300), found '\(raw)'")
            return nil
        }
        return raw
    }

    /// An http(s) URL (placeholders allowed).
    func url(_ node: Node, _ what: String) -> String? {
        guard let raw = text(node, what) else { return nil }
        guard raw.hasPrefix("http://") || raw.hasPrefix("https://") || raw.hasPrefix("${") else {
            error(node, "expected an http:// or https:// URL for \(what), found '\(raw)'")
            return nil
        }
        return raw
    }

    /// Checks `${NAME}` / `${NAME:-default}` placeholders in every scalar are well formed.
    func checkPlaceholders(_ node: Node) {
        switch node {
        case .scalar(let s):
            if let problem = Placeholders.syntaxProblem(in: s.string) { error(node, problem) }
        case .mapping(let m): for (k, v) in m { checkPlaceholders(k); checkPlaceholders(v) }
        case .sequence(let items): for item in items { checkPlaceholders(item) }
        case .alias: break
        }
    }
}
