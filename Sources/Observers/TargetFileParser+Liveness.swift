import Yams

extension TargetFileParser {
    static let heartbeatKeys = ["types", "intervalS"]
    static let healthKeys = ["url", "intervalS", "timeoutMs", "token"]

    /// `observe.heartbeat` and `observe.health`, beside the observation kind.
    static func readLiveness(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Liveness {
        var liveness = TargetSpec.Liveness()
        guard case .mapping(let pairs) = node else { return liveness }
        for (key, value) in pairs {
            switch key.string {
            case "heartbeat": liveness.heartbeat = readHeartbeat(value, reader)
            case "health": liveness.health = readHealth(value, reader)
            default: continue
            }
        }
        return liveness
    }

    static func readHeartbeat(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Heartbeat? {
        guard let entries = reader.mapping(node, "observe.heartbeat", allowed: heartbeatKeys) else { return nil }
        var types: [String]?
        var interval: Double?
        for (key, _, value) in entries {
            if key == "types" { types = reader.texts(value, "observe.heartbeat.types") } else {
                interval = reader.number(value, "observe.heartbeat.intervalS")
            }
        }
        for needed in heartbeatKeys where !entries.contains(where: { $0.key == needed }) {
            reader.error(node, "observe.heartbeat needs '\(needed)' (like {types: [HEARTBEAT], intervalS: 30})")
        }
        if let types, types.isEmpty { reader.error(node, "observe.heartbeat.types needs at least one type") }
        guard let types, !types.isEmpty, let interval else { return nil }
        return TargetSpec.Heartbeat(types: types, intervalS: interval)
    }

    static func readHealth(_ node: Node, _ reader: TargetFileReader) -> TargetSpec.Health? {
        guard let entries = reader.mapping(node, "observe.health", allowed: healthKeys) else { return nil }
        var health = TargetSpec.Health(url: "", intervalS: 0)
        var url: String?
        var interval: Double?
        for (key, _, value) in entries {
            switch key {
            case "url": url = reader.url(value, "observe.health.url")
            case "intervalS": interval = reader.number(value, "observe.health.intervalS")
            case "timeoutMs": health.timeoutMs = reader.milliseconds(value, "observe.health.timeoutMs") ?? health.timeoutMs
            default: health.token = reader.text(value, "observe.health.token")
            }
        }
        for needed in ["url", "intervalS"] where !entries.contains(where: { $0.key == needed }) {
            reader.error(node, "observe.health needs '\(needed)' (like {url: http://host/health, intervalS: 10})")
        }
        guard let url, let interval else { return nil }
        health.url = url
        health.intervalS = interval
        return health
    }
}
