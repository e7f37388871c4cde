import SimCore

/// How wall-clock time maps to plant time during a run: plant time advances `speed` times as fast
/// as the wall clock from `plantStart` at wall time `wallStartMs` (Unix ms). Pure: the wall time is
/// passed in, never read here.
public struct WallToPlant: Hashable, Sendable {
    public var wallStartMs: Int64
    public var speed: Double
    public var plantStart: SimInstant

    public init(wallStartMs: Int64, speed: Double = 1, plantStart: SimInstant = .start) {
        self.wallStartMs = wallStartMs; self.speed = speed; self.plantStart = plantStart
    }

    /// The plant instant at wall time `wallMs` (Unix ms). Before the start it runs backwards (a
    /// negative offset), so early receipts stay visibly early rather than being clamped.
    public func plant(atWallMs wallMs: Int64) -> SimInstant {
        let elapsed = Double(wallMs - wallStartMs) * speed
        return SimInstant(milliseconds: plantStart.milliseconds + Int64(elapsed.rounded()))
    }
}
