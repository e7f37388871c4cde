import ConfigText
import UplinkProfile

/// A profile file: how one province's or vendor's platform wants the uplink (endpoints, field
/// names, envelope, authentication). See docs/uplink-profile.md, "Profile files".
///
/// ```yaml
/// name: province-x
/// endpoints: { basic: /api/basic, readings: /api/data, alarms: /api/alarm, heartbeat: /api/heart }
/// fields: { companyCode: qyCode, datas: data, targetCode: zbCode, collectTime: cjsj }
/// envelope: sm4      # or plain
/// auth: { header: appsecret }   # or { bearer: true }
/// ```
public struct ProfileFile: Hashable, Sendable {
    public enum EnvelopeKind: String, Hashable, Sendable, CaseIterable {
        /// The payload JSON is the body.
        case plain
        /// The body is `{"appid", "data"}` with the payload SM4-CBC encrypted (`EnvelopeCodec`).
        case sm4
    }

    public enum Auth: Hashable, Sendable {
        /// `Authorization: Bearer <token>`.
        case bearer
        /// The app secret in this header (`appsecret` for the MEM envelope).
        case secretHeader(String)
        /// No credentials sent.
        case none
    }

    public var name: String
    public var endpoints: UplinkEndpoints
    public var fields: FieldMapping
    public var envelope: EnvelopeKind
    public var auth: Auth

    public init(name: String, endpoints: UplinkEndpoints = .default, fields: FieldMapping = .identity,
                envelope: EnvelopeKind = .plain, auth: Auth = .bearer)
    {
        self.name = name; self.endpoints = endpoints; self.fields = fields; self.envelope = envelope; self.auth = auth
    }

    /// The default profile: default endpoints and keys, plain JSON, bearer token.
    public static let `default` = ProfileFile(name: UplinkProfile.name)

    /// The envelope codec of this profile (its secret header when `auth` is a header).
    public var envelopeCodec: EnvelopeCodec {
        if case .secretHeader(let header) = auth { return EnvelopeCodec(secretHeader: header) }
        return .default
    }

    static let topKeys = ["name", "endpoints", "fields", "envelope", "auth"]
    static let endpointKeys = ["basic", "readings", "alarms", "heartbeat"]
    static let authKeys = ["header", "bearer"]

    /// Parses a profile file; every problem is reported at once, with `file:line:col`.
    /// The largest profile file read.
    public static let maxBytes = 1 << 20

