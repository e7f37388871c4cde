import Conformance
import SimCore

/// Turns one target event (a JSON object) into a history record through an `EventMapping`. Pure:
/// the wall time of receipt is passed in. A required field that is missing or unparseable gives an
/// error record (source target) naming the field and its JSON pointer; nothing is dropped silently.
public struct EventMapper: Sendable {
    public var mapping: EventMapping
    public var time: TargetSpec.TimeSource
    /// The scenario's epoch: plant time 0 as Unix ms.
    public var epochUnixMs: Int64
    public var timeMap: WallToPlant

    public init(_ mapping: EventMapping, time: TargetSpec.TimeSource = .field, epochUnixMs: Int64, timeMap: WallToPlant) {
        self.mapping = mapping; self.time = time; self.epochUnixMs = epochUnixMs; self.timeMap = timeMap
    }

    struct Failure: Error { var message: String }

    /// The record for an event given as text (a parse failure is an error record).
    public func record(text: String, receivedAtWallMs: Int64) -> HistoryRecord? {
        do {
            return record(for: try JSONValue.parse(text), receivedAtWallMs: receivedAtWallMs)
        } catch {
            return .error(at: timeMap.plant(atWallMs: receivedAtWallMs), source: .target,
                          message: "event is not JSON (\(error)): \(Self.clip(text))")
        }
    }

    /// The event's type text (at `mapping.type`), nil when it has none.
    public func typeText(of event: JSONValue) -> String? { mapping.type.resolve(in: event)?.scalarText }

    /// What makes two deliveries of an event the same event: its type and the target's event id
    /// (`mapping.eventId`) when it has one, else its whole JSON.
    public func dedupeKey(of event: JSONValue) -> String {
        if let pointer = mapping.eventId, let id = pointer.resolve(in: event)?.scalarText {
            return "id\u{1}" + (typeText(of: event) ?? "") + "\u{1}" + id
        }
        return "json\u{1}" + event.canonicalText
    }

    /// The record for one event, nil when its type is in `ignoreTypes`.
    ///
    /// With `time: received`, `sinceWallMs` is the wall time of the observer's previous complete look
    /// at the target (the last poll that had caught up, the last read of the file to its end): the
    /// event happened between then and its receipt, so it is stamped at the midpoint, which halves
    /// the worst error (± half the look interval × speed, instead of up to the whole of it late).
    public func record(for event: JSONValue, receivedAtWallMs: Int64, sinceWallMs: Int64? = nil) -> HistoryRecord? {
        let received = timeMap.plant(atWallMs: time == .received
            ? Self.midpoint(since: sinceWallMs, receivedAtWallMs, notBefore: timeMap.wallStartMs) : receivedAtWallMs)
        do throws(Failure) {
            guard case .object = event else {
                throw Failure(message: "expected an event object, found \(event.kindName)")
            }
            let typeText = try requiredText(event, "type", mapping.type)
            if mapping.ignoreTypes.contains(typeText) { return nil }
            guard let type = mapping.types[typeText] else {
                let known = (mapping.types.keys.sorted() + mapping.ignoreTypes.sorted()).joined(separator: ", ")
                throw Failure(message: "unknown event type '\(typeText)' at \(pointerText(mapping.type)) (known: \(known); "
                    + "list it under mapping.types or mapping.ignoreTypes)")
            }
            let at = try eventTime(event, received: received)
            return try build(type, event, at: at)
        } catch {
            let at = (try? eventTime(event, received: received)) ?? received
            return .error(at: at, source: .target, message: "\(error.message) in event \(Self.clip(event.canonicalText))")
        }
    }

    /// The wall time halfway between `since` (held inside [`notBefore`, `received`]) and `received`;
    /// `received` itself without a previous look.
    public static func midpoint(since: Int64?, _ received: Int64, notBefore: Int64) -> Int64 {
        guard let since else { return received }
        let from = min(max(since, notBefore), received)
        return from + (received - from) / 2
    }

    func eventTime(_ event: JSONValue, received: SimInstant) throws(Failure) -> SimInstant {
        guard time == .field else { return received }
        guard let raw = mapping.timeMs.resolve(in: event), raw != .null else {
            throw Failure(message: "missing field 'timeMs' at \(pointerText(mapping.timeMs))")
        }
        if case .string(let text) = raw, let format = mapping.timeFormat, Double(text) == nil {
            guard let parser = DateTextParser.shared(format: format, zone: mapping.timeZone), let ms = parser.unixMs(text) else {
                throw Failure(message: "field 'timeMs' at \(pointerText(mapping.timeMs)): expected a time like '\(format)'"
                    + "\(mapping.timeZone.map { " (in \($0))" } ?? ""), found \(Self.found(raw))")
            }
            return SimInstant(milliseconds: ms - epochUnixMs)
        }
        let number: Double? = raw.doubleValue ?? raw.scalarText.flatMap { Double($0) }
        if let exact = raw.int64Value, mapping.timeScale == 1 { return SimInstant(milliseconds: exact - epochUnixMs) }
        guard let number, number.isFinite, abs(number * mapping.timeScale) < 9.0e15 else {
            throw Failure(message: "field 'timeMs' at \(pointerText(mapping.timeMs)): expected a number of "
                + "Unix \(mapping.timeScale == 1 ? "milliseconds" : "time units"), found \(Self.found(raw))")
        }
        return SimInstant(milliseconds: Int64((number * mapping.timeScale).rounded()) - epochUnixMs)
    }

