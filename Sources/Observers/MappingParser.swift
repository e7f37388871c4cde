import ConfigText
import Conformance
import SimCore
import Yams

/// Reads `mapping:` over the reference platform's defaults: each pointer given replaces its default;
/// `types:` replaces the default type table whole; `levels:`, `grades:`, `categories:` translate values.
enum MappingParser {
    static var pointerKeys: [(String, WritableKeyPath<EventMapping, JSONPointer>)] { [
        ("type", \.type), ("timeMs", \.timeMs), ("enterprise", \.enterprise), ("alarmId", \.alarmId), ("point", \.point),
        ("level", \.level), ("category", \.category), ("kind", \.kind), ("critical", \.critical), ("excluded", \.excluded), ("value", \.value),
        ("message", \.message), ("grade", \.grade), ("gradeFrom", \.gradeFrom), ("reasons", \.reasons),
        ("interlock", \.interlock),
    ] }
    static let tableKeys = ["types", "ignoreTypes", "timeScale", "levels", "grades", "categories", "eventId", "timeFormat",
                            "timeZone"]
    static var allKeys: [String] { pointerKeys.map(\.0) + tableKeys }

    static func read(_ node: Node, _ reader: TargetFileReader) -> EventMapping {
        var mapping = EventMapping()
        guard let entries = reader.mapping(node, "mapping", allowed: allKeys) else { return mapping }
        for (key, _, value) in entries {
            if let path = pointerKeys.first(where: { $0.0 == key })?.1 {
                if let pointer = reader.pointer(value, "mapping.\(key)") { mapping[keyPath: path] = pointer }
                continue
            }
            switch key {
            case "types": mapping.types = readTypes(value, reader)
            case "ignoreTypes": mapping.ignoreTypes = Set(reader.texts(value, "mapping.ignoreTypes") ?? [])
            case "timeScale": mapping.timeScale = reader.number(value, "mapping.timeScale") ?? 1
            case "levels": mapping.levels = readTable(value, "mapping.levels", ours: EventMapping.ourLevels, reader)
            case "grades": mapping.grades = readTable(value, "mapping.grades", ours: EventMapping.ourGrades, reader)
            case "eventId":
                if case .scalar(let s) = value, s.string == "none" { mapping.eventId = nil } else {
                    mapping.eventId = reader.pointer(value, "mapping.eventId") ?? mapping.eventId
                }
            case "timeFormat": mapping.timeFormat = reader.text(value, "mapping.timeFormat")
            case "timeZone": mapping.timeZone = readTimeZone(value, reader)
            default:
                mapping.categories = readTable(value, "mapping.categories", ours: EventMapping.ourCategories, reader)
            }
        }
        if let format = mapping.timeFormat, mapping.timeZone == nil, !DateTextParser.hasZone(format),
           !entries.contains(where: { $0.key == "timeZone" }) {
            reader.error(node, "mapping.timeFormat '\(format)' has no zone field: give mapping.timeZone (like Asia/Shanghai)")
        }
        for type in mapping.ignoreTypes where mapping.types[type] != nil {
            reader.error(node, "mapping: type '\(type)' is both in types and in ignoreTypes")
        }
        return mapping
    }

    /// Target strings → one of `ours`, each value checked where it is written.
    static func readTable(_ node: Node, _ what: String, ours: [String], _ reader: TargetFileReader) -> [String: String] {
        guard case .mapping(let pairs) = node else {
            reader.error(node, "expected a mapping of the target's strings to ours for \(what), found \(TargetFileReader.found(node))")
            return [:]
        }
        var out: [String: String] = [:]
        for (key, value) in pairs {
            guard let from = reader.text(key, "a key of \(what)"), let to = reader.text(value, "\(what).\(from)") else { continue }
            guard ours.contains(to) else {
                reader.error(value, "expected one of \(ours.joined(separator: ", ")) for \(what).\(from), found '\(to)'",
                             suggestion: Suggest.closest(to: to, among: ours))
                continue
            }
            out[from] = to
        }
        return out
    }

    static func readTimeZone(_ node: Node, _ reader: TargetFileReader) -> String? {
        guard let text = reader.text(node, "mapping.timeZone") else { return nil }
        guard DateTextParser.zone(text) != nil else {
            reader.error(node, "expected a time zone for mapping.timeZone (an identifier like Asia/Shanghai, or an offset "
                + "like +08:00), found '\(text)'")
            return nil
        }
        return text
    }

    static func readTypes(_ node: Node, _ reader: TargetFileReader) -> [String: HistoryRecord.Kind] {
        let ours = EventMapping.ourTypes.keys.sorted()
        return readTable(node, "mapping.types", ours: ours, reader).compactMapValues { EventMapping.ourTypes[$0] }
    }
}
