import Scenario
import SimCore

/// Expectations in words, for verdicts and reports.
public enum ExpectationText {
    /// The key the scenario file uses for the kind.
    public static func key(_ kind: ExpectationKind) -> String {
        switch kind {
        case .alarmRaised: "alarmRaised"
        case .alarmNotRaised: "alarmNotRaised"
        case .alarmCleared: "alarmCleared"
        case .gradeReached: "gradeReached"
        case .gradeNotExceeded: "gradeNotExceeded"
        case .interlockTripped: "interlockTripped"
        case .interlockNotTripped: "interlockNotTripped"
        case .dataComplete: "dataComplete"
        case .regionGrades: "regionGrades"
        case .regionUnhandled: "regionUnhandled"
        case .gradeStable: "gradeStable"
        }
    }

    public static func describe(_ e: Expectation) -> String {
        let who = e.plant.map { " at \($0)" } ?? ""
        let what: String
        switch e.kind {
        case .alarmRaised(let m): what = "\(alarm(m)) raised\(who)"
        case .alarmNotRaised(let m): what = "no \(alarm(m)) raised\(who)"
        case .alarmCleared(let m): what = "\(alarm(m)) cleared\(who)"
        case .gradeReached(let g): what = "grade\(who) reaches \(g.rawValue)"
        case .gradeNotExceeded(let g): what = "grade\(who) stays at or below \(g.rawValue)"
        case .gradeStable(let n): what = "grade\(who) changes at most \(n) time\(n == 1 ? "" : "s")"
        case .interlockTripped(let name): what = "interlock \(name)\(who) seen to act"
        case .interlockNotTripped(let name): what = "interlock \(name)\(who) does not trip"
        case .dataComplete(let point, let pct): what = "≥ \(Fmt.pct(pct)) % of readings of \(point ?? "every point")\(who) received"
        case .regionGrades(let region, let grade, let bounds):
            return "\(bounds) enterprises of \(region) at \(grade.rawValue) at \(Fmt.time(e.window.end))" + anchor(e.window)
        case .regionUnhandled(let region, let bounds):
            return "\(bounds) unhandled alarms in \(region) at \(Fmt.time(e.window.end))" + anchor(e.window)
        }
        return what + " " + window(e.window)
    }

    static func alarm(_ m: AlarmMatch) -> String {
        let level = m.level.map { "\($0.rawValue) " } ?? "hazard "
        return level + "alarm" + (m.point.map { " on \($0)" } ?? "")
    }

    static func anchor(_ w: Window) -> String { w.anchor.map { " (after '\($0)')" } ?? "" }

    /// `within [t+11m, t+11m10s] (after 'pump_trip')`.
    public static func window(_ w: Window) -> String {
        "in [\(Fmt.time(w.start)), \(Fmt.time(w.end))]" + (w.anchor.map { " (after '\($0)')" } ?? "")
    }
}
