import ConfigText
import Scenario
import SimCore
import Yams

/// Reads a target file (docs/targets.md). Pure: text in, spec or every problem out, each with
/// `file:line:col`, what was expected and, for near-miss keys and values, a did-you-mean.
public enum TargetFileParser {
    static let topKeys = ["name", "description", "uplink", "modbus", "observe", "mapping", "time"] + liveKeys
    static let uplinkKeys = ["url", "profile", "credentials", "token", "caFile"]
    static let modbusKeys = ["listen", "unitIds"]
    static let observeKinds = ["webhook", "poll", "jsonl"]
    static let webhookKeys = ["listen", "path", "subscribe", "publicURL", "token", "requireToken", "secret", "secretHeader",
                              "types"]
    static let pollKeys = ["url", "intervalMs", "timeoutMs", "headers", "token", "cursor", "items"]
    static let cursorKeys = ["param", "field", "start"]
    static let jsonlKeys = ["path", "intervalMs", "fromStart"]
    static let livenessKeys = ["heartbeat", "health"]

    public static func parse(text: String, file: String) throws(DiagnosticError) -> TargetSpec {
        let reader = TargetFileReader(file: file)
        let spec = read(text: text, reader: reader)
        guard reader.diagnostics.isEmpty, let spec else {
            throw DiagnosticError(reader.diagnostics)
        }
        return spec
    }

