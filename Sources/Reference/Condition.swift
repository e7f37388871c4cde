/// A test on the latest reading of a point, used by state rules, conditional limits, interlock
/// active windows and the casting test of RED-2. Data, not code: written in the rules file.
///
/// A point name is resolved in the enterprise as: the exact code, else `<equipment>_<name>` for
/// the equipment the rule is about (so `O2_VLV` in an interlock window of `BOF1` is `BOF1_O2_VLV`,
/// and `CM_CASTING` of a casting line with prefix `L2_` is `L2_CM_CASTING`).
public indirect enum Condition: Hashable, Sendable {
    case equals(point: String, value: Double)
    case notEquals(point: String, value: Double)
    case atLeast(point: String, value: Double)
    case atMost(point: String, value: Double)
    /// True when any of the conditions is.
    case any([Condition])
    /// True when all of the conditions are.
    case all([Condition])

    /// Evaluates with `reading(name)` giving the latest good value of a point (nil: unknown).
    /// An unknown point makes a comparison false.
    public func holds(_ reading: (String) -> Double?) -> Bool {
        switch self {
        case .equals(let point, let value): return reading(point).map { $0 == value } ?? false
        case .notEquals(let point, let value): return reading(point).map { $0 != value } ?? false
        case .atLeast(let point, let value): return reading(point).map { $0 >= value } ?? false
        case .atMost(let point, let value): return reading(point).map { $0 <= value } ?? false
        case .any(let conditions): return conditions.contains { $0.holds(reading) }
        case .all(let conditions): return conditions.allSatisfy { $0.holds(reading) }
        }
    }

    /// Every point name the condition reads.
    public var points: [String] {
        switch self {
        case .equals(let point, _), .notEquals(let point, _), .atLeast(let point, _), .atMost(let point, _):
            return [point]
        case .any(let conditions), .all(let conditions): return conditions.flatMap(\.points)
        }
    }
}
