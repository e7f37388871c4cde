import ConfigText
import Testing

@Suite struct ConfigReaderTests {
    func parse(_ text: String, maxBytes: Int = 1 << 20, emptyIsNull: Bool = false) -> (YNode?, [String]) {
        let sink = DiagnosticSink()
        let node = YAMLDocument.parse(text: text, file: "f.yaml", maxBytes: maxBytes, maxNodes: 1000,
                                      emptyIsNull: emptyIsNull, into: sink)
        return (node, sink.sorted.map(\.description))
    }

    @Test func nodesKnowWhereTheyCameFrom() throws {
        let (root, problems) = parse("a: 1\nb:\n  c: [x, 'y']\n")
        #expect(problems.isEmpty)
        guard case .mapping(let pairs) = try #require(root).value else { Issue.record("not a mapping"); return }
        #expect(pairs.map { $0.key.scalarText } == ["a", "b"])
        #expect(pairs[1].key.location.description == "f.yaml:2:1")
        guard case .mapping(let inner) = pairs[1].value.value, case .sequence(let items) = inner[0].value.value else {
            Issue.record("not nested"); return
        }
        #expect(items.map(\.location.column) == [7, 10])
        #expect(items[0].isPlainScalar && !items[1].isPlainScalar)
    }

    @Test func limitsAndSyntaxErrorsAreDiagnosticsWithPositions() {
        #expect(parse(String(repeating: "a", count: 20), maxBytes: 10).1
            == ["f.yaml:1:1: error: file is 20 bytes, larger than the limit of 10 bytes"])
        #expect(parse("a: [1, 2\n").1.first?.hasPrefix("f.yaml:2:1: error: YAML syntax error:") == true)
        #expect(parse("a: &x [1,2]\nb: *x\nc: *x\n" + (0..<600).map { "k\($0): *x" }.joined(separator: "\n")).1.first?
            .contains("document expands beyond 1000 nodes") == true)
        #expect(parse("").1 == ["f.yaml:1:1: error: expected a mapping, found an empty document"])
        #expect(parse("", emptyIsNull: true).0?.isNull == true)
    }

    @Test func theMapReaderNamesUnknownKeysWithASuggestionAndMissingOnes() throws {
        let sink = DiagnosticSink()
        let reader = YAMLReader(sink: sink)
        let parsed = YAMLDocument.parse(text: "nmae: x\nseed: soon\n", file: "s.yaml", maxBytes: 1000, maxNodes: 100, into: sink)
        let root = try #require(parsed)
        let map = try #require(MapReader(root, what: "the scenario", keys: ["name", "seed"], reader: reader))
        #expect(map.require("name") == nil)
        let seed = try #require(map["seed"])
        #expect(reader.integer(seed) == nil)
        #expect(sink.sorted.map(\.description) == [
            "s.yaml:1:1: error: unknown key 'nmae' in the scenario (did you mean 'name'?)",
            "s.yaml:1:1: error: missing required key 'name' in the scenario",
            "s.yaml:2:7: error: expected a whole number, found 'soon'",
        ])
    }

    @Test func typedScalarsReadWhatYAMLWrites() throws {
        let sink = DiagnosticSink()
        let reader = YAMLReader(sink: sink)
        let root = try #require(YAMLDocument.parse(text: "[1_000, -1.5e2, true, '12', ~]", file: "t.yaml", maxBytes: 100,
                                                   maxNodes: 100, into: sink))
        let items = try #require(reader.sequence(root))
        #expect(reader.integer(items[0]) == 1000)
        #expect(reader.number(items[1]) == -150)
        #expect(reader.bool(items[2]) == true)
        #expect(reader.number(items[3]) == nil)  // a quoted number is text
        #expect(reader.optionalString(items[4]) == .some(nil))
        #expect(sink.sorted.map(\.description) == ["t.yaml:1:23: error: expected a number, found '12'"])
    }

    @Test func suggestionsAreNearMissesOnly() {
        #expect(Suggest.closest(to: "readigns", among: ["readings", "alarms"]) == "readings")
        #expect(Suggest.closest(to: "zzz", among: ["readings", "alarms"]) == nil)
    }
}
