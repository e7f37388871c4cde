/// `${NAME}` and `${NAME:-default}` in target-file strings (names: letters, digits, `_`).
public enum Placeholders {
    /// Why a placeholder is malformed (an unclosed `${`, an empty or invalid name), or nil.
    static func syntaxProblem(in text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                return "unclosed placeholder '\(rest[open.lowerBound...])' (write ${NAME} or ${NAME:-default})"
            }
            let body = rest[open.upperBound..<close]
            let name = body.range(of: ":-").map { body[..<$0.lowerBound] } ?? body
            guard isName(name) else {
                return "invalid placeholder '${\(body)}' (a name of letters, digits and _, like ${PORT})"
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    static func isName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// `text` with placeholders replaced; names neither in `variables` nor with a default go to `missing`.
    public static func substitute(_ text: String, _ variables: [String: String], missing: inout [String]) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            out += rest[..<open.lowerBound]
            let body = rest[open.upperBound..<close]
            let split = body.range(of: ":-")
            let name = String(split.map { body[..<$0.lowerBound] } ?? body)
            if let value = variables[name] {
                out += value
            } else if let split {
                out += body[split.upperBound...]
            } else {
                if !missing.contains(name) { missing.append(name) }
                out += "${\(body)}"
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

/// Placeholders a target file uses that were given no value.
public struct UnresolvedPlaceholders: Error, Hashable, Sendable, CustomStringConvertible {
    public var target: String
    public var names: [String]
    public var description: String {
        "target '\(target)': no value for " + names.map { "${\($0)}" }.joined(separator: ", ")
            + " (set the environment variable, or give the CLI option that fills it)"
    }
}

extension TargetSpec {
    /// The spec with `${NAME}` placeholders filled from `variables` (the CLI passes the process
    /// environment plus `PORT` = the reference server's port when it runs one) and relative file
    /// paths made relative to `directory`. Throws when a placeholder without a default has no value.
    public func resolving(_ variables: [String: String]) throws(UnresolvedPlaceholders) -> TargetSpec {
        var missing: [String] = []
        func s(_ text: String) -> String { Placeholders.substitute(text, variables, missing: &missing) }
        func o(_ text: String?) -> String? { text.map(s) }
        func path(_ text: String?) -> String? {
            guard let text = text.map(s) else { return nil }
            return text.hasPrefix("/") || directory.isEmpty ? text : directory + "/" + text
        }
        var spec = self
        if var u = spec.uplink {
            u.url = s(u.url); u.profile = path(u.profile); u.credentials = path(u.credentials); u.token = o(u.token)
            u.caFile = path(u.caFile)
            spec.uplink = u
        }
        if var m = spec.modbus { m.listen = s(m.listen); spec.modbus = m }
        switch spec.observe {
        case .webhook(var w):
            w.listen = s(w.listen); w.path = s(w.path); w.subscribe = o(w.subscribe); w.publicURL = o(w.publicURL)
            w.token = o(w.token); w.secret = o(w.secret)
            spec.observe = .webhook(w)
        case .poll(var p):
            p.url = s(p.url); p.token = o(p.token); p.headers = p.headers.mapValues(s)
            spec.observe = .poll(p)
        case .jsonl(var j):
            j.path = path(j.path) ?? j.path
            spec.observe = .jsonl(j)
        }
        if var h = spec.liveness.health { h.url = s(h.url); h.token = o(h.token); spec.liveness.health = h }
        guard missing.isEmpty else { throw UnresolvedPlaceholders(target: name, names: missing) }
        return spec
    }
}
