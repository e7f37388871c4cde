/// A `Condition` with its point names resolved to indices of one site, so that the per-sample and
/// per-second checks (conditional limits, state rules, interlock windows) read the monitors
/// directly instead of hashing point codes. A name the site does not have makes its comparison
/// false, as in `Condition.holds`.
indirect enum PointTest: Sendable {
    case compare(point: Int, comparison: Comparison, value: Double)
    case any([PointTest])
    case all([PointTest])

    enum Comparison: Sendable {
        case equals, notEquals, atLeast, atMost
    }

    init(_ condition: Condition, index: [String: Int]) {
        func leaf(_ point: String, _ comparison: Comparison, _ value: Double) -> PointTest {
            .compare(point: index[point] ?? -1, comparison: comparison, value: value)
        }
        switch condition {
        case .equals(let point, let value): self = leaf(point, .equals, value)
        case .notEquals(let point, let value): self = leaf(point, .notEquals, value)
        case .atLeast(let point, let value): self = leaf(point, .atLeast, value)
        case .atMost(let point, let value): self = leaf(point, .atMost, value)
        case .any(let list): self = .any(list.map { PointTest($0, index: index) })
        case .all(let list): self = .all(list.map { PointTest($0, index: index) })
        }
    }

    /// Whether the test reads `point`.
    func reads(_ point: Int) -> Bool {
        switch self {
        case .compare(let p, _, _): return p == point
        case .any(let tests), .all(let tests): return tests.contains { $0.reads(point) }
        }
    }

    /// Evaluates against the latest good values (`PointMonitor.lastGood`).
    func holds(_ monitors: [PointMonitor]) -> Bool {
        switch self {
        case .compare(let point, let comparison, let value):
            guard point >= 0, let reading = monitors[point].lastGood else { return false }
            switch comparison {
            case .equals: return reading == value
            case .notEquals: return reading != value
            case .atLeast: return reading >= value
            case .atMost: return reading <= value
            }
        case .any(let tests): return tests.contains { $0.holds(monitors) }
        case .all(let tests): return tests.allSatisfy { $0.holds(monitors) }
        }
    }
}
