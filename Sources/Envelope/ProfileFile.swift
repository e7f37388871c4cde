import SimCore
import UplinkProfile
import Yams

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
    public static func parse(_ text: String, file: String) throws -> ProfileFile {
        var problems = Problems(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ProfileFileError([ProfileDiagnostic(file: file, line: 1, column: 1, message: "YAML syntax error: \(error)")])
        }
        guard let root, let top = problems.mapping(root, what: "the profile", keys: topKeys) else {
            if root == nil { problems.add(nil, "expected a mapping, found an empty document") }
            throw ProfileFileError(problems.items)
        }
        var profile = ProfileFile(name: "")
        if let node = top["name"] {
            profile.name = problems.string(node) ?? ""
            if profile.name.isEmpty, node.scalar != nil { problems.add(node, "expected a non-empty name") }
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
        guard problems.items.isEmpty else { throw ProfileFileError(problems.items) }
        return profile
    }

    static func fields(_ node: Node, _ problems: inout Problems) -> FieldMapping {
        guard case .mapping(let mapping) = node else {
            problems.add(node, "expected a mapping of default key → profile key for fields, found \(Problems.found(node))")
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

/// One problem in a profile file.
public struct ProfileDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var suggestion: String?

    public var description: String {
        "\(file):\(line):\(column): error: \(message)" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    }
}

/// All problems of a profile file, one per line.
public struct ProfileFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var diagnostics: [ProfileDiagnostic]
    public init(_ diagnostics: [ProfileDiagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a profile file is read.
struct Problems {
    let file: String
    var items: [ProfileDiagnostic] = []

    mutating func add(_ node: Node?, _ message: String, suggestion: String? = nil) {
        let mark = node?.mark
        items.append(ProfileDiagnostic(file: file, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1),
                                       message: message, suggestion: suggestion))
    }

    static func found(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    mutating func string(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else {
            add(node, "expected a text, found \(Self.found(node))")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node, ["true", "false"].contains(scalar.string.lowercased()) else {
            add(node, "expected true or false, found \(Self.found(node))")
            return nil
        }
        return scalar.string.lowercased() == "true"
    }

    /// The mapping's values by key; unknown keys are reported with a suggestion.
    mutating func mapping(_ node: Node, what: String, keys: [String]) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            add(node, "expected a mapping for \(what), found \(Self.found(node))")
            return nil
        }
        var out: [String: Node] = [:]
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
