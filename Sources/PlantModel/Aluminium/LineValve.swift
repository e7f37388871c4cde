/// One safety gate of the line (quick cut-off, emergency discharge, launder disconnect).
/// `actuated` is its safety position: cut-off closed, discharge open, launder disconnected.
struct LineValve: Sendable {
    var actuated = false
    /// Stays where it is when commanded, and says nothing (found only by a stroke test).
    var stuck = false
    /// Reports a fault on its status point and will not act.
    var failed = false

    var canMove: Bool { !stuck && !failed }
    var statusValue: Double { actuated ? 1 : 0 }
    var faultValue: Double { failed ? 1 : 0 }

    /// Commands the valve; returns false when it could not move there.
    mutating func command(actuated target: Bool) -> Bool {
        if actuated == target { return true }
        guard canMove else { return false }
        actuated = target
        return true
    }

    /// Why it would not act, for event details.
    var problem: String { failed ? "failed" : (stuck ? "stuck" : "ok") }
}
