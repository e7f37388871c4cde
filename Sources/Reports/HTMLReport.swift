import Conformance

/// The self-contained HTML report (to be completed: SVG timelines, evidence section).
public enum HTMLReport {
    public static func render(_ run: RunResult, evidence: [String: ScenarioEvidence]) -> String {
        var out = "<!doctype html><meta charset=\"utf-8\"><title>Tundish run</title><h1>Tundish run</h1>\n"
        for s in run.scenarios {
            out += "<h2>\(JUnitReport.xml(s.id)) — \(s.outcome.rawValue)</h2>\n<ul>\n"
            for v in s.verdicts { out += "<li>\(JUnitReport.xml(v.id)): \(v.outcome.rawValue) — \(JUnitReport.xml(v.observed))</li>\n" }
            out += "</ul>\n"
        }
        return out
    }
}
