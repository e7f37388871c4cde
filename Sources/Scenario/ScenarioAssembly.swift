import ConfigText
import PlantModel
import SimCore

extension ScenarioLoader {
    /// Parses a scenario document, loads its plants, and checks the timeline and expectations
    /// against them. Returns nil when anything was reported.
    func scenario(root: YNode, text: String, path: String, sink: DiagnosticSink) -> LoadedScenario? {
        let reader = YAMLReader(sink: sink)
        let fileParser = ScenarioFileParser(reader: reader, file: path)
        guard let map = MapReader(root, what: "scenario", keys: ScenarioFileParser.topKeys, reader: reader) else { return nil }
        let header = fileParser.header(map)
        let (scope, files, plantTexts) = loadPlants(header.plants, sink: sink)

        var resolved = TimelineResolver.Result(timeline: [], times: [:], names: [])
        if let node = map.require("timeline"), let items = reader.sequence(node, "a list of timeline steps") {
            let raw = TimelineParser(reader: reader, scope: scope).parse(items)
            resolved = TimelineResolver(sink: sink, duration: header.duration).resolve(raw)
        }
        var expectations: [Expectation] = []
        if let node = map.present("expect"), let items = reader.sequence(node, "a list of expectations") {
            let parser = ExpectationParser(reader: reader, scope: scope, times: resolved.times, names: resolved.names,
                                           duration: header.duration)
            expectations = parser.parse(items)
        }
        guard sink.count == 0, let duration = header.duration else { return nil }
        let spec = ScenarioSpec(
            id: header.id, titleZh: header.titleZh, titleEn: header.titleEn, description: header.description,
            tags: header.tags, clauses: header.clauses, incident: header.incident, plantPaths: header.plants.map(\.path),
            seed: header.seed, epochUnixMs: header.epochUnixMs, duration: duration, step: header.step,
            timeline: resolved.timeline, expectations: expectations, location: root.location,
            rules: header.rules)
        return LoadedScenario(
            spec: spec, plants: files.map(\.config), digest: Self.digest(scenario: text, plants: plantTexts),
            modbusLayouts: files.map(\.modbus), modbusPorts: files.map(\.modbusPort))
    }

    /// See `loadScenario(path:)` for the definition.
    static func digest(scenario: String, plants: [String]) -> String {
        var bytes = Array(scenario.utf8)
        for plant in plants {
            bytes.append(0)
            bytes.append(contentsOf: plant.utf8)
        }
        return Digest.sha256Hex(bytes)
    }

    /// Reads, validates and builds every plant file. A plant that fails is reported with its own
    /// positions plus one diagnostic at the scenario's reference; the scope is then incomplete.
    func loadPlants(_ refs: [(path: String, location: SourceLocation)], sink: DiagnosticSink)
        -> (PlantScope, [PlantFile], [String]) {
        var entries: [PlantScope.Entry] = []
        var files: [PlantFile] = []
        var texts: [String] = []
        var complete = !refs.isEmpty
        var codes: [String: String] = [:]
        for ref in refs {
            guard let text = readText(ref.path, sink: sink, reportAt: ref.location) else { complete = false; continue }
            sink.register(file: ref.path)
            let before = sink.count
            let file = plant(text: text, path: ref.path, sink: sink)
            guard let file, sink.count == before else {
                let count = sink.count - before
                sink.error(ref.location, "plant file '\(ref.path)' has \(count) error\(count == 1 ? "" : "s")")
                complete = false
                continue
            }
            let config = file.config
            let code = config.enterprise.code
            if let other = codes[code] {
                sink.error(ref.location, "enterprise code '\(code)' of '\(ref.path)' is already used by '\(other)'")
                complete = false
                continue
            }
            codes[code] = ref.path
            entries.append(PlantScope.Entry(code: code, plant: Plant(config: config, catalogue: catalogue)))
            files.append(file)
            texts.append(text)
        }
        return (PlantScope(entries: entries, complete: complete), files, texts)
    }
}
