import Conformance

/// The inline SVG timeline of one scenario. Plant time runs left to right over the scenario's
/// duration; from the top: timeline steps (dotted lines, labelled), expectation windows (a bar per
/// expectation, coloured by verdict), the grade of each enterprise (blue/yellow/orange/red), alarms
/// on points that are not plotted, then a panel per plotted point (see `SVGPanel`) and the time axis.
///
/// Styling is by class (`w-pass`, `g-red`, `alarm-raised`, …); the report's style sheet colours them.
struct SVGTimeline {
    static let width = 960.0
    static let left = 150.0
    static let right = 100.0
    static let maxPanels = 4
    static let laneHeight = 16.0

    let scenario: ScenarioResult
    /// The history in time order (stable).
    let records: [HistoryRecord]
    let series: [PointSeries]
    /// Series left out beyond `maxPanels`.
    let omitted: Int
    let scale: TimeScale

    init(_ scenario: ScenarioResult, evidence: ScenarioEvidence?) {
        self.scenario = scenario
        records = History(evidence?.history ?? []).records
        let all = Self.ordered(evidence?.series ?? [], verdicts: scenario.verdicts)
        series = Array(all.prefix(Self.maxPanels))
        omitted = all.count - series.count
        var duration = scenario.durationMs
        if duration <= 0 {
            duration = max(records.map(\.t).max() ?? 0, scenario.verdicts.map(\.windowEndMs).max() ?? 0)
        }
        scale = TimeScale(left: Self.left, width: Self.width - Self.left - Self.right, durationMs: max(1000, duration))
    }

    /// Series of the points the expectations are about first, then the rest, each in given order.
    static func ordered(_ series: [PointSeries], verdicts: [Verdict]) -> [PointSeries] {
        let wanted = Set(verdicts.compactMap(\.point))
        return series.filter { wanted.contains($0.point) } + series.filter { !wanted.contains($0.point) }
    }

    /// Timeline steps, one per name and time (a step applied to several plants is drawn once).
    var steps: [HistoryRecord] {
        var seen: Set<String> = []
        return records.filter { $0.type == .step && seen.insert("\($0.t)/\($0.name ?? "")/\($0.kind ?? "")").inserted }
    }

    func isPlotted(_ record: HistoryRecord) -> Bool {
        series.contains { $0.point == record.point && (record.enterprise == nil || record.enterprise == $0.enterprise) }
    }

    var unplottedAlarms: [HistoryRecord] {
        records.filter { ($0.type == .alarmRaised || $0.type == .alarmCleared) && !isPlotted($0) }
    }

    /// Enterprises with grade records, in order of their first grade.
    var gradedEnterprises: [String] {
        var out: [String] = []
        for r in records where r.type == .grade {
            let code = r.enterprise ?? ""
            if !out.contains(code) { out.append(code) }
        }
        return out
    }

    func render() -> String {
        let lanes = WindowLanes(verdicts: scenario.verdicts, scale: scale)
        let (stepLabels, stepsHeight) = stepLabels(top: 2)
        let lanesTop = stepsHeight
        let gradeTop = lanesTop + Double(lanes.count) * Self.laneHeight + 4
        let graded = gradedEnterprises
        let alarmsTop = gradeTop + Double(graded.count) * Self.laneHeight + (graded.isEmpty ? 0 : 4)
        let alarms = unplottedAlarms
        let (alarmsSVG, alarmsHeight) = alarms.isEmpty ? ("", 0.0) : alarmLane(alarms, top: alarmsTop)
        let panelsTop = alarmsTop + alarmsHeight
        let axisTop = panelsTop + Double(series.count) * SVGPanel.height + (series.isEmpty ? 22 : 4)
        let height = axisTop + 24
        let f = ReportFormat.coordinate
        var out = "<svg class=\"timeline\" viewBox=\"0 0 \(f(Self.width)) \(f(height))\" width=\"\(f(Self.width))\""
            + " height=\"\(f(height))\" role=\"img\" aria-label=\""
            + Markup.attribute("Timeline of \(scenario.id) over \(ReportFormat.duration(scale.durationMs))") + "\">\n"
        out += scale.axis(top: lanesTop, bottom: axisTop)
        out += stepLines(stepLabels, top: 2, bottom: axisTop)
        out += lanes.render(top: lanesTop)
        out += gradeStrips(graded, top: gradeTop)
        out += alarmsSVG
        for (i, s) in series.enumerated() {
            let panel = SVGPanel(series: s, top: panelsTop + Double(i) * SVGPanel.height, scale: scale)
            out += panel.render(records: records, verdicts: scenario.verdicts)
        }
        if series.isEmpty {
            out += "<text class=\"note\" x=\"\(f(Self.left))\" y=\"\(f(axisTop - 6))\">"
                + "无点位曲线记录 no point series recorded for this scenario</text>\n"
        }
        return out + "</svg>\n"
    }