    public static func parse(_ text: String, file: String) throws(DiagnosticError) -> ProfileFile {
        let sink = DiagnosticSink()
        var problems = Problems(sink: sink)
        guard let root = YAMLDocument.parse(text: text, file: file, maxBytes: maxBytes, maxNodes: 100_000, into: sink)
        else { throw DiagnosticError(sink.sorted) }
        guard let top = problems.mapping(root, what: "the profile", keys: topKeys) else {
            throw DiagnosticError(sink.sorted)
        }
        var profile = ProfileFile(name: "")
        if let node = top["name"] {
            profile.name = problems.string(node) ?? ""
            if profile.name.isEmpty, node.scalarText != nil { problems.add(node, "expected a non-empty name") }
        } else {
            problems.add(root, "missing required key 'name' in the profile")
        }
        if let node = top["endpoints"], let map = problems.mapping(node, what: "endpoints", keys: endpointKeys) {
            for kind in PayloadKind.allCases {
                guard let value = map[kind.rawValue], let path = problems.string(value) else { continue }
                guard path.hasPrefix("/"), !path.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) else {
                    problems.add(value, "expected a path starting with '/' (no spaces, query or fragment), found '\(path)'")
                    continue
                }
                switch kind {
                case .basic: profile.endpoints.basic = path
                case .readings: profile.endpoints.readings = path
                case .alarms: profile.endpoints.alarms = path
                case .heartbeat: profile.endpoints.heartbeat = path
                }
            }
            let paths = PayloadKind.allCases.map { profile.endpoints.path(for: $0) }
            if Set(paths).count != paths.count { problems.add(node, "two payload kinds share one endpoint path: \(paths.joined(separator: ", "))") }
        }
        if let node = top["fields"] { profile.fields = fields(node, &problems) }
        if let node = top["envelope"], let text = problems.string(node) {
            if let kind = EnvelopeKind(rawValue: text) {
                profile.envelope = kind
            } else {
                problems.add(node, "unknown envelope '\(text)' (expected plain or sm4)",
                             suggestion: Suggest.closest(to: text, among: EnvelopeKind.allCases.map(\.rawValue)))
            }
        }
        profile.auth = profile.envelope == .sm4 ? .secretHeader(EnvelopeCodec.defaultSecretHeader) : .bearer
        if let node = top["auth"], let map = problems.mapping(node, what: "auth", keys: authKeys) {
            let header = map["header"].flatMap { problems.string($0) }
            let bearer = map["bearer"].flatMap { problems.bool($0) }
            switch (header, bearer) {
            case (let header?, true?): problems.add(node, "auth takes either 'header: \(header)' or 'bearer: true', not both")
            case (let header?, _):
                if header.isEmpty || header.contains(where: { $0 == " " || $0 == ":" }) {
                    problems.add(map["header"], "expected an HTTP header name, found '\(header)'")
                } else {
                    profile.auth = .secretHeader(header.lowercased())
                }
            case (nil, true?): profile.auth = .bearer
            case (nil, false?): profile.auth = .none
            case (nil, nil): break
            }
        }
        guard sink.count == 0 else { throw DiagnosticError(sink.sorted) }
        return profile
    }

    static func fields(_ node: YNode, _ problems: inout Problems) -> FieldMapping {
        guard case .mapping(let mapping) = node.value else {
            problems.add(node, "expected a mapping of default key → profile key for fields, found \(node.found)")
            return .identity
        }
        var rules: [String: String] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = problems.string(keyNode), let value = problems.string(valueNode) else { continue }
            let segments = FieldMapping.segments(key)
            if let unknown = segments.first(where: { !DefaultProfileKeys.all.contains($0) }) {
                problems.add(keyNode, "unknown default-profile key '\(unknown)' in fields",
                             suggestion: Suggest.closest(to: unknown, among: DefaultProfileKeys.all.sorted()))
                continue
            }
            rules[key] = value
        }
        do {
            return try FieldMapping(rules)
        } catch {
            problems.add(node, "fields: \(error)")
            return .identity
        }
    }
}

/// All problems of a profile file: the `DiagnosticError` every loader throws.
public typealias ProfileFileError = DiagnosticError

/// Collects diagnostics while a profile file is read (into the sink every loader uses).
struct Problems {
    let sink: DiagnosticSink

    func add(_ node: YNode?, _ message: String, suggestion: String? = nil) {
        let location = node?.location ?? SourceLocation(file: "", line: 1, column: 1)
        sink.error(location, message, suggestion: suggestion)
    }

    func string(_ node: YNode) -> String? {
        guard let text = node.scalarText else {
            add(node, "expected a text, found \(node.found)")
            return nil
        }
        return text
    }

    func bool(_ node: YNode) -> Bool? {
        guard let text = node.scalarText?.lowercased(), ["true", "false"].contains(text) else {
            add(node, "expected true or false, found \(node.found)")
            return nil
        }
        return text == "true"
    }

    /// The mapping's values by key; unknown keys are reported with a suggestion.
    func mapping(_ node: YNode, what: String, keys: [String]) -> [String: YNode]? {
        guard case .mapping(let mapping) = node.value else {
            add(node, "expected a mapping for \(what), found \(node.found)")
            return nil
        }
        var out: [String: YNode] = [:]
        for (keyNode, value) in mapping {
            guard let key = string(keyNode) else { continue }
            guard keys.contains(key) else {
                add(keyNode, "unknown key '\(key)' in \(what) (expected \(keys.joined(separator: ", ")))",
                    suggestion: Suggest.closest(to: key, among: keys))
                continue
            }
            out[key] = value
        }
        return out
    }
}
