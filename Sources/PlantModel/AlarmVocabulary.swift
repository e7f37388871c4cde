/// The words a platform and a scenario share: alarm levels and risk grades. Vocabulary, not answers:
/// the reference platform (which raises alarms and grades) and the scenarios (which expect them)
/// both use these types, and neither sees the other.

/// An alarm's level, as platforms report it.
public enum AlarmLevel: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case ll = "LL"
    case l = "L"
    case h = "H"
    case hh = "HH"
    /// A digital point at its alarm value, or a state rule (device fault, wrong mode while casting,
    /// detector on).
    case di = "DI"
    /// Rate of change beyond the point's rate rule.
    case rate = "RATE"
    /// Interlock supervision: a critical LL/HH was active and the interlock's result state was not
    /// reached in time.
    case interlock = "INTERLOCK"
    /// Data quality (instrument): offline, frozen, out of physical range, bad quality.
    case instrument = "INSTRUMENT"

    /// The four analog limit levels, in the order they are evaluated.
    public static let limitLevels: [AlarmLevel] = [.ll, .l, .h, .hh]

    public var order: Int { AlarmLevel.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: AlarmLevel, rhs: AlarmLevel) -> Bool { lhs.order < rhs.order }
}

/// Red/orange/yellow/blue risk grades (红橙黄蓝), ordered blue < yellow < orange < red.
public enum RiskGrade: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case blue, yellow, orange, red

    public var rank: Int { RiskGrade.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: RiskGrade, rhs: RiskGrade) -> Bool { lhs.rank < rhs.rank }

    /// One level lower (blue stays blue).
    public var lower: RiskGrade { RiskGrade.allCases[max(0, rank - 1)] }
}