    static let maxStepRows = 6

    /// A timeline step's name and where it is drawn (nil: no free row).
    struct StepLabel {
        var step: HistoryRecord
        var text: String
        var atEnd: Bool
        var placed: (x: Double, y: Double)?
    }

    /// The step names in as many rows at the top as keep them apart (at most `maxStepRows`), and
    /// the height the rows take.
    func stepLabels(top: Double) -> (labels: [StepLabel], height: Double) {
        guard !steps.isEmpty else { return ([], 6) }
        var layout = LabelLayout(minX: 0, maxX: Self.width)
        let baselines = LabelLayout.rows(from: top + 9, count: Self.maxStepRows)
        var rowsUsed = 1
        let labels = steps.map { step in
            let x = scale.x(step.t)
            let ends = ["faultCleared", "sensorFaultEnded", "protocolFaultEnded", "networkFaultEnded"].contains(step.kind ?? "")
            let text = (step.name ?? step.kind ?? "step") + (ends ? " ends" : "")
            let atEnd = x + 2 + TimeScale.textWidth(text) > Self.width - 2
            let placed = layout.place(text, x: atEnd ? x - 2 : x + 2, anchor: atEnd ? .end : .start, baselines: baselines)
            if let placed { rowsUsed = max(rowsUsed, (baselines.firstIndex(of: placed.y) ?? 0) + 1) }
            return StepLabel(step: step, text: text, atEnd: atEnd, placed: placed)
        }
        return (labels, top + 8 + Double(rowsUsed) * LabelLayout.rowStep)
    }

    /// Dotted vertical lines at the timeline steps down to `bottom`, with their names.
    func stepLines(_ labels: [StepLabel], top: Double, bottom: Double) -> String {
        guard !labels.isEmpty else { return "" }
        let f = ReportFormat.coordinate
        var out = "<g class=\"steps\">"
        for label in labels {
            let x = scale.x(label.step.t)
            let title = "step \(label.text) at \(ReportFormat.time(label.step.t))" + (label.step.message.map { ": \($0)" } ?? "")
            out += "<line class=\"step\" x1=\"\(f(x))\" y1=\"\(f(label.placed.map { $0.y + 2 } ?? top))\" x2=\"\(f(x))\""
                + " y2=\"\(f(bottom))\"><title>\(Markup.text(title))</title></line>"
            guard let placed = label.placed else { continue }
            out += "<text class=\"step-label\" x=\"\(f(placed.x))\" y=\"\(f(placed.y))\""
                + (label.atEnd ? " text-anchor=\"end\"" : "") + ">\(Markup.text(label.text))</text>"
        }
        return out + "</g>\n"
    }

