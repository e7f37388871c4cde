import Conformance
import Reports
import Testing

/// Live-run delivery figures in the HTML report's evidence and the terminal summary.
@Suite struct DeliverySectionTests {
    static func live() -> RunResult {
        var scenario = ReportFixtures.blastFurnace
        scenario.delivery = DeliveryFigures(enterprises: [
            .init(enterprise: "E1", sent: 1210, delivered: 955, rejected: 0, undelivered: 255, backlogHighWater: 260,
                  lagP50Ms: 1200, lagP99Ms: 4000, lagSamples: 40),
        ], setAside: 12)
        var run = ReportFixtures.run
        run.scenarios = [scenario, ReportFixtures.converter]
        return run
    }

    @Test func theReportShowsBatchesBacklogLagAndSetAsidePerScenarioAndEnterprise() {
        let html = HTMLReport.render(Self.live(), evidence: [:])
        #expect(html.contains("<h2>Delivery and lag</h2>"))
        #expect(html.contains("<tr class=\"fail\"><td><a href=\"#scenario-1\">BF-01</a></td><td>E1</td>"
            + "<td class=\"num\">1210</td><td class=\"num\">955</td><td class=\"num\">0</td><td class=\"num\">255</td>"
            + "<td class=\"num\">260</td><td class=\"num\">1s200ms</td><td class=\"num\">4s</td><td class=\"num\">12</td></tr>"))
        #expect(!HTMLReport.render(ReportFixtures.run, evidence: [:]).contains("Delivery and lag"),
                "a lockstep run has no such section")
    }

    @Test func theTerminalSummaryGivesOneDeliveryLinePerLiveScenario() {
        let text = TerminalSummary.render(Self.live())
        #expect(text.contains("BF-01 delivery: E1 1210 sent, 955 delivered, 255 undelivered (backlog ≤ 260), "
            + "lag p50 1s200ms p99 4s; 12 target events set aside\n"))
        #expect(!TerminalSummary.render(ReportFixtures.run).contains("delivery:"))
    }

    @Test func verdictsWithoutDeliveryFiguresKeepTheirJSON() throws {
        #expect(try !JSONReport.render(ReportFixtures.run).contains("\"delivery\""))
        let decoded = try JSONReport.parse(try JSONReport.render(Self.live()), file: "verdicts.json")
        #expect(decoded.scenarios.first?.delivery?.enterprises.first?.undelivered == 255)
    }
}
