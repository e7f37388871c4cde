import ConfigText
import SimCore

/// Resolves step times (`at:`, or `after:` + `delay`), checks names, references, cycles, `clear:`
/// targets and the scenario's end, and sorts the timeline stably by time.
struct TimelineResolver {
    let sink: DiagnosticSink
    let duration: SimDuration?

    /// Resolved times are capped (about 31 700 years) so later window arithmetic cannot overflow.
    static let maxTimeMs: Int64 = 1_000_000_000_000_000

    struct Result {
        var timeline: [TimelineStep]
        /// Resolved times of named steps (for expectation windows).
        var times: [String: SimInstant]
        var names: [String]
    }

    func resolve(_ steps: [RawStep]) -> Result {
        let index = indexNames(steps)
        var times: [Int: SimInstant] = [:]
        var failed: Set<Int> = []
        for position in steps.indices {
            _ = time(of: position, steps: steps, index: index, times: &times, failed: &failed, path: [])
        }
        checkClears(steps, index: index, times: times)
        var timeline: [TimelineStep] = []
        for (position, step) in steps.enumerated() {
            guard let at = times[position], let action = step.action else { continue }
            if let duration, at.milliseconds > duration.milliseconds {
                sink.error(step.location, "step at \(at.sinceStart) is after the scenario's end (duration \(duration))")
                continue
            }
            timeline.append(TimelineStep(name: step.name, time: at, plant: step.plant, equipment: step.equipment,
                                         action: action, duration: step.duration, location: step.location))
        }
        let sorted = timeline.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
        var named: [String: SimInstant] = [:]
        for (name, position) in index { if let at = times[position] { named[name] = at } }
        return Result(timeline: sorted, times: named, names: steps.compactMap(\.name))
    }

    /// Step names to positions; duplicates are reported (the first one wins).
    func indexNames(_ steps: [RawStep]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, step) in steps.enumerated() {
            guard let name = step.name else { continue }
            if let first = index[name] {
                sink.error(step.nameLocation, "duplicate step name '\(name)' (first used at line \(steps[first].nameLocation.line))")
            } else {
                index[name] = position
            }
        }
        return index
    }

    /// Depth-first resolution with cycle detection; `path` holds the steps being resolved.
    func time(of position: Int, steps: [RawStep], index: [String: Int], times: inout [Int: SimInstant],
              failed: inout Set<Int>, path: [Int]) -> SimInstant? {
        if let known = times[position] { return known }
        if failed.contains(position) { return nil }
        guard let timing = steps[position].timing else { failed.insert(position); return nil }
        switch timing {
        case .at(let offset):
            let at = SimInstant.start + offset
            times[position] = at
            return at
        case .after(let name, let delay, let location):
            guard let target = index[name] else {
                sink.error(location, "unknown step '\(YNode.clip(name))' in 'after'",
                           suggestion: Suggest.closest(to: name, among: Array(index.keys).sorted()))
                failed.insert(position)
                return nil
            }
            if target == position || path.contains(target) {
                let cycle = (path.drop { $0 != target } + [position, target]).compactMap { steps[$0].name }
                sink.error(location, "'after' references form a cycle: \(cycle.joined(separator: " → "))")
                failed.insert(position)
                return nil
            }
            guard let base = time(of: target, steps: steps, index: index, times: &times, failed: &failed,
                                  path: path + [position]) else {
                failed.insert(position)
                return nil
            }
            let (sum, overflow) = base.milliseconds.addingReportingOverflow(delay.milliseconds)
            guard !overflow, sum <= Self.maxTimeMs else {
                sink.error(location, "step time is beyond \(SimDuration(milliseconds: Self.maxTimeMs))")
                failed.insert(position)
                return nil
            }
            let at = SimInstant(milliseconds: sum)
            times[position] = at
            return at
        }
    }

    /// `clear:` must name a fault step that starts no later than the clear.
    func checkClears(_ steps: [RawStep], index: [String: Int], times: [Int: SimInstant]) {
        let faultNames = steps.filter(\.isFault).compactMap(\.name)
        for (position, step) in steps.enumerated() {
            guard let (name, location) = step.clearTarget else { continue }
            guard let target = index[name] else {
                sink.error(location, "unknown step '\(YNode.clip(name))' in 'clear'",
                           suggestion: Suggest.closest(to: name, among: faultNames))
                continue
            }
            guard steps[target].isFault else {
                sink.error(location, "step '\(name)' is not a fault; 'clear' ends a fault or sensor step")
                continue
            }
            if let start = times[target], let end = times[position], end < start {
                sink.error(location, "clear at \(end.sinceStart) comes before fault '\(name)' starts (\(start.sinceStart))")
            }
        }
    }
}
