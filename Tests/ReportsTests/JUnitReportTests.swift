import Conformance
import Foundation
@testable import Reports
import Testing

@Suite struct JUnitReportTests {
    let xml = JUnitReport.render(ReportFixtures.run)

    /// Set `TUNDISH_WRITE_GOLDEN=/some/file` to write the current output there (to refresh the golden).
    @Test func matchesGolden() throws {
        if let path = ProcessInfo.processInfo.environment["TUNDISH_WRITE_GOLDEN"] {
            try xml.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(xml == JUnitGolden.sample)
    }

    @Test func isWellFormedWithASuitePerScenario() throws {
        let doc = XMLStructure.parse(xml)
        #expect(doc.error == nil, "\(doc.error ?? "")")
        let root = try #require(doc.named("testsuites").first)
        #expect(root.attributes["tests"] == "5")
        #expect(root.attributes["failures"] == "1")
        #expect(root.attributes["errors"] == "3")
        let suites = doc.named("testsuite")
        #expect(suites.map { $0.attributes["name"] } == ["BF-01", "BOF-02"])
        #expect(suites.map { $0.attributes["tests"] } == ["3", "2"])
        #expect(suites.map { $0.attributes["errors"] } == ["1", "2"])
    }

    @Test func timesAreWallSecondsAndPlantTimeIsAProperty() throws {
        let doc = XMLStructure.parse(xml)
        // BF-01 ran for 1.25 s of wall time (600 s of plant time); BOF-02's results carry no wall time.
        #expect(doc.named("testsuites").first?.attributes["time"] == "1.250")
        #expect(doc.named("testsuite").map { $0.attributes["time"] } == ["1.250", "0.000"])
        let plant = doc.named("property").filter { $0.attributes["name"] == "plantTimeS" }.map { $0.attributes["value"] }
        #expect(plant == ["600.000", "90.000"])
        #expect(doc.named("testcase").allSatisfy { $0.attributes["time"] == "0.000" })
    }

    @Test func propertiesIdentifyTheScenarioAndRun() {
        let doc = XMLStructure.parse(xml)
        let props = Dictionary(doc.named("property").prefix(16).map { ($0.attributes["name"] ?? "", $0.attributes["value"] ?? "") },
                               uniquingKeysWith: { a, _ in a })
        #expect(props["seed"] == "42")
        #expect(props["digest"] == "9f2c1e")
        #expect(props["file"] == "scenarios/bf-01.yaml")
        #expect(props["tundishVersion"] == "0.9.0")
        #expect(props["mode"] == "lockstep")
        #expect(props["target"] == "reference")
        #expect(props["titleEn"] == "Blast furnace <stove> & \"top\" pressure")
        #expect(props["enterpriseNames"] == "E1 柳州示例钢铁有限公司 (柳北区)")
        #expect(props["rules"] == "Scenarios/rules/default.yaml")
        #expect(props["rulesDigest"] == "c0ffee12")
    }

    @Test func casesCarryLatencyFailuresAndErrors() throws {
        let doc = XMLStructure.parse(xml)
        let cases = doc.named("testcase")
        #expect(cases.map { $0.attributes["name"] } == ["hh-raised", "grade-red", "data", "scenario", "o2"])
        #expect(cases.map { $0.attributes["classname"] } == ["BF-01", "BF-01", "BF-01", "BOF-02", "BOF-02"])
        #expect(cases[0].attributes["latencyS"] == "2.500")
        #expect(cases[0].attributes["file"] == "scenarios/bf-01.yaml")
        #expect(cases[0].attributes["line"] == "20")
        let failure = try #require(doc.named("failure").first)
        #expect(failure.attributes["message"] == "grade stayed orange <max>")
        for line in ["expected: grade at E1 reaches red in [t+2m, t+5m]", "window:   [t+2m, t+5m]",
                     "first:    t+2m30s", "last:     t+4m40s", "seen:     3×", "clauses:  AQ 2002 §4",
                     "note:     grading lags by design?", "at scenarios/bf-01.yaml:27:7"] {
            #expect(failure.text.contains(line), "missing \(line)")
        }
        let errors = doc.named("error")
        #expect(errors.count == 3)
        #expect(errors[1].attributes["message"] == "could not bind 0.0.0.0:1502 <EADDRINUSE>")
        #expect(errors[1].attributes["type"] == "scenario")
        #expect(errors[2].attributes["message"] == "harness error at t+0s: modbus port busy")
    }

    @Test(arguments: [
        ("a/b.yaml:3:5", "a/b.yaml", 3), ("C:/x.yaml:3:5", "C:/x.yaml", 3), ("b.yaml:7", "b.yaml", 7),
        ("somewhere", "somewhere", nil), ("", nil, nil),
    ] as [(String, String?, Int?)])
    func fileAndLineComeFromTheLocation(location: String, file: String?, line: Int?) {
        let parsed = JUnitReport.fileAndLine(location)
        #expect(parsed.0 == file)
        #expect(parsed.1 == line)
    }

    @Test func emptyRunIsStillValid() {
        let empty = RunResult(tundishVersion: "0", seed: 1, mode: "lockstep", target: "reference", startedAt: "-",
                              replay: "tundish run", scenarios: [])
        let doc = XMLStructure.parse(JUnitReport.render(empty))
        #expect(doc.error == nil)
        #expect(doc.named("testsuites").first?.attributes["tests"] == "0")
    }
}