    /// A strip per enterprise: each grade from its record to the next (or the end).
    func gradeStrips(_ enterprises: [String], top: Double) -> String {
        let f = ReportFormat.coordinate
        var out = "<g class=\"grades\">"
        for (row, code) in enterprises.enumerated() {
            let y = top + Double(row) * Self.laneHeight
            out += "<text class=\"lane-label\" x=\"\(f(Self.left - 6))\" y=\"\(f(y + 10))\" text-anchor=\"end\">"
                + Markup.text("预警等级 \(code)") + "</text>"
            out += "<rect class=\"track\" x=\"\(f(scale.left))\" y=\"\(f(y))\" width=\"\(f(scale.width))\" height=\"12\"/>"
            let changes = records.filter { $0.type == .grade && ($0.enterprise ?? "") == code }
            for (i, change) in changes.enumerated() {
                let end = i + 1 < changes.count ? changes[i + 1].t : scale.durationMs
                let x0 = scale.x(change.t), x1 = scale.x(end)
                guard x1 > x0 else { continue }
                let grade = change.grade ?? "?"
                var title = "预警等级 risk grade \(Bilingual.grade(grade)) from \(ReportFormat.time(change.t))"
                if let reasons = change.reasons, !reasons.isEmpty { title += " (\(reasons.joined(separator: ", ")))" }
                out += "<rect class=\"grade \(Self.gradeClass(grade))\" x=\"\(f(x0))\" y=\"\(f(y))\""
                    + " width=\"\(f(x1 - x0))\" height=\"12\"><title>\(Markup.text(title))</title></rect>"
                let label = Bilingual.grade(grade)
                if x1 - x0 >= TimeScale.textWidth(label) + 6 {
                    out += "<text class=\"grade-label\" x=\"\(f(x0 + 3))\" y=\"\(f(y + 10))\">\(Markup.text(label))</text>"
                }
            }
        }
        return out + "</g>\n"
    }

    /// `g-blue` … `g-red` (English or Chinese names), else `g-other`.
    static func gradeClass(_ grade: String) -> String {
        switch grade.lowercased() {
        case "blue", "蓝": "g-blue"
        case "yellow", "黄": "g-yellow"
        case "orange", "橙": "g-orange"
        case "red", "红": "g-red"
        default: "g-other"
        }
    }

    static let maxAlarmRows = 8

    /// Alarms on points without a panel: markers on one lane, raised ones labelled with point and
    /// level in rows below it, as many as keep the labels apart (at most `maxAlarmRows`). Returns
    /// the SVG and the lane's height.
    func alarmLane(_ alarms: [HistoryRecord], top: Double) -> (svg: String, height: Double) {
        let f = ReportFormat.coordinate
        let y = top + 8
        var out = "<g class=\"alarms\"><text class=\"lane-label\" x=\"\(f(Self.left - 6))\" y=\"\(f(y + 3))\""
            + " text-anchor=\"end\">其他报警 other alarms</text>"
        out += "<line class=\"lane-line\" x1=\"\(f(scale.left))\" y1=\"\(f(y))\" x2=\"\(f(scale.right))\" y2=\"\(f(y))\"/>"
        var layout = LabelLayout(minX: scale.left, maxX: Self.width)
        let baselines = LabelLayout.rows(from: y + 16, count: Self.maxAlarmRows)
        var labels = "", rowsUsed = 0
        for alarm in alarms {
            let x = scale.x(alarm.t)
            out += SVGPanel.marker(alarm, x: x, y: y, label: nil)
            guard alarm.type == .alarmRaised else { continue }
            let label = [alarm.point, alarm.level].compactMap { $0 }.joined(separator: " ")
            guard let at = layout.place(label, x: x, anchor: .middle, baselines: baselines, bold: true) else { continue }
            rowsUsed = max(rowsUsed, (baselines.firstIndex(of: at.y) ?? 0) + 1)
            labels += "<text class=\"alarm-label\" x=\"\(f(at.x))\" y=\"\(f(at.y))\" text-anchor=\"middle\">"
                + "\(Markup.text(label))</text>"
        }
        return (out + labels + "</g>\n", 14 + Double(rowsUsed) * LabelLayout.rowStep + 4)
    }
}
