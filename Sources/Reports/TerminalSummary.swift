import Conformance
import SimCore

/// The table `tundish run` prints at the end: one row per scenario, then the failures explained
/// and the totals. Plain text, no colour (CI logs keep it readable).
public enum TerminalSummary {
    public static func render(_ run: RunResult) -> String {
        var rows: [[String]] = [["scenario", "result", "pass", "fail", "error", "worst latency"]]
        for s in run.scenarios {
            rows.append([
                s.id, s.outcome.rawValue.uppercased(), "\(s.count(.pass))", "\(s.count(.fail))", "\(s.count(.error))",
                s.worstLatencyMs.map { SimDuration(milliseconds: $0).description } ?? "-",
            ])
        }
        var out = table(rows)
        for line in run.scenarios.compactMap(HTMLDeliverySection.line) { out += line + "\n" }
        for s in run.scenarios where s.outcome != .pass {
            if let error = s.error { out += "\n\(s.id): ERROR \(error)" }
            for v in s.verdicts where v.outcome != .pass {
                out += "\n\(s.id) / \(v.id): \(v.outcome.rawValue.uppercased()) at \(v.location)"
                out += "\n  expected: \(v.expected)\n  observed: \(v.observed)"
            }
        }
        let total = run.scenarios.map(\.verdicts.count).reduce(0, +)
        out += "\n\(run.scenarios.count) scenarios, \(total) expectations: \(run.count(.pass)) passed, "
            + "\(run.count(.fail)) failed, \(run.count(.error)) errors → \(run.outcome.rawValue.uppercased())"
        return out + "\n"
    }

    /// Left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
