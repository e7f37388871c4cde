import Conformance

/// JUnit XML for CI: a `<testsuite>` per scenario (its identity as properties), a `<testcase>` per
/// expectation, failures and errors explained with the window, the occurrences, the clauses and the
/// expectation's `file:line:col`. A scenario-level error is one more testcase, in error.
///
/// `time` attributes are wall-clock seconds, as CI dashboards read them: a suite's is the wall time
/// the CLI measured for the scenario (0 when the results do not carry it), the root's their sum,
/// a testcase's 0 (expectations are judged together, after the run). The scenario's plant time
/// is the suite's `plantTimeS` property, an expectation's latency its `latencyS` attribute.
public enum JUnitReport {
    public static func render(_ run: RunResult) -> String {
        let tests = run.scenarios.map(caseCount).reduce(0, +)
        let errors = run.scenarios.map(errorCount).reduce(0, +)
        let time = run.scenarios.map { $0.wallMs ?? 0 }.reduce(0, +)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"tundish\" tests=\"\(tests)\" failures=\"\(run.count(.fail))\" errors=\"\(errors)\""
            + " time=\"\(ReportFormat.seconds(time))\">\n"
        for scenario in run.scenarios { out += suite(scenario, run) }
        return out + "</testsuites>\n"
    }

    static func caseCount(_ s: ScenarioResult) -> Int { s.verdicts.count + (s.error == nil ? 0 : 1) }
    static func errorCount(_ s: ScenarioResult) -> Int { s.count(.error) + (s.error == nil ? 0 : 1) }

    static func suite(_ s: ScenarioResult, _ run: RunResult) -> String {
        var out = "  <testsuite name=\(quoted(s.id)) tests=\"\(caseCount(s))\" failures=\"\(s.count(.fail))\""
            + " errors=\"\(errorCount(s))\" skipped=\"0\" time=\"\(ReportFormat.seconds(s.wallMs ?? 0))\">\n"
        out += "    <properties>\n"
        for (name, value) in properties(s, run) {
            out += "      <property name=\(quoted(name)) value=\(quoted(value))/>\n"
        }
        out += "    </properties>\n"
        if let error = s.error {
            out += "    <testcase classname=\(quoted(s.id)) name=\"scenario\" time=\"0.000\">\n"
            out += "      <error message=\(quoted(error)) type=\"scenario\">\(Markup.text(error + "\nin \(s.file)"))</error>\n"
            out += "    </testcase>\n"
        }
        for v in s.verdicts { out += testcase(v, s) }
        return out + "  </testsuite>\n"
    }

    /// The scenario's and the run's identity: enough to reproduce and to check the inputs.
    static func properties(_ s: ScenarioResult, _ run: RunResult) -> [(String, String)] {
        var out: [(String, String)] = [
            ("plantTimeS", ReportFormat.seconds(s.durationMs)),
            ("seed", String(s.seed)), ("digest", s.digest), ("file", s.file), ("titleZh", s.titleZh),
            ("titleEn", s.titleEn), ("enterprises", s.enterprises.joined(separator: ", ")),
            ("clauses", s.clauses.joined(separator: ", ")), ("tundishVersion", run.tundishVersion),
            ("mode", run.mode), ("target", run.target),
        ]
        if let details = s.enterpriseDetails, !details.isEmpty {
            out.append(("enterpriseNames", details.map { "\($0.code) \($0.name) (\($0.regionName))" }.joined(separator: ", ")))
        }
        if let rules = run.rules { out.append(("rules", rules.file)); out.append(("rulesDigest", rules.digest)) }
        if let seed = run.seed { out.append(("runSeed", String(seed))) }
        if let shard = run.shard { out.append(("shard", shard)) }
        out.append(("startedAt", run.startedAt))
        out.append(("replay", run.replay))
        return out
    }

    static func testcase(_ v: Verdict, _ s: ScenarioResult) -> String {
        var out = "    <testcase classname=\(quoted(s.id)) name=\(quoted(v.id)) time=\"0.000\""
        if v.outcome == .pass, let latency = v.latencyMs { out += " latencyS=\"\(ReportFormat.seconds(max(0, latency)))\"" }
        let (file, line) = fileAndLine(v.location)
        if let file { out += " file=\(quoted(file))" }
        if let line { out += " line=\"\(line)\"" }
        let element: String
        switch v.outcome {
        case .pass: return out + "/>\n"
        case .fail: element = "failure"
        case .error: element = "error"
        }
        out += ">\n      <\(element) message=\(quoted(v.observed)) type=\(quoted(v.kind))>"
        out += Markup.text(explanation(v)) + "</\(element)>\n"
        return out + "    </testcase>\n"
    }

    /// The failure's body: plain lines, aligned, ending with where the expectation is written.
    static func explanation(_ v: Verdict) -> String {
        var lines = [
            "expected: \(v.expected)",
            "observed: \(v.observed)",
            "window:   \(ReportFormat.window(v))",
        ]
        if let first = v.firstMs { lines.append("first:    \(ReportFormat.time(first))") }
        if let last = v.lastMs { lines.append("last:     \(ReportFormat.time(last))") }
        if v.occurrences > 0 { lines.append("seen:     \(v.occurrences)×") }
        if let enterprise = v.enterprise { lines.append("plant:    \(enterprise)" + (v.point.map { " / \($0)" } ?? "")) }
        if !v.clauses.isEmpty { lines.append("clauses:  \(v.clauses.joined(separator: ", "))") }
        if let note = v.note { lines.append("note:     \(note)") }
        lines.append("at \(v.location)")
        return "\n" + lines.joined(separator: "\n") + "\n      "
    }

    /// `dir/s.yaml:3:5` → (`dir/s.yaml`, 3). A location without a line gives the whole text as file.
    static func fileAndLine(_ location: String) -> (String?, Int?) {
        guard !location.isEmpty else { return (nil, nil) }
        let parts = location.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count >= 3, let line = Int(parts[parts.count - 2]), Int(parts[parts.count - 1]) != nil {
            return (parts.dropLast(2).joined(separator: ":"), line)
        }
        if parts.count >= 2, let line = Int(parts[parts.count - 1]) {
            return (parts.dropLast().joined(separator: ":"), line)
        }
        return (location, nil)
    }

    static func quoted(_ value: String) -> String { "\"" + Markup.attribute(value) + "\"" }
}
