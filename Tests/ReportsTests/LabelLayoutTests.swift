import Conformance
@testable import Reports
import Testing

@Suite struct LabelLayoutTests {
    static func alarm(_ t: Int64, point: String, level: String, value: Double?) -> HistoryRecord {
        var r = HistoryRecord(t: t, source: .target, type: .alarmRaised)
        r.id = "\(point)-\(level)-\(t)"; r.enterprise = "E1"; r.point = point; r.level = level; r.value = value
        return r
    }

    /// AL-01's case: L, RATE and LL on one point within seconds of each other, on the alarm lane
    /// (the point has no panel) and in a panel (it has one).
    static let clustered: [HistoryRecord] = [
        alarm(61_000, point: "LD_LVL_TBL", level: "L", value: 0.2),
        alarm(61_500, point: "LD_LVL_TBL", level: "RATE", value: 0.18),
        alarm(63_000, point: "LD_LVL_TBL", level: "LL", value: 0.15),
        alarm(62_000, point: "MW_P_IN", level: "L", value: 0.21),
        alarm(62_200, point: "MW_P_IN", level: "RATE", value: 0.2),
        alarm(64_000, point: "MW_P_IN", level: "LL", value: 0.19),
        alarm(64_500, point: "MW_Q_IN", level: "LL", value: 1),
    ]

    static let scenario = ScenarioResult(
        id: "AL-01", titleZh: "", titleEn: "", file: "a.yaml", digest: "d", seed: 1, enterprises: ["E1"], clauses: [],
        durationMs: 600_000, verdicts: [], quality: .empty)

    static let panelSeries = PointSeries(
        enterprise: "E1", point: "MW_P_IN", name: "Mould water pressure", unit: "MPa", limits: ["L": 0.22, "LL": 0.2],
        rangeMin: 0, rangeMax: 1, startMs: 0, bucketMs: 60_000, min: Array(repeating: 0.2, count: 10),
        max: Array(repeating: 0.3, count: 10))

    /// The label boxes of a rendered timeline, as the layout estimates them.
    static func boxes(_ svg: String, cls: String) -> [(String, LabelLayout.Box)] {
        let doc = XMLStructure.parse("<root>" + svg + "</root>")
        return doc.withClass(cls, "text").map { e in
            let x = Double(e.attributes["x"] ?? "") ?? 0, y = Double(e.attributes["y"] ?? "") ?? 0
            let anchor: LabelLayout.Anchor = e.attributes["text-anchor"] == "middle" ? .middle
                : e.attributes["text-anchor"] == "end" ? .end : .start
            return (e.text, LabelLayout.box(e.text, x: x, baseline: y, anchor: anchor, bold: cls == "alarm-label"))
        }
    }

    @Test func clusteredAlarmLabelsNeverOverlapAndAllAreShown() throws {
        let evidence = ScenarioEvidence(history: Self.clustered, series: [Self.panelSeries])
        let svg = SVGTimeline(Self.scenario, evidence: evidence).render()
        let labels = Self.boxes(svg, cls: "alarm-label")
        #expect(labels.map(\.0).sorted() == ["L", "LD_LVL_TBL L", "LD_LVL_TBL LL", "LD_LVL_TBL RATE", "LL", "MW_Q_IN LL",
                                             "RATE"])
        for i in labels.indices {
            for j in labels.indices where j > i {
                #expect(!labels[i].1.meets(labels[j].1), "\(labels[i].0) overlaps \(labels[j].0)")
            }
        }
    }

    @Test func stepNamesTakeMoreRowsWhenTheyCrowd() {
        let steps = (0..<5).map { i in
            HistoryRecord.step(at: .init(milliseconds: 60_000 + Int64(i) * 1000), name: "step_number_\(i)", kind: "mark",
                               enterprise: "E1", detail: "")
        }
        let svg = SVGTimeline(Self.scenario, evidence: ScenarioEvidence(history: steps, series: [])).render()
        let labels = Self.boxes(svg, cls: "step-label")
        #expect(labels.count == 5)
        #expect(Set(labels.map(\.1.y0)).count == 5, "five crowded names need five rows")
        for i in labels.indices {
            for j in labels.indices where j > i { #expect(!labels[i].1.meets(labels[j].1)) }
        }
    }

    @Test func aLabelWithNoFreeRowIsLeftOut() {
        var layout = LabelLayout(minX: 0, maxX: 100)
        #expect(layout.place("AAAA", x: 50, anchor: .middle, baselines: [20]) != nil)
        #expect(layout.place("BBBB", x: 52, anchor: .middle, baselines: [20]) == nil)
        #expect(layout.place("BBBB", x: 52, anchor: .middle, baselines: [20, 32])?.y == 32)
        // Kept inside the room: a label at the right edge moves left.
        let edge = layout.place("CCCCCC", x: 99, anchor: .middle, baselines: [60])
        #expect(edge.map { $0.x < 99 } == true)
    }

    /// Found rendering the whole library: an INSTRUMENT alarm at the top of a plot had its label
    /// put beside the marker, over the panel's title.
    @Test func aLabelAtTheTopOfAPlotStaysOffThePanelTitle() throws {
        var top = Self.alarm(60_000, point: "MW_P_IN", level: "INSTRUMENT", value: 5)  // off the scale: at the top
        top.category = "instrument"
        let svg = SVGTimeline(Self.scenario, evidence: ScenarioEvidence(history: [top], series: [Self.panelSeries])).render()
        let doc = XMLStructure.parse("<root>" + svg + "</root>")
        let title = try #require(doc.withClass("panel-title", "text").first)
        let titleBox = LabelLayout.box(title.text, x: Double(title.attributes["x"] ?? "") ?? 0,
                                       baseline: Double(title.attributes["y"] ?? "") ?? 0, anchor: .start, bold: true)
        let labels = Self.boxes(svg, cls: "alarm-label")
        #expect(labels.map(\.0) == ["INSTRUMENT"])
        #expect(labels.allSatisfy { !$0.1.meets(titleBox) }, "\(labels.map(\.1)) meets the title \(titleBox)")
    }
}
