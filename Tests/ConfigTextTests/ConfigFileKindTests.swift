import ConfigText
import Testing

@Suite struct ConfigFileKindTests {
    @Test func eachShippedKindIsRecognisedByItsTopLevelKeys() {
        #expect(ConfigFileKind.detect("name: vendor\nobserve:\n  jsonl: { path: x }\n") == .target)
        #expect(ConfigFileKind.detect("4501810001GT:\n  appId: a\n  appSecret: s\n  keyHex: k\n  ivHex: i\n") == .credentials)
        #expect(ConfigFileKind.detect("schemaVersion: 1\nrisk:\n  timing: {}\n") == .rules)
        #expect(ConfigFileKind.detect("disabledRules: [RED-1]\n") == .rules)
        #expect(ConfigFileKind.detect("name: p\nendpoints: { basic: /b }\n") == .profile)
        #expect(ConfigFileKind.detect("enterprise:\n  code: X\nequipment: []\n") == .plant)
        #expect(ConfigFileKind.detect("id: ST-01\nplant: ../plants/steel-works.yaml\ntimeline: []\n") == .scenario)
    }

    @Test func nestedAndCommentedKeysDoNotDecideTheKind() {
        // `risk:` indented under another key, `observe:` in a comment or text: still a scenario.
        #expect(ConfigFileKind.detect("id: x\nnotes:\n  risk: high\n# observe: nothing\ndescription: \"observe: no\"\n") == .scenario)
        #expect(ConfigFileKind.topLevelKeys("a: 1\n  b: 2\nc:\nd:e\n- f: 3\n") == ["a", "c"])
    }

    @Test func aTargetFileWithAProfileKeyIsStillATarget() {
        #expect(ConfigFileKind.detect("fields: {}\nobserve:\n  poll: { url: http://x }\n") == .target)
    }
}
