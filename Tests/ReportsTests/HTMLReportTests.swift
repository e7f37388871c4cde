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
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\"/>"))
        for external in ["http://", "https://", "<script", "<link", "@import", "url(", "src="] {
            #expect(!html.contains(external), "found \(external)")
        }
        var reordered: [String: ScenarioEvidence] = [:]
        for key in ReportFixtures.evidence.keys.sorted().reversed() { reordered[key] = ReportFixtures.evidence[key] }
        #expect(HTMLReport.render(ReportFixtures.run, evidence: reordered) == html)
    }

    @Test func headerSummaryAndEvidence() {
        let d = doc
        #expect(d.named("title").first?.text == "安全生产风险监测预警系统符合性测试报告 Tundish conformance report — 错误 ERROR — reference")
        let header = d.elements.filter { $0.name == "header" }
        #expect(header.first?.classes == ["run", "error"])
        #expect(html.contains("<dt>开始时间 Started at</dt><dd>2025-01-02T03:04:05Z</dd>"))
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
        #expect(section.withClass("panel-title").first?.text == "炉顶压力 Top pressure · TP · E1 [MPa]")
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

    @Test func labelsAreInChineseAndEnglish() {
        let d = doc
        let terms = d.named("dt").map(\.text)
        for term in ["结论 Outcome", "被测平台 Target", "随机种子 Seed", "企业 Enterprises", "输入摘要 Input digest",
                     "风险规则文件 Risk rules", "规则摘要 (SHA-256) Rules digest"] {
            #expect(terms.contains(term), "no label \(term) in \(terms)")
        }
        #expect(d.withClass("badge").map(\.text).contains("通过 PASS"))
        #expect(d.named("th").map(\.text).contains("最长延迟 Worst latency"))
        #expect(d.subtree(id: "scenario-1").named("h3").map(\.text)
            == ["时间线 Timeline", "预期 Expectations", "报警记录 Alarms", "报警质量 Alarm quality"])
        #expect(d.withClass("lane-label").map(\.text) == ["预期 expectations", "预警等级 E1", "其他报警 other alarms",
                                                           "预期 expectations"])
        #expect(d.withClass("grade-label").map(\.text) == ["蓝 blue", "橙 orange"])
    }

    @Test func enterpriseNameAndDistrictStandBesideItsCode() {
        let section = doc.subtree(id: "scenario-1")
        let identity = "E1 · 柳州示例钢铁有限公司 Liuzhou Example Steel Co., Ltd. · 柳北区 (450202)"
        #expect(section.named("dd").map(\.text).contains(identity))
        #expect(doc.subtree(id: "summary").allText.contains("E1 · 柳州示例钢铁有限公司 · 柳北区 (450202)"))
        #expect(doc.subtree(id: "evidence").allText.contains("柳州示例钢铁有限公司"))
        // Results without the identity (written before it existed) show the code alone.
        #expect(doc.subtree(id: "scenario-2").named("dd").first?.text == "E2")
    }

    @Test func evidenceNamesTheRulesFileAndItsDigest() {
        let evidence = doc.subtree(id: "evidence")
        let terms = evidence.named("dt").map(\.text)
        #expect(terms.contains("风险规则文件 Risk rules") && terms.contains("规则摘要 (SHA-256) Rules digest"))
        #expect(evidence.named("code").map(\.text).contains("Scenarios/rules/default.yaml"))
        #expect(evidence.named("code").map(\.text).contains("c0ffee12"))
        #expect(evidence.allText.contains("1.250 s"), "the wall time of BF-01")
        var old = ReportFixtures.run
        old.rules = nil
        let older = XMLStructure.parse(HTMLReport.render(old, evidence: [:])).subtree(id: "evidence")
        #expect(older.allText.contains("not recorded in these results"))
    }

    @Test func alarmTableListsEveryAlarmWithItsMessage() {
        let table = doc.subtree(id: "scenario-1").withClass("alarms", "table")
        #expect(table.count == 1)
        let section = doc.subtree(id: "scenario-1")
        #expect(section.allText.contains("炉顶压力 Top pressure 0.310 MPa ≥ HH 0.3"))
        #expect(section.allText.contains("报警信息 Message"))
        #expect(section.allText.contains("t+3m20s"), "a-1 cleared at t+3m20s")
        #expect(section.allText.contains("CW"))
        #expect(doc.subtree(id: "scenario-2").allText.contains("No history recorded."))
    }
}
