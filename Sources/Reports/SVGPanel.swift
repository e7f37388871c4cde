import Conformance

/// One plotted point of a timeline: the min/max band per bucket with its mid line, the alarm
/// limits as dashed lines labelled `LL`/`L`/`H`/`HH` with their values, the windows of the
/// expectations about the point as shaded spans, and the target's alarms on the point (raised:
/// filled and labelled with the level; cleared: hollow).
struct SVGPanel {
    static let height = 124.0
    static let plotHeight = 90.0
    static let limitOrder = ["LL", "L", "H", "HH"]
    /// An alarm marker's radius (its stroke reaches a pixel further).
    static let markerRadius = 4.0

    let series: PointSeries
    let top: Double
    let scale: TimeScale
    let low: Double
    let high: Double

    init(series: PointSeries, top: Double, scale: TimeScale) {
        self.series = series
        self.top = top
        self.scale = scale
        var values = (series.min + series.max).compactMap { $0 }.filter(\.isFinite)
        values += series.limits.values.filter(\.isFinite)
        var lo = values.min() ?? series.rangeMin, hi = values.max() ?? series.rangeMax
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if hi - lo < 1e-9 { lo -= 1; hi += 1 }
        let pad = (hi - lo) * 0.08
        low = lo - pad
        high = hi + pad
    }

    var plotTop: Double { top + 20 }
    var plotBottom: Double { plotTop + Self.plotHeight }

    func y(_ value: Double) -> Double {
        plotBottom - Self.plotHeight * min(1, max(0, (value - low) / (high - low)))
    }

    /// Limits in LL, L, H, HH order, then any others by name.
    var limits: [(level: String, value: Double)] {
        let known = Self.limitOrder.compactMap { level in series.limits[level].map { (level, $0) } }
        let others = series.limits.keys.filter { !Self.limitOrder.contains($0) }.sorted().map { ($0, series.limits[$0] ?? 0) }
        return (known + others).filter { $0.1.isFinite }.map { (level: $0.0, value: $0.1) }
    }

    func render(records: [HistoryRecord], verdicts: [Verdict]) -> String {
        let f = ReportFormat.coordinate
        let unit = series.unit.isEmpty ? "" : " [\(series.unit)]"
        var out = "<g class=\"panel\">"
        let name = [series.nameZh ?? "", series.name].filter { !$0.isEmpty }.joined(separator: " ")
        out += "<text class=\"panel-title\" x=\"\(f(scale.left))\" y=\"\(f(top + 14))\">"
            + Markup.text("\(name) · \(series.point) · \(series.enterprise)\(unit)") + "</text>"
        out += "<rect class=\"frame\" x=\"\(f(scale.left))\" y=\"\(f(plotTop))\" width=\"\(f(scale.width))\""
            + " height=\"\(f(Self.plotHeight))\"/>"
        for v in verdicts where v.point == series.point && (v.enterprise == nil || v.enterprise == series.enterprise) {
            let x0 = scale.x(v.windowStartMs), x1 = max(scale.x(v.windowEndMs), x0 + 1)
            out += "<rect class=\"span \(WindowLanes.verdictClass(v.outcome))\" x=\"\(f(x0))\" y=\"\(f(plotTop))\""
                + " width=\"\(f(x1 - x0))\" height=\"\(f(Self.plotHeight))\"/>"
        }
        for (value, y) in [(high, plotTop), (low, plotBottom)] {
            out += "<text class=\"tick\" x=\"\(f(scale.left - 6))\" y=\"\(f(y + 3))\" text-anchor=\"end\">"
                + Markup.text(ReportFormat.value(value) + (series.unit.isEmpty ? "" : " \(series.unit)")) + "</text>"
        }
        out += bandAndLine()
        out += limitLines()
        out += alarms(records.filter { ($0.type == .alarmRaised || $0.type == .alarmCleared) && shows($0) })
        return out + "</g>\n"
    }

    /// The alarm markers, and the raised ones' levels placed where no label overlaps another label
    /// or any marker: next to the marker (below for LL and L, above for the others), beside it,
    /// then further away on that side, then on the other, inside the plot.
    func alarms(_ records: [HistoryRecord]) -> String {
        let f = ReportFormat.coordinate
        let points = records.map { (record: $0, x: scale.x($0.t), y: markerY($0)) }
        var layout = LabelLayout(minX: scale.left, maxX: scale.right, reserved: points.map {
            LabelLayout.Box(x0: $0.x - Self.markerRadius - 1, y0: $0.y - Self.markerRadius - 1,
                            x1: $0.x + Self.markerRadius + 1, y1: $0.y + Self.markerRadius + 1)
        })
        var markers = "", labels = ""
        for (r, x, y) in points {
            markers += Self.marker(r, x: x, y: y, label: nil)
            guard r.type == .alarmRaised, let level = r.level else { continue }
            let above = stride(from: y - 7, through: plotTop + LabelLayout.ascent, by: -LabelLayout.rowStep)
            let below = stride(from: y + 15, through: plotBottom - LabelLayout.descent, by: LabelLayout.rowStep)
            // Low alarms are labelled below their marker first, the others above (LL reads under L);
            // next beside it (right, then left), then further away.
            let (near, far) = ["LL", "L"].contains(level) ? (Array(below), Array(above)) : (Array(above), Array(below))
            let half = TimeScale.textWidth(level) * 0.55 + 1, gap = Self.markerRadius + 2
            let inside = y + 3.5 >= plotTop + LabelLayout.ascent && y + 3.5 <= plotBottom - LabelLayout.descent
            let beside = inside ? [(x + gap + half, y + 3.5), (x - gap - half, y + 3.5)] : []
            let candidates = near.prefix(1).map { (x, $0) } + beside + near.dropFirst().map { (x, $0) } + far.map { (x, $0) }
            guard let at = layout.place(level, candidates: candidates, anchor: .middle, bold: true)
            else { continue }
            labels += "<text class=\"alarm-label\" x=\"\(f(at.x))\" y=\"\(f(at.y))\" text-anchor=\"middle\">"
                + "\(Markup.text(level))</text>"
        }
        return markers + labels
    }

