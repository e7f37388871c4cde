import SimCore

/// How a point's value is to be read.
public enum PointKind: String, Sendable, Codable, CaseIterable {
    /// A measured number in `unit`.
    case analog
    /// 0 or 1; `states` names them (e.g. `["ok", "fault"]`).
    case digital
    /// A small integer code; `states` names each code in order (e.g. casting mode).
    case enumeration = "enum"
}

/// The four alarm thresholds of the 危化 model (低低报 / 低报 / 高报 / 高高报). Any may be absent.
public struct Limits: Hashable, Sendable, Codable {
    public var ll: Double?
    public var l: Double?
    public var h: Double?
    public var hh: Double?

    public init(ll: Double? = nil, l: Double? = nil, h: Double? = nil, hh: Double? = nil) {
        self.ll = ll; self.l = l; self.h = h; self.hh = hh
    }
    public static let none = Limits()

    /// Limits must be ordered LL ≤ L ≤ H ≤ HH where present. Returns a message when they are not.
    public func orderingProblem() -> String? {
        let ordered = [("LL", ll), ("L", l), ("H", h), ("HH", hh)].compactMap { name, value in value.map { (name, $0) } }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.1 > b.1 {
            return "\(a.0) (\(a.1)) is above \(b.0) (\(b.1))"
        }
        return nil
    }
}

/// Quality of a sample, as a gateway would report it.
public enum Quality: UInt8, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case good = 0
    /// The instrument reports itself faulty (bad quality bit).
    case bad = 1
    /// No value reached the gateway (sensor or link offline).
    case offline = 2

    public var description: String {
        switch self {
        case .good: "good"
        case .bad: "bad"
        case .offline: "offline"
        }
    }
}

/// One monitored point (指标): its identity, unit, range, limits and sampling period.
public struct PointSpec: Hashable, Sendable, Codable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var unit: String
    public var kind: PointKind
    /// Physical (instrument) range; a value outside it is an instrument fault, not a process value.
    public var rangeMin: Double
    public var rangeMax: Double
    public var limits: Limits
    public var samplePeriod: SimDuration
    /// The equipment instance that owns the point (e.g. `BF1`, `L1`).
    public var equipment: String
    /// A critical point per §8 of the domain notes (interlocked, or CO).
    public var critical: Bool
    /// Labels for digital/enum codes, in code order.
    public var states: [String]
    /// Standard deviation of measurement noise, in `unit`.
    public var noiseSigma: Double
    /// Regulation the point serves (e.g. `Order10-Art5-3`), if any.
    public var clause: String?

    public init(
        code: String, nameZh: String, nameEn: String, unit: String, kind: PointKind = .analog,
        range: ClosedRange<Double>, limits: Limits = .none, samplePeriod: SimDuration = .seconds(1),
        equipment: String, critical: Bool = false, states: [String] = [], noiseSigma: Double = 0,
        clause: String? = nil
    ) {
        self.code = code; self.nameZh = nameZh; self.nameEn = nameEn; self.unit = unit; self.kind = kind
        self.rangeMin = range.lowerBound; self.rangeMax = range.upperBound; self.limits = limits
        self.samplePeriod = samplePeriod; self.equipment = equipment; self.critical = critical
        self.states = states; self.noiseSigma = noiseSigma; self.clause = clause
    }
}
