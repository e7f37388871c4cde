/// A span of plant time, in whole milliseconds (integer so that runs are exact and reproducible).
public struct SimDuration: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func ms(_ value: Int64) -> SimDuration { SimDuration(milliseconds: value) }
    public static func seconds(_ value: Double) -> SimDuration {
        SimDuration(milliseconds: Int64((value * 1000).rounded()))
    }
    public static func minutes(_ value: Double) -> SimDuration { .seconds(value * 60) }
    public static func hours(_ value: Double) -> SimDuration { .seconds(value * 3600) }
    public static let zero = SimDuration(milliseconds: 0)

    public var seconds: Double { Double(milliseconds) / 1000 }

    public static func < (lhs: SimDuration, rhs: SimDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }
    public static func + (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
        SimDuration(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }
    public static func - (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
        SimDuration(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }
    public static func * (lhs: SimDuration, rhs: Int64) -> SimDuration {
        SimDuration(milliseconds: lhs.milliseconds * rhs)
    }

    /// Compact form such as `1h30m`, `90s`, `250ms`; `parse` reads it back.
    public var description: String {
        var rest = milliseconds
        if rest == 0 { return "0s" }
        var out = rest < 0 ? "-" : ""
        rest = abs(rest)
        let units: [(Int64, String)] = [(3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")]
        for (size, suffix) in units where rest >= size {
            out += "\(rest / size)\(suffix)"
            rest %= size
        }
        return out
    }

    /// Parses `90s`, `5m`, `1h30m`, `250ms`, `1.5s`, `2d`. A bare number is not accepted
    /// (the unit must be explicit). Returns nil on any malformed input.
    public static func parse(_ text: String) -> SimDuration? {
        let scalars = Array(text.trimmingSpaces().unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var index = 0
        var total = 0.0
        var sawPart = false
        while index < scalars.count {
            while index < scalars.count, scalars[index] == " " { index += 1 }
            let numberStart = index
            while index < scalars.count, scalars[index].isDigitOrDot { index += 1 }
            guard index > numberStart, let number = Double(String(String.UnicodeScalarView(scalars[numberStart..<index])))
            else { return nil }
            let unitStart = index
            while index < scalars.count, scalars[index].isASCIILetter { index += 1 }
            let unit = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            guard let factor = unitFactorsMs[unit] else { return nil }
            total += number * factor
            sawPart = true
        }
        guard sawPart, total.isFinite, total < 1e15 else { return nil }
        return SimDuration(milliseconds: Int64(total.rounded()))
    }

    static let unitFactorsMs: [String: Double] = [
        "ms": 1, "s": 1000, "m": 60_000, "min": 60_000, "h": 3_600_000, "d": 86_400_000,
    ]
}

extension Unicode.Scalar {
    var isDigitOrDot: Bool { (value >= 48 && value <= 57) || value == 46 }
    var isASCIILetter: Bool { (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
