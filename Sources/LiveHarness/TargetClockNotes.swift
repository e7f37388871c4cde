import Conformance
import SimCore

/// In accelerated mode the target's own clock is the wall clock. While our uplink is cut off
/// (`network: outage`) nothing but that clock tells the target that plant time passes, and it sees
/// the outage `speed` times shorter: what it must notice by the passing of time alone (points
/// offline after minutes without data, the grades that follow, and their absence before then)
/// cannot be judged. An `error` at the outage's start says so, so every expectation whose window
/// ends later is `error`, never a vacuous pass or a fail that is ours.
enum TargetClockNotes {
    static func records(_ history: [HistoryRecord], speed: Double) -> [HistoryRecord] {
        guard speed > 1 else { return [] }
        let ends = history.filter { $0.type == .step && $0.kind == "networkFaultEnded" }
        var seen: Set<Int64> = []
        return history.compactMap { record in
            guard record.type == .step, record.kind == "networkFaultStarted", record.message?.hasPrefix("outage") == true,
                  seen.insert(record.t).inserted else { return nil }
            let start = SimInstant(milliseconds: record.t)
            var what = "uplink outage from \(start)"
            if let end = ends.first(where: { $0.t > record.t && $0.name == record.name }) {
                let wall = Double(end.t - record.t) / 1000 / speed
                what += " to \(SimInstant(milliseconds: end.t)) lasts \(String(format: "%.1f", wall)) s on the target's clock"
            } else {
                what += " is \(Int(speed))× shorter on the target's clock"
            }
            return .error(at: start, source: .harness, message: what + " (the wall clock, at --speed \(Int(speed))): "
                + "what the target must notice by the passing of time alone (points offline, the grades that follow) "
                + "cannot be judged in accelerated mode; run this scenario in realtime mode")
        }
    }
}
