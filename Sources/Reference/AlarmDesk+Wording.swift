import PlantModel

/// How the reference platform words its alarm messages, for the people who read them: the point's
/// Chinese and English names, the reading rounded to three significant figures with its unit, and
/// the limit as configured — `氧枪冷却水出入口流量差 Lance water flow difference 4.04 m³/h ≥ H 4.0`.
/// The point's code is in the alarm's own `point` field.
enum AlarmWording {
    /// `氧枪冷却水出入口流量差 Lance water flow difference` (the code when the point has no names).
    static func name(_ spec: PointSpec) -> String {
        var names = [spec.nameZh, spec.nameEn].filter { !$0.isEmpty }
        if names.count == 2 && names[0] == names[1] { names.removeLast() }
        return names.isEmpty ? spec.code : names.joined(separator: " ")
    }

    /// `4.04 m³/h`.
    static func reading(_ value: Double, _ spec: PointSpec) -> String {
        number(value) + (spec.unit.isEmpty ? "" : " \(spec.unit)")
    }

    /// A limit as the rules give it (`4.0`, `0.35`): configured numbers are already round.
    static func limit(_ value: Double) -> String { "\(value)" }

    /// LL/L/H/HH crossed: `<name> 4.04 m³/h ≥ H 4.0`.
    static func limit(_ spec: PointSpec, value: Double, level: AlarmLevel, limit: Double) -> String {
        "\(name(spec)) \(reading(value, spec)) \(level.isLow ? "≤" : "≥") \(level.rawValue) \(self.limit(limit))"
    }

    /// Three significant figures, trailing zeros kept (`4.04`, `0.0500`, `251`); at least the
    /// whole part (`1530` stays `1530`). Non-finite values read `–`.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        guard x != 0 else { return "0" }
        var magnitude = x.magnitude
        var exponent = 0
        while magnitude >= 10 { magnitude /= 10; exponent += 1 }
        while magnitude < 1 { magnitude *= 10; exponent -= 1 }
        return fixed(x, decimals: min(12, max(0, 2 - exponent)))
    }

    /// `x` with exactly `decimals` places.
    static func fixed(_ x: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (x.magnitude * scale).rounded()
        guard scaled < 9e18 else { return "\(x)" }
        let n = UInt64(scaled)
        let divisor = UInt64(scale)
        var out = (x < 0 && n != 0 ? "-" : "") + String(n / divisor)
        if decimals > 0 {
            let fraction = String(n % divisor)
            out += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return out
    }
}

extension AlarmWording {
    /// `<name> 1250 MPa outside its range 0.0…1000.0 MPa`.
    static func outOfRange(_ spec: PointSpec, value: Double) -> String {
        "\(name(spec)) \(reading(value, spec)) outside its range \(limit(spec.rangeMin))…\(limit(spec.rangeMax))"
            + (spec.unit.isEmpty ? "" : " \(spec.unit)")
    }

    /// `<name> changing at -0.0125 m/s (limit 0.01 m/s)`.
    static func rate(_ spec: PointSpec, rate: Double, limit: Double) -> String {
        let unit = spec.unit.isEmpty ? "/s" : " \(spec.unit)/s"
        return "\(name(spec)) changing at \(number(rate))\(unit) (limit \(self.limit(limit))\(unit))"
    }
}
