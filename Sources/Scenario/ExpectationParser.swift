import ConfigText
import PlantModel
import SimCore

/// Parses `expect:` entries: one kind key, a window relative to a step, and metadata.
struct ExpectationParser {
    let reader: YAMLReader
    let scope: PlantScope
    /// Resolved times of named steps; names that failed to resolve are in `names` but not here.
    let times: [String: SimInstant]
    let names: [String]
    let duration: SimDuration?

    static let kindKeys = [
        "alarmRaised", "alarmNotRaised", "alarmCleared", "gradeReached", "gradeNotExceeded",
        "interlockTripped", "interlockNotTripped", "dataComplete", "regionGrades", "regionUnhandled", "gradeStable",
    ]
    static let otherKeys = ["id", "after", "from", "within", "until", "plant", "clauses", "note"]
    var sink: DiagnosticSink { reader.sink }

    func parse(_ items: [YNode]) -> [Expectation] {
        var out: [Expectation] = []
        var ids: [String: SourceLocation] = [:]
        for (offset, item) in items.enumerated() {
            guard let (expectation, idLocation) = parseOne(item, ordinal: offset + 1) else { continue }
            if let first = ids[expectation.id] {
                sink.error(idLocation, "duplicate expectation id '\(expectation.id)' (first used at line \(first.line))")
                continue
            }
            ids[expectation.id] = idLocation
            out.append(expectation)
        }
        return out
    }

    func parseOne(_ node: YNode, ordinal: Int) -> (Expectation, SourceLocation)? {
        guard let map = MapReader(node, what: "expectation", keys: Self.kindKeys + Self.otherKeys, reader: reader) else { return nil }
        let kinds = Self.kindKeys.filter { map.has($0) }
        guard kinds.count == 1, let kindKey = kinds.first, let kindNode = map[kindKey] else {
            let found = kinds.isEmpty ? "none" : kinds.map { "'\($0)'" }.joined(separator: " and ")
            sink.error(node.location, "expected exactly one of \(Self.kindKeys.joined(separator: ", ")) in expectation, found \(found)")
            return nil
        }
        let id = map["id"].flatMap { reader.string($0, "an expectation id") } ?? "E\(ordinal)"
        let plant = parsePlant(map)
        let clauses = map.present("clauses").flatMap { reader.stringList($0) } ?? []
        let note = map.present("note").flatMap { reader.string($0) }
        let kind = parseKind(kindKey, kindNode, plant: plant)
        let window = parseWindow(map)
        guard let kind, let window else { return nil }
        let expectation = Expectation(id: id, kind: kind, window: window, plant: plant, clauses: clauses, note: note,
                                      location: node.location)
        return (expectation, map["id"]?.location ?? node.location)
    }

    func parsePlant(_ map: MapReader) -> String? {
        guard let node = map.present("plant"), let code = reader.string(node, "an enterprise code") else { return nil }
        if scope.complete, !scope.codes.contains(code) {
            sink.error(node.location, "unknown plant '\(YNode.clip(code))'", suggestion: Suggest.closest(to: code, among: scope.codes))
            return nil
        }
        return code
    }

    func parseKind(_ key: String, _ node: YNode, plant: String?) -> ExpectationKind? {
        switch key {
        case "alarmRaised": return parseAlarm(node, plant: plant).map { .alarmRaised($0) }
        case "alarmNotRaised": return parseAlarm(node, plant: plant).map { .alarmNotRaised($0) }
        case "alarmCleared": return parseAlarm(node, plant: plant).map { .alarmCleared($0) }
        case "gradeReached": return parseGrade(node).map { .gradeReached($0) }
        case "gradeNotExceeded": return parseGrade(node).map { .gradeNotExceeded($0) }
        case "interlockTripped": return parseInterlock(node, plant: plant).map { .interlockTripped(name: $0) }
        case "interlockNotTripped": return parseInterlock(node, plant: plant).map { .interlockNotTripped(name: $0) }
        case "regionGrades": return parseRegionGrades(node)
        case "regionUnhandled": return parseRegionUnhandled(node)
        case "gradeStable": return parseGradeStable(node)
        default: return parseDataComplete(node, plant: plant)
        }
    }

    func parseAlarm(_ node: YNode, plant: String?) -> AlarmMatch? {
        if node.isNull { return AlarmMatch(point: nil, level: nil) }
        guard let map = MapReader(node, what: "alarm match", keys: ["point", "level"], reader: reader) else { return nil }
        var ok = true
        let point = parsePoint(map, plant: plant, ok: &ok)
        var level: AlarmLevel?
        if let levelNode = map.present("level") {
            let raw = reader.choice(levelNode, AlarmLevel.allCases.map(\.rawValue), what: "alarm level")
            level = raw.flatMap(AlarmLevel.init(rawValue:))
            if level == nil { ok = false }
        }
        return ok ? AlarmMatch(point: point, level: level) : nil
    }

    func parsePoint(_ map: MapReader, plant: String?, ok: inout Bool) -> String? {
        guard let pointNode = map.present("point") else { return nil }
        guard let point = reader.string(pointNode, "a point code"),
              scope.check(point, in: scope.pointCodes(plant), what: "point", plant: plant, at: pointNode.location, sink: sink)
        else { ok = false; return nil }
        return point
    }

    func parseGrade(_ node: YNode) -> RiskGrade? {
        reader.choice(node, RiskGrade.allCases.map(\.rawValue), what: "risk grade").flatMap(RiskGrade.init(rawValue:))
    }

    func parseInterlock(_ node: YNode, plant: String?) -> String? {
        guard let name = reader.string(node, "an interlock name"),
              scope.check(name, in: scope.interlockNames(plant), what: "interlock", plant: plant, at: node.location, sink: sink)
        else { return nil }
        return name
    }

    func parseDataComplete(_ node: YNode, plant: String?) -> ExpectationKind? {
        if node.isNull { return .dataComplete(point: nil, minPct: 100) }
        guard let map = MapReader(node, what: "dataComplete", keys: ["point", "minPct"], reader: reader) else { return nil }
        var ok = true
        let point = parsePoint(map, plant: plant, ok: &ok)
        var minPct = 100.0
        if let pctNode = map.present("minPct") {
            if let value = reader.number(pctNode, "a percentage") {
                if (0...100).contains(value) {
                    minPct = value
                } else {
                    sink.error(pctNode.location, "expected a percentage from 0 to 100, found \(pctNode.found)")
                    ok = false
                }
            } else {
                ok = false
            }
        }
        return ok ? .dataComplete(point: point, minPct: minPct) : nil
    }
}
