import PlantModel
import SimCore

/// Sensor faults active on one plant's points: how the instrument lies on top of the true value.
struct SensorOverlay: Sendable {
    struct Active: Sendable {
        var fault: SensorFault
        /// Timeline index of the step that started it (used to clear it).
        var stepIndex: Int
        var started: SimInstant
        var frozenValue: Double?
        var spikePending = true
    }

    /// Per point, the faults in the order they started. Mostly empty.
    private(set) var active: [[Active]]
    /// Number of points with at least one fault (fast path when zero).
    private(set) var faultedPoints = 0

    init(pointCount: Int) { active = Array(repeating: [], count: pointCount) }

    mutating func start(_ fault: SensorFault, point: Int, stepIndex: Int, now: SimInstant, lastValue: Double) {
        if active[point].isEmpty { faultedPoints += 1 }
        active[point].append(Active(fault: fault, stepIndex: stepIndex, started: now, frozenValue: lastValue))
    }

    /// Ends the fault that step `stepIndex` started on `point`; returns whether one was active.
    @discardableResult
    mutating func end(stepIndex: Int, point: Int) -> Bool {
        let before = active[point].count
        active[point].removeAll { $0.stepIndex == stepIndex }
        if before > 0 && active[point].isEmpty { faultedPoints -= 1 }
        return active[point].count != before
    }

    func hasFaults(_ point: Int) -> Bool { !active[point].isEmpty }

    /// Applies the point's active faults, in start order, to a measured value.
    mutating func apply(
        point: Int, value: Double, now: SimInstant, rng: inout SeededRandom
    ) -> (value: Double, quality: Quality) {
        var result = value
        var quality = Quality.good
        for index in active[point].indices {
            let elapsedMin = (now - active[point][index].started).seconds / 60
            switch active[point][index].fault {
            case .stuck:
                result = active[point][index].frozenValue ?? result
            case .drift(let perMin):
                result += perMin * elapsedMin
            case .spike(let magnitude):
                if active[point][index].spikePending {
                    result += magnitude
                    active[point][index].spikePending = false
                }
            case .noise(let sigma):
                result += sigma * rng.nextGaussian()
            case .outOfRange(let forced):
                result = forced
            case .offline:
                quality = .offline
            case .badQuality:
                if quality == .good { quality = .bad }
            }
        }
        return (quality == .offline ? .nan : result, quality)
    }
}
