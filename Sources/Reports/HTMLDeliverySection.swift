import Conformance

/// The evidence of a live run's delivery: per scenario and enterprise, the uplink batches sent,
/// delivered, rejected and still queued at the end, the backlog's high-water mark, the target's
/// lag from an event's time to our observer seeing it (p50/p99), and the target events set aside
/// as older than the scenario. Empty for a run without such figures (lockstep).
enum HTMLDeliverySection {
    static func render(_ run: RunResult) -> String {
        let live = run.scenarios.enumerated().compactMap { i, s in s.delivery.map { (i, s, $0) } }
        guard !live.isEmpty else { return "" }
        var out = "<section class=\"evidence delivery\" id=\"delivery\">\n<h2>Delivery and lag</h2>\n"
        out += "<p>What reached the target: uplink batches per enterprise (rejected and undelivered batches make "
            + "every later window an error), the backlog's high-water mark, the target's lag from an event's time to "
            + "our observer seeing it, and target events set aside as older than the scenario (never judged).</p>\n"
        out += "<table class=\"delivery\">\n<thead><tr><th>Scenario</th><th>Enterprise</th><th>Sent</th>"
            + "<th>Delivered</th><th>Rejected</th><th>Undelivered</th><th>Backlog high-water</th><th>Lag p50</th>"
            + "<th>Lag p99</th><th>Set aside</th></tr></thead>\n<tbody>\n"
        for (index, scenario, figures) in live {
            let link = "<a href=\"#\(HTMLReport.anchor(index))\">\(Markup.text(scenario.id))</a>"
            let aside = figures.setAside.map(String.init) ?? "–"
            if figures.enterprises.isEmpty {
                out += "<tr><td>\(link)</td><td colspan=\"8\" class=\"note\">no uplink figures</td>"
                    + "<td class=\"num\">\(aside)</td></tr>\n"
            }
            for row in figures.enterprises {
                let lost = row.lost > 0 ? " class=\"fail\"" : ""
                out += "<tr\(lost)><td>\(link)</td><td>\(Markup.text(row.enterprise))</td>"
                for count in [row.sent, row.delivered, row.rejected, row.undelivered, row.backlogHighWater] {
                    out += "<td class=\"num\">\(count.map(String.init) ?? "–")</td>"
                }
                out += "<td class=\"num\">\(row.lagP50Ms.map(ReportFormat.duration) ?? "–")</td>"
                out += "<td class=\"num\">\(row.lagP99Ms.map(ReportFormat.duration) ?? "–")</td>"
                out += "<td class=\"num\">\(aside)</td></tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// One terminal line per scenario with figures worth a look (a loss, set-aside events, lag),
    /// else nil: `AL-01 delivery: HN0001 1210 sent, 955 delivered, 255 undelivered (backlog ≤ 260),
    /// lag p50 1s p99 4s; 12 events set aside`.
    static func line(_ scenario: ScenarioResult) -> String? {
        guard let figures = scenario.delivery else { return nil }
        var parts: [String] = []
        for row in figures.enterprises {
            var words: [String] = []
            if let sent = row.sent {
                words.append("\(sent) sent, \(row.delivered ?? 0) delivered")
                if let r = row.rejected, r > 0 { words.append("\(r) rejected") }
                if let u = row.undelivered, u > 0 { words.append("\(u) undelivered") }
                if let high = row.backlogHighWater { words[words.count - 1] += " (backlog ≤ \(high))" }
            }
            if let p50 = row.lagP50Ms, let p99 = row.lagP99Ms {
                words.append("lag p50 \(ReportFormat.duration(p50)) p99 \(ReportFormat.duration(p99))")
            }
            if !words.isEmpty { parts.append("\(row.enterprise) " + words.joined(separator: ", ")) }
        }
        if let aside = figures.setAside, aside > 0 { parts.append("\(aside) target events set aside") }
        return parts.isEmpty ? nil : "\(scenario.id) delivery: " + parts.joined(separator: "; ")
    }
}
