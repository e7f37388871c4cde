import Scenario
import SimCore
import Yams

/// `hooks`, `epoch` and `actions` of a target file (docs/targets.md, "Hooks, epoch and actions").
extension TargetFileParser {
    static let liveKeys = ["hooks", "epoch", "actions", "reception"]
    static let hookPhases = ["before", "after"]
    static let requestKeys = ["method", "url", "headers", "body", "expectStatus"]
    static let actionNames = ["maintenance", "endMaintenance", "disablePoint", "enablePoint"]
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    /// Reads one of `liveKeys` into `settings`.
    static func readLive(_ key: String, _ node: Node, _ reader: TargetFileReader, into settings: inout LiveSettings) {
        switch key {
        case "hooks":
            guard let entries = reader.mapping(node, "hooks", allowed: hookPhases) else { return }
            for (phase, _, value) in entries {
                let hooks = readHooks(value, "hooks.\(phase)", reader)
                if phase == "before" { settings.before = hooks } else { settings.after = hooks }
            }
        case "epoch":
            guard let raw = reader.text(node, "epoch") else { return }
            guard let choice = LiveSettings.EpochChoice(rawValue: raw) else {
                let names = LiveSettings.EpochChoice.allCases.map(\.rawValue)
                reader.error(node, "expected one of \(names.joined(separator: ", ")) for epoch, found '\(raw)'",
                             suggestion: Suggest.closest(to: raw, among: names))
                return
            }
            settings.epoch = choice
        case "reception": settings.reception = readReception(node, reader)
        default:
            guard let entries = reader.mapping(node, "actions", allowed: actionNames) else { return }
            for (name, _, value) in entries {
                if let request = readRequest(value, "actions.\(name)", reader) { settings.actions[name] = request }
            }
        }
    }

    static func readHooks(_ node: Node, _ what: String, _ reader: TargetFileReader) -> [LiveSettings.Hook] {
        guard case .sequence(let items) = node else {
            reader.error(node, "expected a list of hooks ({url: …} or {command: …}) for \(what), found \(TargetFileReader.found(node))")
            return []
        }
        return items.enumerated().compactMap { index, item -> LiveSettings.Hook? in
            let name = "\(what)[\(index)]"
            if case .mapping(let m) = item, m.keys.contains(where: { $0.string == "command" }) {
                guard let entries = reader.mapping(item, name, allowed: ["command"]), let value = entries.first?.value,
                      let command = reader.text(value, "\(name).command")
                else { return nil }
                return .command(command)
            }
            return readRequest(item, name, reader).map { .request($0) }
        }
    }

    static func readRequest(_ node: Node, _ what: String, _ reader: TargetFileReader, extraKeys: [String] = [])
        -> LiveSettings.Request?
    {
        guard let entries = reader.mapping(node, what, allowed: requestKeys + extraKeys) else { return nil }
        var request = LiveSettings.Request(url: "")
        for (key, _, value) in entries {
            switch key {
            case let other where extraKeys.contains(other): break
            case "method":
                guard let method = reader.text(value, "\(what).method") else { break }
                if methods.contains(method.uppercased()) { request.method = method.uppercased() } else {
                    reader.error(value, "expected one of \(methods.joined(separator: ", ")) for \(what).method, found '\(method)'")
                }
            case "url": request.url = reader.url(value, "\(what).url") ?? ""
            case "headers": request.headers = reader.table(value, "\(what).headers") ?? [:]
            case "body": request.body = reader.text(value, "\(what).body")
            default: request.expectStatus = readStatuses(value, "\(what).expectStatus", reader)
            }
        }
        guard entries.contains(where: { $0.key == "url" }) else {
            reader.error(node, "\(what) needs 'url' (or, for a hook, 'command')")
            return nil
        }
        return request
    }

    /// `reception: {url, counts, intervalS, method, headers, body, expectStatus}` (method default GET).
    static func readReception(_ node: Node, _ reader: TargetFileReader) -> LiveSettings.Reception? {
        guard var request = readRequest(node, "reception", reader, extraKeys: ["counts", "intervalS"]),
              case .mapping(let mapping) = node
        else { return nil }
        var reception = LiveSettings.Reception(request: request, counts: (try? JSONPointer("/counts")) ?? JSONPointer(valid: ""))
        var hasMethod = false
        for (keyNode, value) in mapping {
            switch keyNode.string {
            case "method": hasMethod = true
            case "counts": reception.counts = reader.pointer(value, "reception.counts") ?? reception.counts
            case "intervalS":
                guard case .scalar(let s) = value, let n = Int(s.string), (1...3600).contains(n) else {
                    reader.error(value, "expected whole seconds (1 to 3600) for reception.intervalS, found \(TargetFileReader.found(value))")
                    continue
                }
                reception.intervalS = n
            default: continue
            }
        }
        if !hasMethod { request.method = "GET" }
        reception.request = request
        return reception
    }

    static func readStatuses(_ node: Node, _ what: String, _ reader: TargetFileReader) -> [Int] {
        let items: [Node] = if case .sequence(let list) = node { Array(list) } else { [node] }
        return items.compactMap { item in
            guard case .scalar(let s) = item, let status = Int(s.string), (100...599).contains(status) else {
                reader.error(item, "expected an HTTP status (100 to 599) or a list of them for \(what), found \(TargetFileReader.found(item))")
                return nil
            }
            return status
        }
    }
}
