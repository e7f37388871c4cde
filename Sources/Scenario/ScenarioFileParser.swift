import ConfigText
import SimCore

/// The scenario's top-level fields other than `timeline:` and `expect:`.
struct ScenarioHeader {
    var id = ""
    var titleZh = ""
    var titleEn = ""
    var description = ""
    var tags: [String] = []
    var clauses: [String] = []
    var incident: String?
    var rules: [String] = []
    /// Plant paths as written, resolved against the scenario's directory, with where they were written.
    var plants: [(path: String, location: SourceLocation)] = []
    var seed: UInt64 = 1
    var epochUnixMs: Int64 = 0
    /// Nil when missing or malformed (reported).
    var duration: SimDuration?
    var step = SimDuration.ms(100)
}

/// Parses a scenario file's header; `timeline:`/`expect:` are handed to their own parsers.
struct ScenarioFileParser {
    let reader: YAMLReader
    let file: String

    static let topKeys = [
        "id", "title", "description", "tags", "clauses", "incident", "rules", "plant", "plants", "seed", "epoch",
        "duration", "step", "timeline", "expect",
    ]
    var sink: DiagnosticSink { reader.sink }

    func header(_ map: MapReader) -> ScenarioHeader {
        var header = ScenarioHeader()
        header.id = map.require("id").flatMap { reader.string($0, "a scenario id") } ?? ""
        if let title = map.require("title") { parseTitle(title, into: &header) }
        header.description = map.present("description").flatMap { reader.string($0) } ?? ""
        header.tags = map.present("tags").flatMap { reader.stringList($0) } ?? []
        header.clauses = map.present("clauses").flatMap { reader.stringList($0) } ?? []
        header.incident = map.present("incident").flatMap { reader.string($0) }
        header.rules = map.present("rules").flatMap { reader.stringList($0) } ?? []
        var seenRules: Set<String> = []
        if let node = map.present("rules"), case .sequence(let items) = node.value {
            for (item, rule) in zip(items, header.rules) where !seenRules.insert(rule).inserted {
                sink.error(item.location, "rule '\(rule)' is listed twice")
            }
        }
        header.plants = plantRefs(map)
        if let seed = map.present("seed") { header.seed = reader.uint64(seed) ?? 1 }
        if let epoch = map.require("epoch") {
            if let text = epoch.scalarText, !epoch.isNull, let ms = Epoch.unixMilliseconds(text) {
                header.epochUnixMs = ms
            } else {
                reader.mismatch(epoch, "an ISO 8601 time with offset like 2024-05-01T08:00:00+08:00")
            }
        }
        if let node = map.require("duration"), let value = reader.duration(node) {
            if value.milliseconds > 0 { header.duration = value } else { reader.mismatch(node, "a duration above 0s") }
        }
        if let node = map.present("step"), let value = reader.duration(node) {
            if value.milliseconds <= 0 {
                reader.mismatch(node, "a step above 0s")
            } else if let duration = header.duration, value > duration {
                sink.error(node.location, "step \(value) is longer than the scenario's duration \(duration)")
            } else {
                header.step = value
            }
        }
        return header
    }

    /// `title: {zh, en}`, or one text for both.
    func parseTitle(_ node: YNode, into header: inout ScenarioHeader) {
        if node.scalarText != nil, !node.isNull {
            header.titleZh = reader.string(node) ?? ""
            header.titleEn = header.titleZh
            return
        }
        guard let map = MapReader(node, what: "title", keys: ["zh", "en"], reader: reader) else { return }
        header.titleZh = map.require("zh").flatMap { reader.string($0) } ?? ""
        header.titleEn = map.require("en").flatMap { reader.string($0) } ?? ""
    }

    /// `plant: a.yaml` or `plants: [a.yaml, b.yaml]`, exactly one of them.
    func plantRefs(_ map: MapReader) -> [(path: String, location: SourceLocation)] {
        var refs: [(path: String, location: SourceLocation)] = []
        let one = map["plant"], many = map["plants"]
        if one != nil, many != nil {
            sink.error(map.keyLocation("plants"), "a scenario has either 'plant' or 'plants', not both")
            return []
        }
        if let one {
            if let text = reader.string(one, "a plant file path") { refs.append((text, one.location)) }
        } else if let many {
            guard let items = reader.sequence(many, "a list of plant file paths") else { return [] }
            if items.isEmpty { sink.error(many.location, "expected at least one plant file, found an empty list") }
            for item in items {
                if let text = reader.string(item, "a plant file path") { refs.append((text, item.location)) }
            }
        } else {
            sink.error(map.node.location, "missing required key 'plant' (or 'plants') in scenario")
        }
        var seen: Set<String> = []
        var unique: [(path: String, location: SourceLocation)] = []
        for ref in refs {
            let resolved = PathResolver.resolve(ref.path, from: file)
            if seen.contains(resolved) {
                sink.error(ref.location, "plant file '\(ref.path)' is listed twice")
                continue
            }
            seen.insert(resolved)
            unique.append((resolved, ref.location))
        }
        return unique
    }
}
