/// How fast the target took our batches compared with how fast the run made them.
public struct DeliveryRates: Sendable, Hashable {
    /// Plant seconds per wall second the run went at.
    public var speed: Double
    /// Batches made per wall second while the engine ran.
    public var producedPerSecond: Double
    /// Batches the target answered per wall second (run and drain).
    public var deliveredPerSecond: Double

    public init(speed: Double, producedPerSecond: Double, deliveredPerSecond: Double) {
        self.speed = speed; self.producedPerSecond = producedPerSecond; self.deliveredPerSecond = deliveredPerSecond
    }

    /// A speed at which the target would keep up (80 % of the measured ratio), when it fell behind.
    public var workingSpeed: Double? {
        guard producedPerSecond > 0, deliveredPerSecond > 0, deliveredPerSecond < producedPerSecond else { return nil }
        let speed = self.speed * deliveredPerSecond / producedPerSecond * 0.8
        return speed >= 10 ? speed.rounded(.down) : (speed * 10).rounded(.down) / 10
    }

    public var advice: String? {
        // Nothing accepted at all: the target is down or refusing, not slow.
        guard producedPerSecond > 0, deliveredPerSecond > 0 else { return nil }
        let figures = "the target accepted \(Self.rate(deliveredPerSecond)) batches/s while the run made "
            + "\(Self.rate(producedPerSecond))/s"
        guard let working = workingSpeed, working > 0 else { return figures + "; give it more time (--drain-timeout)" }
        return figures + "; a speed that would work: --speed \(Self.rate(working))"
    }

    static func rate(_ value: Double) -> String {
        value >= 10 || value == value.rounded() ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
    }
}
