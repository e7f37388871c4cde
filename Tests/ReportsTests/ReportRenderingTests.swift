import Conformance
import Foundation
import Reports
import Testing

/// The report checked as a person would see it: a real report (the AL-01 lockstep run kept in
/// Fixtures/AL-01) rendered by headless Chromium; assertions on the text it shows and on where it
/// lays the timeline's labels out; a screenshot kept beside the rendered file to look at.
@Suite(.serialized) struct ReportRenderingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/AL-01")
    /// Per process, so that runs in several checkouts at once do not share Chromium's profile.
    static let output = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("tundish-report-rendering-\(ProcessInfo.processInfo.processIdentifier)")

    /// The run and its evidence as `tundish run` saved them.
    static func fixture() throws -> (run: RunResult, evidence: [String: ScenarioEvidence]) {
        let run = try JSONReport.parse(
            String(contentsOf: fixtures.appendingPathComponent("verdicts.json"), encoding: .utf8), file: "verdicts.json")
        let lines = try String(contentsOf: fixtures.appendingPathComponent("history.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let history = try lines.map { try JSONDecoder().decode(HistoryRecord.self, from: Data($0.utf8)) }
        let series = try JSONDecoder().decode(
            [PointSeries].self, from: Data(contentsOf: fixtures.appendingPathComponent("series.json")))
        let id = try #require(run.scenarios.first?.id)
        return (run, [id: ScenarioEvidence(history: history, series: series)])
    }

    /// Chromium's path; fails the test (not skips it) when it is missing.
    static func chromium() throws -> String {
        let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            let message = "headless Chromium is not installed (looked for \(candidates.joined(separator: ", "))): "
                + "run Tools/bootstrap, which installs the Debian package chromium"
            Issue.record(Comment(rawValue: message))
            throw CancellationError()
        }
        return found
    }

    /// Runs Chromium headless on a file; returns its standard output. Killed after 90 s.
    static func chromium(_ arguments: [String], page: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try chromium())
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(output.appendingPathComponent("profile").path)"]
            + arguments + [page.absoluteString]
        let captured = output.appendingPathComponent("chromium-\(arguments.count)-\(page.lastPathComponent).out")
        FileManager.default.createFile(atPath: captured.path, contents: nil)
        let handle = try FileHandle(forWritingTo: captured)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        let data = try Data(contentsOf: captured)
        return String(decoding: data, as: UTF8.self)
    }

    /// Measures in the browser: the page's visible text, and every pair of timeline labels whose
    /// laid-out boxes overlap. The report itself has no script: the probe is added to a copy.
    static let probe = """
        <script>
        document.fonts.ready.then(() => {
          const out = { text: document.body.innerText, labels: 0, overlaps: [] };
          for (const svg of document.querySelectorAll('svg.timeline')) {
            const boxes = [...svg.querySelectorAll('text')].map(t => ({ t: t.textContent, r: t.getBoundingClientRect() }));
            const marks = [...svg.querySelectorAll('circle')].map(c => ({ t: 'alarm marker', r: c.getBoundingClientRect() }));
            out.labels += boxes.length;
            const meet = (a, b, e) => a.left < b.right - e && b.left < a.right - e && a.top < b.bottom - e && b.top < a.bottom - e;
            for (let i = 0; i < boxes.length; i++) {
              for (let j = i + 1; j < boxes.length; j++)
                if (meet(boxes[i].r, boxes[j].r, 0.5)) out.overlaps.push(boxes[i].t + ' | ' + boxes[j].t);
              // Glyphs sit inside the text box, which has room above and below: 2px of slack.
              for (const m of marks) if (meet(boxes[i].r, m.r, 2)) out.overlaps.push(boxes[i].t + ' | ' + m.t);
            }
          }
          const pre = document.createElement('pre');
          pre.id = 'probe';
          pre.textContent = JSON.stringify(out);
          document.body.appendChild(pre);
        });
        </script>
        """

    struct Probe: Decodable {
        var text: String
        var labels: Int
        var overlaps: [String]
    }

    @Test func aRealReportReadsInBothLanguagesWithNamesAndNoOverlappingLabels() throws {
        let (run, evidence) = try Self.fixture()
        let html = HTMLReport.render(run, evidence: evidence)
        try? FileManager.default.removeItem(at: Self.output)
        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        let page = Self.output.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let probed = Self.output.appendingPathComponent("probe.html")
        try html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>")
            .write(to: probed, atomically: true, encoding: .utf8)

        let dom = try Self.chromium(["--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
                                     "--dump-dom"], page: probed)
        let start = try #require(dom.range(of: "<pre id=\"probe\">"), "the probe did not run: \(dom.prefix(300))")
        let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let probe = try JSONDecoder().decode(Probe.self, from: Data(json.utf8))

        let scenario = try #require(run.scenarios.first)
        let enterprise = try #require(scenario.enterpriseDetails?.first, "the fixture carries the enterprise's identity")
        let rules = try #require(run.rules, "the fixture carries the rules file")
        for visible in ["安全生产风险监测预警系统符合性测试报告 Tundish conformance report", "通过 PASS", "结论 Outcome",
                        "预警等级", "企业 Enterprises", enterprise.name, enterprise.regionName, "风险规则文件 Risk rules",
                        rules.file, rules.digest, "报警信息 Message", "m³/h"] {
            #expect(probe.text.contains(visible), "the page does not show \(visible)")
        }
        for wrong in ["PlantModel.", "null", "4.043040441960673"] {
            #expect(!probe.text.contains(wrong), "the page shows \(wrong)")
        }
        #expect(probe.labels > 20, "the timeline's labels were measured")
        #expect(probe.overlaps.isEmpty, "overlapping labels: \(probe.overlaps.joined(separator: "; "))")

        let shot = Self.output.appendingPathComponent("report.png")
        _ = try Self.chromium(["--screenshot=\(shot.path)", "--window-size=1280,2000"], page: page)
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "screenshot at \(shot.path)")
        try? FileManager.default.removeItem(at: Self.output.appendingPathComponent("profile"))
        print("report rendered at \(page.path), screenshot \(shot.path)")
    }
}