    func shows(_ r: HistoryRecord) -> Bool {
        r.point == series.point && (r.enterprise == nil || r.enterprise == series.enterprise)
    }

    /// At the reported value, else at the level's limit, else near the top of the plot.
    func markerY(_ r: HistoryRecord) -> Double {
        if let value = r.value, value.isFinite { return y(value) }
        if let level = r.level, let limit = series.limits[level], limit.isFinite { return y(limit) }
        return plotTop + 8
    }

    /// Buckets grouped into columns of about two pixels: (time ms, min, max), nil where no sample.
    func columns() -> [(ms: Double, lo: Double, hi: Double)?] {
        let count = min(series.min.count, series.max.count)
        let group = max(1, Int((Double(count) / (scale.width / 2)).rounded(.up)))
        var out: [(ms: Double, lo: Double, hi: Double)?] = []
        for start in stride(from: 0, to: count, by: group) {
            let startMs = series.startMs + Int64(start) * series.bucketMs
            guard startMs <= scale.durationMs else { break }
            let end = min(count, start + group)
            let lows = series.min[start..<end].compactMap { $0 }.filter(\.isFinite)
            let highs = series.max[start..<end].compactMap { $0 }.filter(\.isFinite)
            guard let lo = lows.min(), let hi = highs.max() else { out.append(nil); continue }
            let mid = Double(startMs) + Double(series.bucketMs) * Double(end - start) / 2
            out.append((ms: min(mid, Double(scale.durationMs)), lo: min(lo, hi), hi: max(lo, hi)))
        }
        return out
    }

    /// The band (max forward, min back) and mid line per run of sampled columns; gaps stay empty.
    func bandAndLine() -> String {
        let f = ReportFormat.coordinate
        var band = "", line = ""
        var run: [(ms: Double, lo: Double, hi: Double)] = []
        func flush() {
            guard let first = run.first else { return }
            let top = run.map { "\(f(scale.x($0.ms))),\(f(y($0.hi)))" }
            let bottom = run.reversed().map { "\(f(scale.x($0.ms))),\(f(y($0.lo)))" }
            band += "M" + (top + bottom).joined(separator: " L") + "Z"
            let mids = run.map { "\(f(scale.x($0.ms))),\(f(y(($0.lo + $0.hi) / 2)))" }
            line += "M" + (run.count == 1 ? [mids[0], "\(f(scale.x(first.ms) + 1)),\(f(y((first.lo + first.hi) / 2)))"] : mids)
                .joined(separator: " L")
            run = []
        }
        for column in columns() {
            if let column { run.append(column) } else { flush() }
        }
        flush()
        guard !band.isEmpty else { return "" }
        return "<path class=\"band\" d=\"\(band)\"/><path class=\"line\" d=\"\(line)\"/>"
    }

    /// Dashed lines at the limits, labels in the right margin kept a row (`LabelLayout.rowStep`) apart.
    func limitLines() -> String {
        let f = ReportFormat.coordinate
        var out = ""
        var lastLabelY = -Double.infinity
        for (level, value) in limits.sorted(by: { $0.value > $1.value }) {
            let lineY = y(value)
            let labelY = max(lineY + 3, lastLabelY + LabelLayout.rowStep)
            lastLabelY = labelY
            let cls = "limit limit-\(level.lowercased())"
            out += "<line class=\"\(Markup.attribute(cls))\" x1=\"\(f(scale.left))\" y1=\"\(f(lineY))\" x2=\"\(f(scale.right))\""
                + " y2=\"\(f(lineY))\" stroke-dasharray=\"6 3\"/>"
            let text = "\(level) \(ReportFormat.value(value))" + (series.unit.isEmpty ? "" : " \(series.unit)")
            out += "<text class=\"limit-label\" x=\"\(f(scale.right + 4))\" y=\"\(f(labelY))\">\(Markup.text(text))</text>"
        }
        return out
    }

    /// An alarm marker: raised filled (and labelled), cleared hollow; the title tells id, level and time.
    static func marker(_ r: HistoryRecord, x: Double, y: Double, label: String?) -> String {
        let f = ReportFormat.coordinate
        let raised = r.type == .alarmRaised
        var title = "\(r.level ?? "alarm") \(raised ? "raised" : "cleared") at \(ReportFormat.time(r.t))"
        if let point = r.point { title += " on \(point)" }
        if let id = r.id { title += " (id \(id))" }
        if let value = r.value, value.isFinite { title += ", value \(ReportFormat.value(value))" }
        if let message = r.message, !message.isEmpty { title += " — \(message)" }
        var out = "<circle class=\"\(raised ? "alarm-raised" : "alarm-cleared")\" cx=\"\(f(x))\" cy=\"\(f(y))\""
            + " r=\"\(f(markerRadius))\">"
            + "<title>\(Markup.text(title))</title></circle>"
        if let label {
            out += "<text class=\"alarm-label\" x=\"\(f(x))\" y=\"\(f(y - 7))\" text-anchor=\"middle\">\(Markup.text(label))</text>"
        }
        return out
    }
}
