/// The horizontal scale of a timeline: plant milliseconds since the scenario start → SVG x, and
/// the time axis with round ticks (`t+30s`, `t+1m`, …).
struct TimeScale {
    let left: Double
    let width: Double
    let durationMs: Int64

    /// Positions clamp to the plot, so records after the end sit on its right edge.
    func x(_ ms: Double) -> Double {
        let fraction = min(1, max(0, ms / Double(max(1, durationMs))))
        return left + width * fraction
    }

    func x(_ ms: Int64) -> Double { x(Double(ms)) }

    var right: Double { left + width }

    /// Round tick spacings, smallest first.
    static let steps: [Int64] = [
        100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
        1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
    ]

    /// Tick times: the smallest round spacing that gives at most `maxTicks` intervals.
    func ticks(maxTicks: Int = 10) -> [Int64] {
        let span = max(1, durationMs)
        let step = Self.steps.first { span / $0 <= Int64(maxTicks) } ?? max(1, span / Int64(maxTicks))
        return Array(stride(from: Int64(0), through: span, by: Int(step)))
    }

    /// Light vertical grid lines from `top` to `bottom`, and labelled ticks along `bottom`.
    func axis(top: Double, bottom: Double) -> String {
        let f = ReportFormat.coordinate
        var grid = "<g class=\"grid\">"
        var labels = "<g class=\"axis\"><line class=\"axis-line\" x1=\"\(f(left))\" y1=\"\(f(bottom))\""
            + " x2=\"\(f(right))\" y2=\"\(f(bottom))\"/>"
        for tick in ticks() {
            let x = f(self.x(tick))
            grid += "<line x1=\"\(x)\" y1=\"\(f(top))\" x2=\"\(x)\" y2=\"\(f(bottom))\"/>"
            labels += "<line x1=\"\(x)\" y1=\"\(f(bottom))\" x2=\"\(x)\" y2=\"\(f(bottom + 4))\"/>"
            labels += "<text x=\"\(x)\" y=\"\(f(bottom + 15))\" text-anchor=\"middle\">\(ReportFormat.time(tick))</text>"
        }
        return grid + "</g>\n" + labels + "</g>\n"
    }

    /// A generous width of `text` at the timeline's 10px font (sans-serif: capitals and digits are
    /// wider than small letters; CJK characters are square).
    static func textWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { width, c in
            switch c.value {
            case 0x2E80...: width + 10.5
            case 0x41...0x5A, 0x30...0x39: width + 7.2
            case 0x20, 0x2C, 0x2E, 0x3A, 0x2F, 0x28, 0x29: width + 4
            default: width + 6.2
            }
        }
    }
}
