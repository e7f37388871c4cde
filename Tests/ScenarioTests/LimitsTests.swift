import Scenario
import Testing

/// Hostile inputs are refused quickly, with a position.
@Suite struct LimitsTests {
    static let bomb = """
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """

    @Test func aliasBombIsRejected() {
        let diagnostics = Fixtures.loader(["bomb.yaml": Self.bomb]).validate(path: "bomb.yaml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "document expands beyond 100000 nodes (YAML alias bomb?)")
        #expect((diagnostics.first?.location.line ?? 0) >= 1)
    }

    /// Yams hashes mapping keys while composing, so keys made of aliases are refused before parsing.
    @Test(arguments: ["\nj: { ? *i : x, ? *h : y }\n", "\n*i : x\n", "\nk: {[*i, *h]: x}\n", "\n[*i]: y\n"])
    func aliasesInKeysAreRefused(extra: String) {
        let diagnostics = Fixtures.loader(["k.yaml": Self.bomb + extra]).validate(path: "k.yaml").map(\.description)
        #expect(diagnostics == ["k.yaml:10:1: error: aliases may not be used in mapping keys (complex keys are not supported with aliases)"])
    }

    @Test func plainAliasesStillWork() {
        let text = "a: &x {p: 1}\nb: *x\nc: [*x, *x]\nd: {e: *x, f: *x}\n"
        let diagnostics = Fixtures.loader(["k.yaml": text]).validate(path: "k.yaml")
        #expect(!diagnostics.isEmpty)
        #expect(!diagnostics.contains { $0.message.contains("alias") })
    }

    @Test func oversizedFileIsRejectedAtOneOne() {
        let text = String(repeating: "# padding\n", count: 20)
        let loader = Fixtures.loader(["big.yaml": text], limits: LoadLimits(maxBytes: 100, maxNodes: 1000))
        #expect(loader.validate(path: "big.yaml").map(\.description)
                == ["big.yaml:1:1: error: file is 200 bytes, larger than the limit of 100 bytes"])
    }

    @Test func deepNestingIsRejected() {
        let text = "a: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let diagnostics = Fixtures.loader(["deep.yaml": text]).validate(path: "deep.yaml").map(\.description)
        #expect(diagnostics == ["deep.yaml:1:1: error: document nests deeper than 200 levels"])
        let dashes = String(repeating: "- ", count: 5000) + "x"
        #expect(Fixtures.loader(["d.yaml": dashes]).validate(path: "d.yaml").count == 1)
    }

    @Test func emptyAndNonMappingDocuments() {
        let loader = Fixtures.loader(["e.yaml": "", "l.yaml": "- 1\n- 2\n", "n.yaml": "~\n"])
        #expect(loader.validate(path: "e.yaml").map(\.description) == ["e.yaml:1:1: error: expected a mapping, found an empty document"])
        #expect(loader.validate(path: "l.yaml").map(\.description) == ["l.yaml:1:1: error: expected a mapping for scenario, found a list"])
        #expect(loader.validate(path: "n.yaml").map(\.description) == ["n.yaml:1:1: error: expected a mapping for scenario, found null"])
    }
}
