import Conformance

/// The report's closing evidence: what was run and how to run it again — the run's identity (with
/// the risk-rules file and its digest) and, per scenario, the input file, its SHA-256 digest
/// (scenario and plant files), the seed and the enterprises with their names and districts.
enum HTMLEvidenceSection {
    static func render(_ run: RunResult) -> String {
        var out = "<section class=\"evidence\" id=\"evidence\">\n<h2>\(Bilingual.evidence)</h2>\n"
        out += "<p>本次运行的输入，供验收存档。使用相同版本的 tundish、对摘要相同的文件执行复现命令，可复现每一项判定。<br/>"
            + "The inputs of this run, for the acceptance file. Running the replay command with the same "
            + "tundish version on files with the same digests reproduces every verdict.</p>\n"
        var rows: [(String, String)] = [
            (Bilingual.version, Markup.text(run.tundishVersion)),
            (Bilingual.schema, "\(run.schemaVersion)"),
            (Bilingual.mode, Markup.text(run.mode)),
            (Bilingual.target, Markup.text(run.target)),
            (Bilingual.seed, Markup.text(HTMLReport.runSeed(run))),
        ]
        if let rules = run.rules {
            rows.append((Bilingual.rules, "<code>\(Markup.text(rules.file))</code>"))
            rows.append((Bilingual.rulesDigest, "<code>\(Markup.text(rules.digest))</code>"))
            if let disabled = rules.disabled, !disabled.isEmpty {
                rows.append((Bilingual.disabledRules, Markup.text(disabled.joined(separator: ", "))))
            }
        } else {
            rows.append((Bilingual.rules, "<span class=\"note\">未记录 not recorded in these results</span>"))
        }
        if let shard = run.shard { rows.append((Bilingual.shard, Markup.text(shard))) }
        rows.append((Bilingual.startedAt, Markup.text(run.startedAt)))
        rows.append((Bilingual.replay, "<code>\(Markup.text(run.replay))</code>"))
        out += HTMLReport.facts(rows)
        let heads = [Bilingual.scenario, Bilingual.file, Bilingual.both("输入摘要", "Input digest (SHA-256)"), Bilingual.seed,
                     Bilingual.enterprises, Bilingual.duration, Bilingual.wallTime, Bilingual.result]
        out += "<table class=\"inputs\">\n<thead><tr>" + heads.map { "<th>\(Markup.text($0))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for (index, s) in run.scenarios.enumerated() {
            out += "<tr><td><a href=\"#\(HTMLReport.anchor(index))\">\(Markup.text(s.id))</a></td>"
            out += "<td><code>\(Markup.text(s.file))</code></td><td><code>\(Markup.text(s.digest))</code></td>"
            out += "<td class=\"num\">\(s.seed)</td><td>\(HTMLReport.enterprises(of: s, full: false))</td>"
            out += "<td class=\"num\">\(ReportFormat.duration(s.durationMs))</td>"
            out += "<td class=\"num\">\(s.wallMs.map { ReportFormat.seconds($0) + " s" } ?? "–")</td>"
            out += "<td>\(HTMLReport.badge(s.outcome))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
