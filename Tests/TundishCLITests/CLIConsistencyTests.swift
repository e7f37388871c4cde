import Foundation
import Testing

/// Issue #14, "consistent CLI": did-you-mean for subcommands, usage naming the subcommand, one
/// error style, documented exit codes, missing files named as missing, options that do nothing refused.
@Suite struct CLIConsistencyTests {
    static let scenario = "Scenarios/aluminium/AL-01-mould-water-loss.yaml"

    @Test func aMisspeltSubcommandGetsADidYouMeanAndExit64() throws {
        let result = try CLIRunner.run(["rnu", "Scenarios"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: unknown subcommand 'rnu' (did you mean 'run'?)\n"), "\(result.stderr)")
        let nested = try CLIRunner.run(["report", "mrege", "a.json"])
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("unknown subcommand 'mrege' (did you mean 'merge'?)"))
        #expect(nested.stderr.contains("Usage: tundish report <subcommand>"))
    }

    @Test func usageErrorsNameTheSubcommandAndSayErrorOnce() throws {
        let serve = try CLIRunner.run(["serve", "--poll-interval", "soon"])
        #expect(serve.status == 64)
        #expect(serve.stderr.hasPrefix("error: --poll-interval expects a duration"), "\(serve.stderr)")
        #expect(serve.stderr.contains("Usage: tundish serve"))
        let slave = try CLIRunner.run(["slave", Self.scenario, "--duration", "forever"])
        #expect(slave.status == 64)
        #expect(slave.stderr.contains("Usage: tundish slave"))
        let option = try CLIRunner.run(["run", "--sped", "3"])
        #expect(option.status == 64)
        #expect(option.stderr.hasPrefix("error: "))
        let credentials = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID()).yaml")
        defer { try? FileManager.default.removeItem(at: credentials) }
        try "X: {appId: a, appSecret: b, keyHex: zz, ivHex: zz}\n".write(to: credentials, atomically: true, encoding: .utf8)
        for result in [serve, slave, option, try CLIRunner.run(["serve", "--credentials", credentials.path, "--http", "127.0.0.1:0"])] {
            #expect(!result.stderr.lowercased().contains("error: error:"), "\(result.stderr)")
            #expect(!result.stderr.contains("Error: "), "\(result.stderr)")
        }
    }

    @Test func helpDocumentsExitCodesAndTheDefaultSpeed() throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        for text in ["0 pass", "1 fail", "2 harness or target error", "64 usage error"] { #expect(help.stdout.contains(text), "\(text)") }
        let run = try CLIRunner.run(["run", "--help"])
        let flat = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("accelerated mode only (default: 10)"), "\(run.stdout)")
    }

    @Test func aMissingFileIsNamedAsMissingNotAsAPosition() throws {
        for arguments in [["simulate", "nope.yaml"], ["points", "nope.yaml"], ["validate", "nope.yaml"], ["run", "nope.yaml"]] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: no such file") && result.stderr.contains(": nope.yaml"), "\(result.stderr)")
            #expect(!result.stderr.contains("nope.yaml:1:1"))
        }
        let rules = try CLIRunner.run(["run", Self.scenario, "--rules", "gone.yaml"])
        #expect(rules.stderr == "error: no such file: gone.yaml\n")
        let merge = try CLIRunner.run(["report", "merge", "gone/verdicts.json"])
        #expect(merge.status == 2)
        #expect(merge.stderr == "error: no such file: gone/verdicts.json\n")
    }

    @Test func aScenarioThatDoesNotLoadIsSummarisedWithItsReasonAndNoSeedZeroReplay() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "id: X\ntitle: { zh: 坏, en: Bad }\nplant: nowhere.yaml\nduration: 1m\ntimeline: []\nexpect: []\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", bad.path, "--out", dir.appendingPathComponent("out").path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("bad: ERROR \(bad.path):"), "\(run.stdout)")
        #expect(run.stdout.contains("cannot read plant file"), "\(run.stdout)")
        #expect(!run.stdout.contains("replay bad:"))
        #expect(!run.stdout.contains("--seed 0"))
        #expect(!run.stderr.contains("seed 0"))
        #expect(run.stderr.contains("ERROR bad · not loaded: "))
    }

    @Test func pointsOfAScenarioPrintsItsPlantsPoints() throws {
        let result = try CLIRunner.run(["points", Self.scenario, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("is a scenario; the points of its plant file"))
        #expect(result.stderr.contains("aluminium-casting.yaml"))
        #expect(result.stdout.hasPrefix("code,nameZh,"))
        #expect(result.stdout.contains("\nMW_Q_IN,"))
    }

    @Test func optionsThatDoNothingInTheChosenModeAreRefused() throws {
        let speed = try CLIRunner.run(["run", Self.scenario, "--speed", "60"])
        #expect(speed.status == 64)
        #expect(speed.stderr.hasPrefix("error: --speed 60.0 applies to --mode accelerated only"), "\(speed.stderr)")
        let drain = try CLIRunner.run(["run", Self.scenario, "--drain-timeout", "5"])
        #expect(drain.status == 64)
        #expect(drain.stderr.contains("--drain-timeout applies to --mode realtime or accelerated only"))
        let rules = try CLIRunner.run(["run", Self.scenario, "--target", "Tests/Targets/unreachable.yaml", "--mode", "accelerated",
                                       "--rules", "Scenarios/rules/default.yaml"])
        #expect(rules.status == 64)
        #expect(rules.stderr.contains("--rules and --disable-rule apply to the embedded reference platform"))
        let interval = try CLIRunner.run(["serve", "--poll-interval", "100ms"])
        #expect(interval.status == 64)
        #expect(interval.stderr.contains("--poll-interval applies to --poll only"))
        let token = try CLIRunner.run(["slave", Self.scenario, "--token", "T"])
        #expect(token.status == 64)
        #expect(token.stderr.contains("--token applies to the uplink only"))
    }

    @Test func quietMeansNoBannerAndNoProgress() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["run", Self.scenario, "--quiet", "--out", dir.path])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("PASS"))
    }

    @Test func anUnsetTargetPlaceholderSaysHowToFillIt() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("t.yaml")
        try """
            name: t
            uplink:
              url: http://127.0.0.1:9
              token: ${TUNDISH_TEST_UNSET_TOKEN}
            observe:
              poll:
                url: http://127.0.0.1:9/api/v1/events
                intervalMs: 200
                timeoutMs: 500
                cursor: { param: afterSeq, field: /seq, start: "0" }
                items: /events
            time: field
            """.write(to: target, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", Self.scenario, "--target", target.path, "--mode", "accelerated", "--speed", "600",
                                     "--out", dir.appendingPathComponent("out").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("export TUNDISH_TEST_UNSET_TOKEN=…"), "\(run.stderr)")
    }
}
