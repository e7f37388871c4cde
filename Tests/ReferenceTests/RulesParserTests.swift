import Reference
import SimCore
import Testing

@Suite struct RulesParserTests {
    @Test func shippedDefaultFileIsExactlyTheBuiltInDefaults() throws {
        let parsed = try Shipped.defaultRules()
        let defaults = ReferenceRules.defaults
        #expect(parsed.alarms == defaults.alarms)
        #expect(parsed.quality == defaults.quality)
        #expect(parsed.points == defaults.points)
        #expect(parsed.stateRules == defaults.stateRules)
        #expect(parsed.rateRules == defaults.rateRules)
        #expect(parsed.interlocks == defaults.interlocks)
        #expect(parsed.exclusions == defaults.exclusions)
        #expect(parsed.risk == defaults.risk)
        #expect(parsed.disabledRules == defaults.disabledRules)
        #expect(parsed == defaults)
    }

    @Test func aFileChangesOnlyWhatItSays() throws {
        let rules = try RulesParser.parse("""
            quality: { offlineAfter: 30s }
            risk:
              rules:
                RED-4-co-personnel-area-5m: { enabled: false }
                ORANGE-critical-uncleared-10m: { after: 15m }
            disabledRules: [RATE-launder-outlet]
            exclusions:
              maintenance: [{ enterprise: "4501050001GT", equipment: CR1 }]
            """)
        #expect(rules.quality.offlineAfter == .seconds(30) && rules.quality.frozenAfter == .seconds(60))
        #expect(rules.disabledRules == [RiskRuleID.red4, "RATE-launder-outlet"])
        #expect(rules.risk.criticalUnclearedOrange == .minutes(15))
        #expect(rules.exclusions.maintenance == [.init(enterprise: "4501050001GT", name: "CR1")])
        #expect(rules.stateRules == ReferenceRules.defaults.stateRules)
    }

    @Test func aRulesFileIsReadUnderTheSameLimitsAsEveryConfigFile() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + (1...6).map { "l\($0): &l\($0) [*\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)")]" }.joined(separator: "\n")
        #expect { try RulesParser.parse(bomb) } throws: { "\($0)".contains("document expands beyond 100000 nodes") }
        let huge = "disabledRules: []\n" + String(repeating: "# padding\n", count: 110_000)
        #expect { try RulesParser.parse(huge) } throws: { "\($0)".hasPrefix("rules.yaml:1:1: error: file is") }
        #expect((try? RulesParser.parse("# nothing but a comment\n")) == ReferenceRules.defaults)
    }

    @Test(arguments: [
        ("alarms:\n  deadband: 2\n", "rules.yaml:2:3: error: unknown key 'deadband' in alarms"),
        ("quality:\n  offlineAfter: 300\n", "rules.yaml:2:17: error: offlineAfter must be a duration"),
        ("risk:\n  rules:\n    RED-9-made-up: {}\n", "rules.yaml:3:5: error: unknown key 'RED-9-made-up'"),
        ("stateRules:\n  - id: x\n    point: CM_MODE\n", "rules.yaml:2:5: error: a state rule needs 'equals'"),
        ("points:\n  - point: X\n    when: { point: Y, above: 3 }\n", "rules.yaml:3:23: error: unknown key 'above'"),
        // The one config reader's syntax message (was "YAML: did not find …"): what it was parsing and where.
        ("alarms: [1, 2\n", "rules.yaml:2:1: error: YAML syntax error: while parsing a flow sequence at 1:9"),
    ])
    func errorsCarryLineAndColumn(text: String, expected: String) {
        #expect {
            try RulesParser.parse(text)
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }
}
