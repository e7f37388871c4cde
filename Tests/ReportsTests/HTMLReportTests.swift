import Conformance
import Foundation
@testable import Reports
import Testing

@Suite struct HTMLReportTests {
    let html = HTMLReport.render(ReportFixtures.run, evidence: ReportFixtures.evidence)

    var doc: XMLStructure { XMLStructure.parse(html) }

    /// Set `TUNDISH_WRITE_HTML=/some/file.html` to write the sample report there (to look at it).
    @Test func isWellFormedSelfContainedAndDeterministic() throws {
        if let path = ProcessInfo.processInfo.environment["TUNDISH_WRITE_HTML"] {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(doc.error == nil, "\(doc.error ?? "")")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>"))
        for external in ["http://", "https://", "<script", "<link", "@import", "url(", "src="] {
            #expect(!html.contains(external), "found \(external)")
        }
        var reordered: [String: ScenarioEvidence] = [:]
        for key in ReportFixtures.evidence.keys.sorted().reversed() { reordered[key] = ReportFixtures.evidence[key] }
        #expect(HTMLReport.render(ReportFixtures.run, evidence: reordered) == html)
    }

    @Test func headerSummaryAndEvidence() {
        let d = doc
        #expect(d.named("title").first?.text == "Tundish conformance report — ERROR — reference")
        let header = d.elements.filter { $0.name == "header" }
        #expect(header.first?.classes == ["run", "error"])
        #expect(html.contains("<dt>Started at</dt><dd>2025-01-02T03:04:05Z</dd>"))
        #expect(html.contains("<code>tundish run scenarios --target reference --mode lockstep</code>"))
        let summary = d.subtree(id: "summary")
        #expect(summary.named("tr").count == 3)
        #expect(summary.named("a").map { $0.attributes["href"] } == ["#scenario-1", "#scenario-2"])
        #expect(summary.allText.contains("2s500ms"))
        let evidence = d.subtree(id: "evidence")
        for text in ["9f2c1e", "77aa01", "scenarios/bf-01.yaml", "scenarios/bof-02.yaml", "0.9.0", "lockstep"] {
            #expect(evidence.allText.contains(text), "evidence lacks \(text)")
        }
    }

    @Test func textIsEscaped() {
        #expect(html.contains("高炉 &lt;热风炉&gt; 冷却水 &amp; 炉顶压力"))
        #expect(html.contains("Blast furnace &lt;stove&gt; &amp; \"top\" pressure"))
        #expect(!html.contains("<热风炉>") && !html.contains("<stove>") && !html.contains("<max>"))
        #expect(html.contains("could not bind 0.0.0.0:1502 &lt;EADDRINUSE&gt;</p>"))
        #expect(!html.contains("\u{07}") && !html.contains("\u{01}"))
        #expect(doc.subtree(id: "scenario-1").allText.contains("高炉 <热风炉> 冷却水 & 炉顶压力"))
    }

    @Test func scenarioSectionHasTimelineWithEveryLayer() throws {
        let section = doc.subtree(id: "scenario-1")
        #expect(section.elements.first?.classes == ["scenario", "error"])
        let svg = section.named("svg")
        #expect(svg.count == 1)
        #expect(svg.first?.attributes["viewBox"]?.hasPrefix("0 0 960 ") == true)
        #expect(section.withClass("band", "path").count == 1)
        #expect(section.withClass("line", "path").count == 1)
        let band = try #require(section.withClass("band", "path").first?.attributes["d"])
        #expect(band.filter { $0 == "M" }.count == 2, "the missing bucket splits the band")
        #expect(section.withClass("limit", "line").map(\.classes) == [
            ["limit", "limit-hh"], ["limit", "limit-h"], ["limit", "limit-l"],
        ])
        #expect(section.withClass("limit-label").map(\.text) == ["HH 0.3 MPa", "H 0.25 MPa", "L 0.05 MPa"])
        #expect(section.withClass("alarm-raised", "circle").count == 2)
        #expect(section.withClass("alarm-cleared", "circle").count == 1)
        #expect(section.withClass("alarm-label").map(\.text) == ["CW L", "HH"])
        #expect(section.withClass("window", "rect").map(\.classes) == [
            ["window", "w-error"], ["window", "w-pass"], ["window", "w-fail"],
        ])
        #expect(section.withClass("window-label").map(\.text) == ["data", "hh-raised", "grade-red"])
        #expect(section.withClass("span", "rect").map(\.classes) == [["span", "w-pass"]])
        #expect(section.withClass("grade", "rect").map(\.classes) == [["grade", "g-blue"], ["grade", "g-orange"]])
        #expect(section.withClass("step", "line").count == 2)
        #expect(section.withClass("step-label").map(\.text) == ["surge", "valveFailed"])
        #expect(section.withClass("panel-title").first?.text == "Top pressure 炉顶压力 · TP · E1 [MPa]")
        #expect(section.withClass("axis", "g").count == 1)
        #expect(section.allText.contains("t+10m"))
    }

    @Test func verdictTableAndQuality() {
        let section = doc.subtree(id: "scenario-1")
        let table = section.withClass("verdicts", "table")
        #expect(table.count == 1)
        let rows = section.named("tr").filter { ["pass", "fail", "error"].contains($0.attributes["class"] ?? "") }
        #expect(rows.map { $0.attributes["class"] } == ["pass", "fail", "error"])
        for text in ["[t+1m, t+2m] (after 'surge')", "t+2m30s … t+4m40s (3×)", "scenarios/bf-01.yaml:27:7",
                     "Note: grading lags by design?", "GB 50427 §7.1", "E1/TP/HH", "Unexpected hazard alarms"] {
            #expect(section.allText.contains(text), "section lacks \(text)")
        }
    }

    @Test func scenarioWithoutEvidenceStillGetsATimeline() {
        let section = doc.subtree(id: "scenario-2")
        #expect(section.elements.first?.classes == ["scenario", "error"])
        #expect(section.named("svg").count == 1)
        #expect(section.withClass("window", "rect").map(\.classes) == [["window", "w-error"]])
        #expect(section.withClass("band").isEmpty)
        #expect(section.allText.contains("no point series recorded for this scenario"))
        #expect(section.withClass("scenario-error").count == 1)
    }

    @Test func manyWindowsShareLanesWhenTheyDoNotOverlap() {
        let scale = TimeScale(left: 120, width: 740, durationMs: 600_000)
        func v(_ id: String, _ start: Int64, _ end: Int64) -> Verdict {
            Verdict(id: id, kind: "k", outcome: .pass, expected: "", observed: "", windowStartMs: start,
                    windowEndMs: end, anchor: nil, location: "")
        }
        let lanes = WindowLanes(verdicts: [v("a", 0, 60_000), v("b", 300_000, 360_000), v("c", 30_000, 90_000)],
                                scale: scale)
        #expect(lanes.count == 2)
        #expect(lanes.placed.map(\.verdict.id) == ["a", "c", "b"])
        #expect(lanes.placed.map(\.lane) == [0, 1, 0])
    }
}
