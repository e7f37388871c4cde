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
        out += "<p class=\"titles\"><span lang=\"zh-Hans\">\(Markup.text(s.titleZh))</span><br/>"
            + "<span lang=\"en\">\(Markup.text(s.titleEn))</span></p>\n"
        var facts: [(String, String)] = [
            (Bilingual.enterprises, HTMLReport.enterprises(of: s)),
            (Bilingual.file, "<code>\(Markup.text(s.file))</code>"),
            (Bilingual.clauses, Markup.text(ReportFormat.list(s.clauses))),
            (Bilingual.inputDigest, "<code>\(Markup.text(s.digest))</code>"),
            (Bilingual.seed, "\(s.seed)"),
            (Bilingual.duration, ReportFormat.duration(s.durationMs) + " (装置时间 plant time)"),
        ]
        if let wall = s.wallMs { facts.append((Bilingual.wallTime, ReportFormat.seconds(wall) + " s")) }
        facts.append((Bilingual.result, "\(HTMLReport.badge(s.outcome)) \(s.count(.pass)) 通过 passed, "
            + "\(s.count(.fail)) 不通过 failed, \(s.count(.error)) 错误 errors"))
        out += HTMLReport.facts(facts)
        if let error = s.error {
            out += "<p class=\"scenario-error\"><strong>\(Bilingual.scenarioError):</strong> \(Markup.text(error))</p>\n"
        }
        out += "<h3>\(Bilingual.timeline)</h3>\n" + timeline()
        out += "<h3>\(Bilingual.expectations)</h3>\n" + verdictTable()
        out += "<h3>\(Bilingual.alarms)</h3>\n" + HTMLAlarmTable(scenario: s, evidence: evidence).render()
        out += "<h3>\(Bilingual.quality)</h3>\n" + quality()
        return out + "</section>\n"
    }

    func timeline() -> String {
        let svg = SVGTimeline(scenario, evidence: evidence)
        var caption = "装置时间 Plant time over \(ReportFormat.duration(svg.scale.durationMs)). 预期时间窗 Expectation windows:"
            + "<span class=\"swatch pass\"></span>通过 pass<span class=\"swatch fail\"></span>不通过 fail"
            + "<span class=\"swatch error\"></span>错误 error. 预警等级 Risk grades:<span class=\"swatch blue\"></span>蓝 blue"
            + "<span class=\"swatch yellow\"></span>黄 yellow<span class=\"swatch orange\"></span>橙 orange"
            + "<span class=\"swatch red\"></span>红 red. 报警 Alarms: ● 产生 raised (with level), ○ 消除 cleared. "
            + "虚线 Dashed lines: 报警限值 alarm limits; 点线 dotted lines: 时间线步骤 timeline steps; "
            + "色带 bands: 读数最小–最大 min–max of the readings, 实线 line: their middle."
        if evidence == nil { caption += " 本场景无记录证据 No evidence (history, series) was recorded for this scenario." }
        if svg.omitted > 0 { caption += " 另有 \(svg.omitted) 个点位曲线未画出 \(svg.omitted) more point series not drawn." }
        return "<figure class=\"timeline\">\n" + svg.render() + "<figcaption>\(caption)</figcaption>\n</figure>\n"
    }

    func verdictTable() -> String {
        guard !scenario.verdicts.isEmpty else { return "<p class=\"note\">未判定任何预期 No expectations were judged.</p>\n" }
        let heads = [("编号", "ID"), ("类型", "Kind"), ("结果", "Result"), ("预期", "Expected"), ("实际", "Observed"),
                     ("时间窗", "Window"), ("延迟", "Latency"), ("首次/末次", "First / last"), ("条款", "Clauses"),
                     ("位置", "Location")]
        var out = "<table class=\"verdicts\">\n<thead><tr>"
            + heads.map { "<th>\(Markup.text(Bilingual.both($0.0, $0.1)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for v in scenario.verdicts {
            var observed = Markup.text(v.observed)
            if let note = v.note { observed += "<br/><span class=\"note\">注 Note: \(Markup.text(note))</span>" }
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
            (Bilingual.both("危险报警", "Hazard alarms"), "\(q.hazardAlarms)"),
            (Bilingual.both("仪表报警", "Instrument alarms"), "\(q.instrumentAlarms)"),
            (Bilingual.both("每10分钟危险报警（平均）", "Hazard alarms per 10 min, average"),
             ReportFormat.fixed(q.per10MinAverage, decimals: 2)),
            (Bilingual.both("每10分钟危险报警（峰值）", "Hazard alarms per 10 min, peak"), "\(q.per10MinPeak)"),
            (Bilingual.both("报警泛滥", "Alarm floods"), "\(q.floods)"),
            (Bilingual.both("振荡报警", "Chattering alarms"), ReportFormat.list(q.chattering)),
            (Bilingual.both("常驻报警", "Standing alarms"), ReportFormat.list(q.standing)),
            (Bilingual.both("非预期危险报警", "Unexpected hazard alarms"), ReportFormat.list(q.unexpected)),
        ]
        var out = "<table class=\"quality\">\n<tbody>\n"
        for (label, value) in rows {
            out += "<tr><th>\(Markup.text(label))</th><td>\(Markup.text(value))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
