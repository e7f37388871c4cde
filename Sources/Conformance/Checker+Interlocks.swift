import Scenario
import SimCore

/// Interlock expectations. A trip is observed when the target reports the interlock acted
/// (`interlockActed`); the plant's own trip events are evidence in the explanation. "Not tripped"
/// is violated by either: the target seeing it act, or the plant tripping it.
extension Checker {
    func acted(_ e: Expectation, _ name: String) -> [HistoryRecord] {
        history.records(.interlockActed).filter { $0.name == name && enterpriseMatches(e, $0.enterprise) }
    }

    func plantTrips(_ e: Expectation, _ name: String) -> [HistoryRecord] {
        history.records(.plantEvent).filter {
            $0.kind == "interlockTripped" && $0.name == name && enterpriseMatches(e, $0.enterprise)
        }
    }

    func interlockTripped(_ e: Expectation, _ name: String) -> Verdict {
        let seen = acted(e, name)
        if let hit = seen.first(where: { e.window.contains($0.time) }) {
            return verdict(e, .pass, observed: "target saw \(name) act at \(Fmt.time(hit.time))",
                           latency: hit.time - cause(e), first: hit.time, last: hit.time, occurrences: 1)
        }
        var observed = "the target reported no \(name) action in the window"
        if !seen.isEmpty { observed += "; reported at " + Fmt.list(seen) { Fmt.time($0.time) } }
        let trips = plantTrips(e, name)
        observed += trips.isEmpty ? "; the plant did not trip it"
            : "; the plant tripped it at " + Fmt.list(trips) { Fmt.time($0.time) }
        return missing(e, observed: observed, first: seen.first?.time, last: seen.last?.time, occurrences: seen.count)
    }

    func interlockNotTripped(_ e: Expectation, _ name: String) -> Verdict {
        let bad = (acted(e, name) + plantTrips(e, name)).filter { e.window.contains($0.time) }
            .sorted { $0.t < $1.t }
        guard let first = bad.first, let last = bad.last else {
            return clean(e, observed: "\(name) did not trip in the window")
        }
        let observed = Fmt.list(bad) {
            ($0.source == .plant ? "plant tripped it" : "target saw it act") + " at \(Fmt.time($0.time))"
        }
        return verdict(e, .fail, observed: observed, first: first.time, last: last.time, occurrences: bad.count)
    }
}
