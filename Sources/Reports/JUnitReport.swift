import Conformance

/// JUnit XML for CI: a testsuite per scenario, a testcase per expectation.
public enum JUnitReport {
    public static func render(_ run: RunResult) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"tundish\" tests=\"\(run.scenarios.map(\.verdicts.count).reduce(0, +))\" failures=\"\(run.count(.fail))\" errors=\"\(run.count(.error))\">\n"
        for s in run.scenarios {
            out += "  <testsuite name=\"\(xml(s.id))\" tests=\"\(s.verdicts.count)\" failures=\"\(s.count(.fail))\" errors=\"\(s.count(.error))\">\n"
            for v in s.verdicts {
                out += "    <testcase classname=\"\(xml(s.id))\" name=\"\(xml(v.id))\""
                switch v.outcome {
                case .pass: out += "/>\n"
                case .fail: out += ">\n      <failure message=\"\(xml(v.observed))\">\(xml(v.expected))</failure>\n    </testcase>\n"
                case .error: out += ">\n      <error message=\"\(xml(v.observed))\">\(xml(v.expected))</error>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
