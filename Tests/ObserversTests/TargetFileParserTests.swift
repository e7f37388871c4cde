import Conformance
import Foundation
import Scenario
import Testing

@testable import Observers

@Suite struct TargetFileParserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func load(_ path: String) throws -> TargetSpec {
        let url = root.appendingPathComponent(path)
        return try TargetFileParser.parse(text: try String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    /// The diagnostics of a text that must fail.
    static func problems(_ text: String) -> [Diagnostic] {
        do {
            _ = try TargetFileParser.parse(text: text, file: "t.yaml")
            Issue.record("expected diagnostics, the file parsed")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func referenceTargetParses() throws {
        let spec = try Self.load("Scenarios/targets/reference.yaml")
        #expect(spec.name == "reference")
        guard case .poll(let poll) = spec.observe else { Issue.record("expected poll"); return }
        #expect(poll.url == "http://127.0.0.1:${PORT}/api/v1/events?limit=1000")
        #expect(poll.cursor == TargetSpec.Cursor(param: "afterSeq", field: try JSONPointer("/seq"), start: "0"))
        #expect(poll.intervalMs == 250)
        #expect(spec.mapping == EventMapping(), "reference.yaml spells out the defaults")
        #expect(spec.time == .field)
        let resolved = try spec.resolving(["PORT": "8123"])
        guard case .poll(let p) = resolved.observe else { return }
        #expect(p.url == "http://127.0.0.1:8123/api/v1/events?limit=1000")
        #expect(resolved.uplink?.url == "http://127.0.0.1:8123")
        #expect(resolved.uplink?.token == "")
        #expect(resolved.uplink?.profile?.hasSuffix("Scenarios/targets/../profiles/default.yaml") == true)
        #expect(throws: UnresolvedPlaceholders.self) { try spec.resolving([:]) }
    }

    @Test func vendorTargetParses() throws {
        let spec = try Self.load("Scenarios/targets/example-vendor.yaml")
        guard case .webhook(let hook) = spec.observe else { Issue.record("expected webhook"); return }
        #expect(hook.listen == "0.0.0.0:9300")
        #expect(hook.path == "/anjian/events")
        #expect(hook.requireToken)
        #expect(spec.mapping.levels["高高"] == "HH")
        #expect(spec.mapping.grades["红"] == "red")
        #expect(spec.mapping.types["RISK_CHANGE"] == .grade)
        #expect(spec.mapping.ignoreTypes == ["HEARTBEAT"])
        #expect(try spec.mapping.alarmId == JSONPointer("/data/alarmNo"))
        do {
            _ = try spec.resolving([:])
            Issue.record("ANJIAN_TOKEN has no default")
        } catch {
            #expect(error.names == ["ANJIAN_TOKEN"])
        }
    }

    @Test func minimalFileTakesTheDefaults() throws {
        let spec = try TargetFileParser.parse(text: "name: x\nobserve:\n  poll: {url: 'http://h:1/e'}\n", file: "dir/x.yaml")
        guard case .poll(let poll) = spec.observe else { Issue.record("expected poll"); return }
        #expect(poll.cursor == .reference)
        #expect(poll.items.text == "/events")
        #expect(spec.directory == "dir")
    }

    @Test func unknownKeyHasPositionAndSuggestion() {
        let found = Self.problems("""
            name: x
            observe:
              poll:
                url: http://h:1/e
                intervalMS: 100
            """)
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: "t.yaml", line: 5, column: 5))
        #expect(found.first?.suggestion == "intervalMs")
        #expect(found.first?.description.hasPrefix("t.yaml:5:5: error: unknown key 'intervalMS' in observe.poll") == true)
        #expect(found.first?.description.hasSuffix("(did you mean 'intervalMs'?)") == true)
    }

    @Test func mappingKeysAndTableValuesSuggest() {
        let found = Self.problems("""
            name: x
            observe: {jsonl: {path: e.jsonl}}
            mapping:
              alarmID: /id
              levels: {高高: HHH}
              grades: {红: Red}
              types: {NEW: alarmRaise}
            """)
        #expect(found.map(\.location.line) == [4, 5, 6, 7])
        #expect(found.map(\.suggestion) == ["alarmId", "HH", "red", "alarmRaised"])
        #expect(found[1].message.contains("expected one of LL, L, H, HH"))
    }

    @Test func wrongTypesSayWhatWasExpected() {
        let found = Self.problems("""
            name: [a, b]
            observe:
              poll:
                url: ftp://h/e
                intervalMs: soon
                headers: [x]
                items: events
            time: arrival
            """)
        #expect(found.map(\.location.line) == [1, 4, 5, 6, 7, 8])
        #expect(found[0].message == "expected text for name, found a list")
        #expect(found[1].message.contains("expected an http:// or https:// URL for observe.poll.url, found 'ftp://h/e'"))
        #expect(found[2].message.contains("expected a whole number of milliseconds"))
        #expect(found[2].message.contains("found 'soon'"))
        #expect(found[3].message.contains("expected a mapping of text to text for observe.poll.headers, found a list"))
        #expect(found[4].message.contains("expected a JSON pointer"))
        #expect(found[5].message.contains("expected one of field, received for time, found 'arrival'"))
        #expect(found[5].location.column == 7)
    }

    @Test func missingObserve() {
        let found = Self.problems("name: x\ndescription: nothing to watch\n")
        #expect(found.count == 1)
        #expect(found.first?.location.line == 1)
        #expect(found.first?.message.contains("needs 'observe' with one of: webhook, poll, jsonl") == true)
    }

    @Test func twoObserveKinds() {
        let found = Self.problems("""
            name: x
            observe:
              webhook: {listen: 127.0.0.1:9300}
              jsonl: {path: e.jsonl}
            """)
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: "t.yaml", line: 4, column: 3))
        #expect(found.first?.message.contains("exactly one of webhook, poll, jsonl, found both 'webhook' and 'jsonl'") == true)
    }

    @Test func observeKindTypoSuggests() {
        let found = Self.problems("name: x\nobserve:\n  webhok: {listen: 127.0.0.1:1}\n")
        #expect(found.first?.suggestion == "webhook")
        #expect(found.first?.location.line == 3)
    }

    @Test func requiredKeysInsideSections() {
        let found = Self.problems("""
            name: x
            uplink: {token: abc}
            modbus: {listen: nowhere}
            observe:
              webhook: {path: hook}
            """)
        let messages = found.map(\.description)
        #expect(messages.contains { $0.hasPrefix("t.yaml:2:9: error: uplink needs 'url'") })
        #expect(messages.contains { $0.hasPrefix("t.yaml:3:18: error: expected host:port for modbus.listen") })
        #expect(messages.contains { $0.contains("expected a path starting with '/' for observe.webhook.path") })
        #expect(messages.contains { $0.contains("observe.webhook needs 'listen'") })
    }

    @Test func badPointerAndPlaceholder() {
        let found = Self.problems("""
            name: x
            observe: {poll: {url: 'http://h:${PORT/e'}}
            mapping: {point: /a~2b}
            """)
        #expect(found.map(\.location.line) == [2, 3])
        #expect(found[0].message.contains("unclosed placeholder"))
        #expect(found[1].message.contains("'~' must be followed by 0 or 1"))
    }

    @Test func yamlSyntaxErrorHasPosition() {
        let found = Self.problems("name: x\nobserve: {poll: [\n")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("YAML syntax error") == true)
        #expect((found.first?.location.line ?? 0) >= 2)
    }

    @Test func placeholdersWithDefaults() {
        var missing: [String] = []
        #expect(Placeholders.substitute("a${X}b${Y:-dflt}c${Z}", ["X": "1"], missing: &missing) == "a1bdfltc${Z}")
        #expect(missing == ["Z"])
        #expect(Placeholders.syntaxProblem(in: "${1X}") != nil)
        #expect(Placeholders.syntaxProblem(in: "plain $ and {braces}") == nil)
    }
}

@Suite struct MakeObserverTests {
    @Test func eachObserveKindGivesItsObserver() throws {
        let spec = try TargetFileParserTests.load("Scenarios/targets/reference.yaml")
        let map = WallToPlant(wallStartMs: 0)
        #expect(try spec.makeObserver(epochUnixMs: 0, timeMap: map, variables: ["PORT": "1"]) is PollingObserver)
        #expect(throws: UnresolvedPlaceholders.self) { try spec.makeObserver(epochUnixMs: 0, timeMap: map) }
        let vendor = try TargetFileParserTests.load("Scenarios/targets/example-vendor.yaml")
        #expect(try vendor.makeObserver(epochUnixMs: 0, timeMap: map, variables: ["ANJIAN_TOKEN": "t"]) is WebhookObserver)
        let file = try TargetFileParser.parse(text: "name: f\nobserve: {jsonl: {path: e.jsonl}}\n", file: "/srv/t/f.yaml")
        let observer = try file.makeObserver(epochUnixMs: 0, timeMap: map)
        #expect((observer as? JSONLFileObserver)?.file.path == "/srv/t/e.jsonl")
    }
}
