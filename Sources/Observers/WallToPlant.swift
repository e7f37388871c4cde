import SimCore

/// How wall-clock time maps to plant time during a run: plant time advances `speed` times as fast
/// as the wall clock from `plantStart` at wall time `wallStartMs` (Unix ms). Pure: the wall time is
/// passed in, never read here.
public struct WallToPlant: Hashable, Sendable {
    public var wallStartMs: Int64
    public var speed: Double
    public var plantStart: SimInstant
    /// The scenario's end in plant time, when known: error records and observation spans are never
    /// stamped past it (the observer's last poll happens after the run settles).
    public var plantEnd: SimInstant?

    public init(wallStartMs: Int64, speed: Double = 1, plantStart: SimInstant = .start, plantEnd: SimInstant? = nil) {
        self.wallStartMs = wallStartMs; self.speed = speed; self.plantStart = plantStart; self.plantEnd = plantEnd
    }

    /// The plant instant at wall time `wallMs` (Unix ms). Before the start it runs backwards (a
    /// negative offset), so early receipts stay visibly early rather than being clamped.
    public func plant(atWallMs wallMs: Int64) -> SimInstant {
        let elapsed = Double(wallMs - wallStartMs) * speed
        return SimInstant(milliseconds: plantStart.milliseconds + Int64(elapsed.rounded()))
    }

    /// The plant instant at `wallMs` held inside the scenario: not before `plantStart`, not after
    /// `plantEnd`. For the observer's own records (errors, spans), which belong to the scenario.
    public func stamp(atWallMs wallMs: Int64) -> SimInstant {
        clamp(plant(atWallMs: wallMs))
    }

    /// `t` held inside [`plantStart`, `plantEnd`].
    public func clamp(_ t: SimInstant) -> SimInstant {
        var ms = max(t.milliseconds, plantStart.milliseconds)
        if let end = plantEnd { ms = min(ms, max(end.milliseconds, plantStart.milliseconds)) }
        return SimInstant(milliseconds: ms)
    }
}
