import Conformance

/// The alarms the target raised during a scenario, as a table a regulator can read without
/// hovering over the timeline: when raised and cleared, enterprise, point, level, value and the
/// platform's own message (with the point's Chinese name and unit). At most `limit` rows.
struct HTMLAlarmTable {
    static let limit = 60

    let scenario: ScenarioResult
    let evidence: ScenarioEvidence?

    /// Raised alarms in time order, each with the time it cleared (same id), if it did.
    var alarms: [(raised: HistoryRecord, clearedMs: Int64?)] {
        let records = History(evidence?.history ?? []).records
        var cleared: [String: Int64] = [:]
        for r in records where r.type == .alarmCleared {
            if let id = r.id, cleared[id] == nil { cleared[id] = r.t }
        }
        return records.filter { $0.type == .alarmRaised }.map { r in (r, r.id.flatMap { cleared[$0] }) }
    }

    func render() -> String {
        let all = alarms
        guard !all.isEmpty else {
            return "<p class=\"note\">\(evidence == nil ? "无记录 No history recorded." : "未产生报警 No alarms were raised.")</p>\n"
        }
        let heads = [("产生", "Raised"), ("消除", "Cleared"), ("企业", "Enterprise"), ("点位", "Point"),
                     ("级别", "Level"), ("数值", "Value"), ("报警信息", "Message")]
        var out = "<table class=\"alarms\">\n<thead><tr>"
            + heads.map { "<th>\(Markup.text(Bilingual.both($0.0, $0.1)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (r, clearedMs) in all.prefix(Self.limit) {
            var level = r.level ?? "–"
            if let kind = r.kind, kind != level { level += " (\(kind))" }
            if r.category == "instrument" { level += " 仪表 instrument" }
            if r.excluded == true { level += " 已排除 excluded" }
            let cells = [
                ReportFormat.time(r.t), clearedMs.map(ReportFormat.time) ?? "–", r.enterprise ?? "–", r.point ?? "–",
                level, r.value.map(ReportFormat.value) ?? "–", r.message ?? "",
            ]
            out += "<tr>" + cells.enumerated().map { i, cell in
                i == 5 ? "<td class=\"num\">\(Markup.text(cell))</td>" : "<td>\(Markup.text(cell))</td>"
            }.joined() + "</tr>\n"
        }
        if all.count > Self.limit {
            let more = all.count - Self.limit
            out += "<tr><td colspan=\"7\" class=\"note\">另有 \(more) 条报警 \(more) more alarms (history.jsonl)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
