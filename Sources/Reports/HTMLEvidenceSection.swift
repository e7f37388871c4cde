import Conformance

/// The report's closing evidence: what was run and how to run it again — the run's identity and,
/// per scenario, the input file, its SHA-256 digest (scenario and plant files) and the seed.
enum HTMLEvidenceSection {
    static func render(_ run: RunResult) -> String {
        var out = "<section class=\"evidence\" id=\"evidence\">\n<h2>Evidence</h2>\n"
        out += "<p>The inputs of this run, for the acceptance file. Running the replay command with the same "
            + "tundish version on files with the same digests reproduces every verdict.</p>\n"
        var rows: [(String, String)] = [
            ("Tundish version", Markup.text(run.tundishVersion)),
            ("Results schema", "\(run.schemaVersion)"),
            ("Mode", Markup.text(run.mode)),
            ("Target", Markup.text(run.target)),
            ("Seed", Markup.text(HTMLReport.runSeed(run))),
        ]
        if let shard = run.shard { rows.append(("Shard", Markup.text(shard))) }
        rows.append(("Started at", Markup.text(run.startedAt)))
        rows.append(("Replay", "<code>\(Markup.text(run.replay))</code>"))
        out += HTMLReport.facts(rows)
        out += "<table class=\"inputs\">\n<thead><tr><th>Scenario</th><th>File</th><th>Input digest (SHA-256)</th>"
            + "<th>Seed</th><th>Enterprises</th><th>Duration</th><th>Result</th></tr></thead>\n<tbody>\n"
        for (index, s) in run.scenarios.enumerated() {
            out += "<tr><td><a href=\"#\(HTMLReport.anchor(index))\">\(Markup.text(s.id))</a></td>"
            out += "<td><code>\(Markup.text(s.file))</code></td><td><code>\(Markup.text(s.digest))</code></td>"
            out += "<td class=\"num\">\(s.seed)</td><td>\(Markup.text(ReportFormat.list(s.enterprises)))</td>"
            out += "<td class=\"num\">\(ReportFormat.duration(s.durationMs))</td>"
            out += "<td>\(HTMLReport.badge(s.outcome))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