    func build(_ type: HistoryRecord.Kind, _ event: JSONValue, at: SimInstant) throws(Failure) -> HistoryRecord {
        let enterprise = try requiredText(event, "enterprise", mapping.enterprise)
        switch type {
        case .alarmRaised, .alarmCleared, .alarmHandled:
            let id = try requiredText(event, "alarmId", mapping.alarmId)
            let point = try requiredText(event, "point", mapping.point)
            let level = try translate(try requiredText(event, "level", mapping.level), "level", mapping.level,
                                      table: mapping.levels, tableName: "mapping.levels", ours: EventMapping.ourLevels)
            var category = try optionalText(event, "category", mapping.category)
            if let raw = category {
                category = try translate(raw, "category", mapping.category,
                                         table: EventMapping.chineseCategories.merging(mapping.categories) { $1 },
                                         tableName: "mapping.categories", ours: EventMapping.ourCategories)
            }
            var record = HistoryRecord.alarm(
                type, at: at, id: id, enterprise: enterprise, point: point, level: level, category: category,
                kind: try optionalText(event, "kind", mapping.kind),
                critical: try optionalBool(event, "critical", mapping.critical),
                value: try optionalNumber(event, "value", mapping.value),
                message: try optionalText(event, "message", mapping.message))
            if try optionalBool(event, "excluded", mapping.excluded) == true { record.excluded = true }
            return record
        case .grade:
            let to = try translate(try requiredText(event, "grade", mapping.grade), "grade", mapping.grade,
                                   table: mapping.grades, tableName: "mapping.grades", ours: EventMapping.ourGrades)
            var from = try optionalText(event, "gradeFrom", mapping.gradeFrom)
            if let raw = from {
                from = try translate(raw, "gradeFrom", mapping.gradeFrom, table: mapping.grades, tableName: "mapping.grades",
                                     ours: EventMapping.ourGrades)
            }
            return .grade(at: at, enterprise: enterprise, to: to, from: from, reasons: try reasons(event))
        case .interlockActed:
            return .interlockActed(at: at, enterprise: enterprise, interlock: try requiredText(event, "interlock", mapping.interlock),
                                   detail: try optionalText(event, "message", mapping.message))
        default:
            throw Failure(message: "type \(type.rawValue) is not something a target reports")
        }
    }

    // MARK: fields

    func pointerText(_ pointer: JSONPointer) -> String { pointer.text.isEmpty ? "'' (the whole event)" : pointer.text }

    static func found(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): "'\(clip(s))'"
        case .number(let n): n
        default: value.kindName
        }
    }

    static func clip(_ text: String) -> String {
        let line = String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    func requiredText(_ event: JSONValue, _ field: String, _ pointer: JSONPointer) throws(Failure) -> String {
        guard let value = pointer.resolve(in: event), value != .null else {
            throw Failure(message: "missing field '\(field)' at \(pointerText(pointer))")
        }
        guard let text = value.scalarText, !text.isEmpty else {
            throw Failure(message: "field '\(field)' at \(pointerText(pointer)): expected text, found \(Self.found(value))")
        }
        return text
    }

    func optionalText(_ event: JSONValue, _ field: String, _ pointer: JSONPointer) throws(Failure) -> String? {
        guard let value = pointer.resolve(in: event), value != .null else { return nil }
        guard let text = value.scalarText else {
            throw Failure(message: "field '\(field)' at \(pointerText(pointer)): expected text, found \(Self.found(value))")
        }
        return text
    }

    func optionalBool(_ event: JSONValue, _ field: String, _ pointer: JSONPointer) throws(Failure) -> Bool? {
        guard let value = pointer.resolve(in: event), value != .null else { return nil }
        switch value {
        case .bool(let b): return b
        case .number("0"), .string("0"), .string("false"): return false
        case .number("1"), .string("1"), .string("true"): return true
        default:
            throw Failure(message: "field '\(field)' at \(pointerText(pointer)): expected true or false, found \(Self.found(value))")
        }
    }

    func optionalNumber(_ event: JSONValue, _ field: String, _ pointer: JSONPointer) throws(Failure) -> Double? {
        guard let value = pointer.resolve(in: event), value != .null else { return nil }
        guard let number = value.doubleValue ?? value.scalarText.flatMap({ Double($0) }), number.isFinite else {
            throw Failure(message: "field '\(field)' at \(pointerText(pointer)): expected a number, found \(Self.found(value))")
        }
        return number
    }

    /// A list of texts, or one text (a list of one); missing or null: no reasons.
    func reasons(_ event: JSONValue) throws(Failure) -> [String] {
        guard let value = mapping.reasons.resolve(in: event), value != .null else { return [] }
        if let one = value.scalarText { return [one] }
        guard case .array(let items) = value else {
            throw Failure(message: "field 'reasons' at \(pointerText(mapping.reasons)): expected a list of text, found \(Self.found(value))")
        }
        var out: [String] = []
        for item in items {
            guard let text = item.scalarText else {
                throw Failure(message: "field 'reasons' at \(pointerText(mapping.reasons)): expected a list of text, "
                    + "found an item \(Self.found(item))")
            }
            out.append(text)
        }
        return out
    }

    /// The target's string in our vocabulary: through `table` when it has an entry, else as sent when
    /// it already is one of ours; anything else is a failure naming the table to extend.
    func translate(_ raw: String, _ field: String, _ pointer: JSONPointer, table: [String: String], tableName: String,
                   ours: [String]) throws(Failure) -> String {
        if let mapped = table[raw] { return mapped }
        if ours.contains(raw) { return raw }
        throw Failure(message: "field '\(field)' at \(pointerText(pointer)): '\(raw)' is not one of \(ours.joined(separator: ", ")) "
            + "and not in \(tableName)")
    }
}