    static func read(text: String, reader: TargetFileReader) -> TargetSpec? {
        let start = SourceLocation(file: reader.file, line: 1, column: 1)
        guard text.utf8.count <= 1 << 20 else {
            reader.error(start, "file is \(text.utf8.count) bytes, larger than the limit of 1048576 bytes")
            return nil
        }
        let root: Node?
        do {
            root = try compose(yaml: text, Resolver.basic)
        } catch {
            reader.sink.add(YAMLDocument.syntaxDiagnostic(error, text: text, file: reader.file))
            return nil
        }
        guard let root else {
            reader.error(start, "expected a mapping with name and observe, found an empty document")
            return nil
        }
        reader.checkPlaceholders(root)
        guard let top = reader.mapping(root, "the target file", allowed: topKeys) else { return nil }
        var name: String?
        var spec = TargetSpec(name: "", observe: .jsonl(.init(path: "")))
        var observe: TargetSpec.Observation?
        for (key, _, value) in top {
            switch key {
            case "name": name = reader.text(value, "name")
            case "description": spec.description = reader.text(value, "description")
            case "uplink": spec.uplink = readUplink(value, reader)
            case "modbus": spec.modbus = readModbus(value, reader)
            case "observe":
                observe = readObserve(value, reader)
                spec.liveness = readLiveness(value, reader)
            case "mapping": spec.mapping = MappingParser.read(value, reader)
            case "hooks", "epoch", "actions", "reception": readLive(key, value, reader, into: &spec.live)
            default: spec.time = readTime(value, reader) ?? .field
            }
        }
        if !top.contains(where: { $0.key == "name" }) { reader.error(root, "the target file needs 'name'") }
        if !top.contains(where: { $0.key == "observe" }) {
            reader.error(root, "the target file needs 'observe' with one of: \(observeKinds.joined(separator: ", "))")
        }
        guard let name, let observe else { return nil }
        spec.name = name
        spec.observe = observe
        spec.directory = directory(of: reader.file)
        return spec
    }

    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    static func readUplink(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Uplink? {
        guard let entries = reader.mapping(node, "uplink", allowed: uplinkKeys) else { return nil }
        var uplink = TargetSpec.Uplink(url: "")
        var url: String?
        for (key, _, value) in entries {
            switch key {
            case "url": url = reader.url(value, "uplink.url")
            case "profile": uplink.profile = reader.text(value, "uplink.profile")
            case "credentials": uplink.credentials = reader.text(value, "uplink.credentials")
            case "token": uplink.token = reader.text(value, "uplink.token")
            default: uplink.caFile = reader.text(value, "uplink.caFile")
            }
        }
        guard entries.contains(where: { $0.key == "url" }) else {
            reader.error(node, "uplink needs 'url' (where our gateways post, like http://127.0.0.1:8080)")
            return nil
        }
        guard let url else { return nil }
        uplink.url = url
        return uplink
    }

    static func readModbus(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Modbus? {
        guard let entries = reader.mapping(node, "modbus", allowed: modbusKeys) else { return nil }
        var modbus = TargetSpec.Modbus(listen: "")
        for (key, _, value) in entries {
            if key == "listen" {
                modbus.listen = reader.listen(value, "modbus.listen") ?? ""
            } else {
                modbus.unitIds = reader.text(value, "modbus.unitIds")
            }
        }
        guard entries.contains(where: { $0.key == "listen" }) else {
            reader.error(node, "modbus needs 'listen' (host:port where our slaves listen, like 0.0.0.0:5020)")
            return nil
        }
        return modbus
    }

    static func readTime(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.TimeSource? {
        guard let raw = reader.text(node, "time") else { return nil }
        guard let source = TargetSpec.TimeSource(rawValue: raw) else {
            let names = TargetSpec.TimeSource.allCases.map(\.rawValue)
            reader.error(node, "expected one of \(names.joined(separator: ", ")) for time, found '\(raw)'",
                         suggestion: Suggest.closest(to: raw, among: names))
            return nil
        }
        return source
    }

    static func readObserve(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Observation? {
        guard case .mapping(let mapping) = node, !mapping.isEmpty else {
            reader.error(node, "expected a mapping with one of \(observeKinds.joined(separator: ", ")) for observe, "
                + "found \(TargetFileReader.found(node))")
            return nil
        }
        if let mappingKey = mapping.keys.first(where: { $0.string == "mapping" }) {
            reader.error(mappingKey, "'mapping' is a top-level key, not part of observe")
            return nil
        }
        guard let all = reader.mapping(node, "observe", allowed: observeKinds + livenessKeys) else { return nil }
        let entries = all.filter { observeKinds.contains($0.key) }
        if entries.isEmpty && all.count == mapping.count {
            reader.error(node, "observe needs one of \(observeKinds.joined(separator: ", ")) besides \(livenessKeys.joined(separator: " and "))")
        }
        guard entries.count <= 1 else {
            reader.error(entries[1].keyNode,
                         "observe takes exactly one of \(observeKinds.joined(separator: ", ")), found both "
                            + "'\(entries[0].key)' and '\(entries[1].key)'")
            return nil
        }
        guard let entry = entries.first else { return nil }
        let value = entry.value
        switch entry.key {
        case "webhook": return readWebhook(value, reader).map { .webhook($0) }
        case "poll": return readPoll(value, reader).map { .poll($0) }
        default: return readJSONL(value, reader).map { .jsonl($0) }
        }
    }

    static func readWebhook(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Webhook? {
        guard let entries = reader.mapping(node, "observe.webhook", allowed: webhookKeys) else { return nil }
        var hook = TargetSpec.Webhook(listen: "")
        for (key, _, value) in entries {
            switch key {
            case "listen": hook.listen = reader.listen(value, "observe.webhook.listen") ?? ""
            case "path":
                guard let path = reader.text(value, "observe.webhook.path") else { break }
                if path.hasPrefix("/") { hook.path = path } else {
                    reader.error(value, "expected a path starting with '/' for observe.webhook.path, found '\(path)'")
                }
            case "subscribe": hook.subscribe = reader.url(value, "observe.webhook.subscribe")
            case "publicURL": hook.publicURL = reader.url(value, "observe.webhook.publicURL")
            case "token": hook.token = reader.text(value, "observe.webhook.token")
            case "secret": hook.secret = reader.text(value, "observe.webhook.secret")
            case "secretHeader":
                guard let name = reader.text(value, "observe.webhook.secretHeader") else { break }
                if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                    hook.secretHeader = name
                } else {
                    reader.error(value, "expected an HTTP header name (letters, digits, '-') for observe.webhook.secretHeader, found '\(name)'")
                }
            case "types": hook.types = reader.texts(value, "observe.webhook.types") ?? []
            default: hook.requireToken = reader.flag(value, "observe.webhook.requireToken") ?? false
            }
        }
        guard entries.contains(where: { $0.key == "listen" }) else {
            reader.error(node, "observe.webhook needs 'listen' (host:port we receive the target's POSTs on)")
            return nil
        }
        if hook.requireToken && hook.token == nil { reader.error(node, "observe.webhook.requireToken needs 'token'") }
        return hook
    }

    static func readPoll(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Poll? {
        guard let entries = reader.mapping(node, "observe.poll", allowed: pollKeys) else { return nil }
        var poll = TargetSpec.Poll(url: "")
        var cursorGiven = false
        for (key, _, value) in entries {
            switch key {
            case "url": poll.url = reader.url(value, "observe.poll.url") ?? ""
            case "intervalMs": poll.intervalMs = reader.milliseconds(value, "observe.poll.intervalMs") ?? poll.intervalMs
            case "timeoutMs": poll.timeoutMs = reader.milliseconds(value, "observe.poll.timeoutMs") ?? poll.timeoutMs
            case "headers": poll.headers = reader.table(value, "observe.poll.headers") ?? [:]
            case "token": poll.token = reader.text(value, "observe.poll.token")
            case "cursor":
                cursorGiven = true
                poll.cursor = readCursor(value, reader)
            default: poll.items = reader.pointer(value, "observe.poll.items") ?? poll.items
            }
        }
        if !cursorGiven { poll.cursor = .reference }
        guard entries.contains(where: { $0.key == "url" }) else {
            reader.error(node, "observe.poll needs 'url' (the target's event list, like http://127.0.0.1:8080/api/v1/events)")
            return nil
        }
        return poll
    }

    /// `cursor: none` turns the cursor off; otherwise `{param, field, start}`.
    static func readCursor(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Cursor? {
        if case .scalar(let s) = node, s.string == "none" { return nil }
        guard let entries = reader.mapping(node, "observe.poll.cursor", allowed: cursorKeys) else { return nil }
        var cursor = TargetSpec.Cursor(param: "", field: JSONPointer(valid: ""))
        for (key, _, value) in entries {
            switch key {
            case "param": cursor.param = reader.text(value, "observe.poll.cursor.param") ?? ""
            case "field": cursor.field = reader.pointer(value, "observe.poll.cursor.field") ?? cursor.field
            default: cursor.start = reader.text(value, "observe.poll.cursor.start")
            }
        }
        for needed in ["param", "field"] where !entries.contains(where: { $0.key == needed }) {
            reader.error(node, "observe.poll.cursor needs '\(needed)' (or write 'cursor: none')")
        }
        return cursor
    }

    static func readJSONL(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.JSONL? {
        guard let entries = reader.mapping(node, "observe.jsonl", allowed: jsonlKeys) else { return nil }
        var jsonl = TargetSpec.JSONL(path: "")
        for (key, _, value) in entries {
            switch key {
            case "path": jsonl.path = reader.text(value, "observe.jsonl.path") ?? ""
            case "intervalMs": jsonl.intervalMs = reader.milliseconds(value, "observe.jsonl.intervalMs") ?? jsonl.intervalMs
            default: jsonl.fromStart = reader.flag(value, "observe.jsonl.fromStart") ?? false
            }
        }
        guard entries.contains(where: { $0.key == "path" }) else {
            reader.error(node, "observe.jsonl needs 'path' (the file the target appends events to)")
            return nil
        }
        return jsonl
    }
}
