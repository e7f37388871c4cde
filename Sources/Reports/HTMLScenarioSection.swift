import Conformance

/// One scenario's section of the HTML report: its identity (titles, file, clauses, digest, seed),
/// any scenario-level error, the SVG timeline with its legend, the verdict table and the
/// alarm-quality figures.
struct HTMLScenarioSection {
    let scenario: ScenarioResult
    let index: Int
    let evidence: ScenarioEvidence?

    func render() -> String {
        let s = scenario
        var out = "<section class=\"scenario \(s.outcome.rawValue)\" id=\"\(HTMLReport.anchor(index))\">\n"
        out += "<h2>\(HTMLReport.badge(s.outcome)) \(Markup.text(s.id))</h2>\n"
        out += "<p class=\"titles\"><span lang=\"zh-Hans\">\(Markup.text(s.titleZh))</span><br/>\(Markup.text(s.titleEn))</p>\n"
        out += HTMLReport.facts([
            ("File", "<code>\(Markup.text(s.file))</code>"),
            ("Clauses", Markup.text(ReportFormat.list(s.clauses))),
            ("Enterprises", Markup.text(ReportFormat.list(s.enterprises))),
            ("Input digest", "<code>\(Markup.text(s.digest))</code>"),
            ("Seed", "\(s.seed)"),
            ("Duration", ReportFormat.duration(s.durationMs)),
            ("Result", "\(HTMLReport.badge(s.outcome)) \(s.count(.pass)) passed, \(s.count(.fail)) failed, "
                + "\(s.count(.error)) errors"),
        ])
        if let error = s.error {
            out += "<p class=\"scenario-error\"><strong>Scenario error:</strong> \(Markup.text(error))</p>\n"
        }
        out += "<h3>Timeline</h3>\n" + timeline()
        out += "<h3>Expectations</h3>\n" + verdictTable()
        out += "<h3>Alarm quality</h3>\n" + quality()
        return out + "</section>\n"
    }

    func timeline() -> String {
        let svg = SVGTimeline(scenario, evidence: evidence)
        var caption = "Plant time over \(ReportFormat.duration(svg.scale.durationMs)). Expectation windows:"
            + "<span class=\"swatch pass\"></span>pass<span class=\"swatch fail\"></span>fail"
            + "<span class=\"swatch error\"></span>error. Grades:<span class=\"swatch blue\"></span>blue"
            + "<span class=\"swatch yellow\"></span>yellow<span class=\"swatch orange\"></span>orange"
            + "<span class=\"swatch red\"></span>red. Alarms: ● raised (with level), ○ cleared. Dashed lines: alarm "
            + "limits; dotted lines: timeline steps; bands: min–max of the readings, line: their middle."
        if evidence == nil { caption += " No evidence (history, series) was recorded for this scenario." }
        if svg.omitted > 0 { caption += " \(svg.omitted) more point series not drawn." }
        return "<figure class=\"timeline\">\n" + svg.render() + "<figcaption>\(caption)</figcaption>\n</figure>\n"
    }

    func verdictTable() -> String {
        guard !scenario.verdicts.isEmpty else { return "<p class=\"note\">No expectations were judged.</p>\n" }
        var out = "<table class=\"verdicts\">\n<thead><tr><th>ID</th><th>Kind</th><th>Result</th><th>Expected</th>"
            + "<th>Observed</th><th>Window</th><th>Latency</th><th>First / last</th><th>Clauses</th><th>Location</th>"
            + "</tr></thead>\n<tbody>\n"
        for v in scenario.verdicts {
            var observed = Markup.text(v.observed)
            if let note = v.note { observed += "<br/><span class=\"note\">Note: \(Markup.text(note))</span>" }
            var kind = Markup.text(v.kind)
            let about = [v.enterprise, v.point].compactMap { $0 }.joined(separator: " / ")
            if !about.isEmpty { kind += "<br/><span class=\"note\">\(Markup.text(about))</span>" }
            let cells = [
                Markup.text(v.id), kind, HTMLReport.badge(v.outcome), Markup.text(v.expected), observed,
                Markup.text(ReportFormat.window(v)), v.latencyMs.map(ReportFormat.duration) ?? "–",
                Markup.text(ReportFormat.occurrences(v)), Markup.text(ReportFormat.list(v.clauses)),
                "<code>\(Markup.text(v.location))</code>",
            ]
            out += "<tr class=\"\(v.outcome.rawValue)\">" + cells.enumerated().map { i, cell in
                i == 2 ? "<td class=\"outcome\">\(cell)</td>" : i == 6 ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    func quality() -> String {
        let q = scenario.quality
        let rows: [(String, String)] = [
            ("Hazard alarms", "\(q.hazardAlarms)"),
            ("Instrument alarms", "\(q.instrumentAlarms)"),
            ("Hazard alarms per 10 min, average", ReportFormat.fixed(q.per10MinAverage, decimals: 2)),
            ("Hazard alarms per 10 min, peak", "\(q.per10MinPeak)"),
            ("Alarm floods", "\(q.floods)"),
            ("Chattering alarms", ReportFormat.list(q.chattering)),
            ("Standing alarms", ReportFormat.list(q.standing)),
            ("Unexpected hazard alarms", ReportFormat.list(q.unexpected)),
        ]
        var out = "<table class=\"quality\">\n<tbody>\n"
        for (label, value) in rows {
            out += "<tr><th>\(Markup.text(label))</th><td>\(Markup.text(value))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
