import Conformance

/// The expectation windows of a timeline, packed into as few lanes as their bars and labels allow:
/// a bar per expectation over its window, coloured by verdict (`w-pass`, `w-fail`, `w-error`) and
/// labelled with the expectation's id.
struct WindowLanes {
    struct Placed {
        var verdict: Verdict
        var lane: Int
        var x0: Double
        var x1: Double
        var labelX: Double
        var labelAtEnd: Bool
    }

    let placed: [Placed]
    let count: Int

    init(verdicts: [Verdict], scale: TimeScale) {
        let order = verdicts.indices.sorted {
            (verdicts[$0].windowStartMs, $0) < (verdicts[$1].windowStartMs, $1)
        }
        var laneEnds: [Double] = []
        var placed: [Placed] = []
        for index in order {
            let v = verdicts[index]
            let x0 = scale.x(v.windowStartMs)
            let x1 = max(scale.x(v.windowEndMs), x0 + 2)
            let width = TimeScale.textWidth(v.id)
            // The label starts inside the bar; near the right edge it ends at the bar's end instead.
            let atEnd = x0 + 3 + width > SVGTimeline.width - 2
            let labelX = atEnd ? x1 - 3 : x0 + 3
            let start = min(x0, atEnd ? labelX - width : x0)
            let end = max(x1, atEnd ? x1 : labelX + width) + 4
            let lane = laneEnds.firstIndex { $0 <= start } ?? laneEnds.count
            if lane == laneEnds.count { laneEnds.append(end) } else { laneEnds[lane] = end }
            placed.append(Placed(verdict: v, lane: lane, x0: x0, x1: x1, labelX: labelX, labelAtEnd: atEnd))
        }
        self.placed = placed
        count = laneEnds.count
    }

    func render(top: Double) -> String {
        let f = ReportFormat.coordinate
        var out = "<g class=\"windows\">"
        if count > 0 {
            out += "<text class=\"lane-label\" x=\"\(f(SVGTimeline.left - 6))\" y=\"\(f(top + 11))\""
                + " text-anchor=\"end\">预期 expectations</text>"
        }
        for p in placed {
            let y = top + Double(p.lane) * SVGTimeline.laneHeight
            let v = p.verdict
            let title = "\(v.id): \(v.outcome.rawValue.uppercased()) — window \(ReportFormat.window(v)) — \(v.observed)"
            out += "<rect class=\"window \(Self.verdictClass(v.outcome))\" x=\"\(f(p.x0))\" y=\"\(f(y + 1))\""
                + " width=\"\(f(p.x1 - p.x0))\" height=\"13\"><title>\(Markup.text(title))</title></rect>"
            out += "<text class=\"window-label\" x=\"\(f(p.labelX))\" y=\"\(f(y + 11))\""
                + (p.labelAtEnd ? " text-anchor=\"end\"" : "") + ">\(Markup.text(v.id))</text>"
        }
        return out + "</g>\n"
    }

    static func verdictClass(_ outcome: Outcome) -> String { "w-\(outcome.rawValue)" }
}
