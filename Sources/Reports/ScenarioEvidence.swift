import Conformance

/// What a report shows of one scenario besides its verdicts: the history (alarms, grades, steps)
/// and the plot series of the relevant points.
public struct ScenarioEvidence: Sendable {
    public var history: [HistoryRecord]
    public var series: [PointSeries]
    public init(history: [HistoryRecord], series: [PointSeries]) { self.history = history; self.series = series }
}
