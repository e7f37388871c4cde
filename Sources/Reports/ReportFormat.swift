import Conformance
import SimCore

/// Numbers and plant times as the reports print them. No locale, no Foundation formatting: the
/// same input always gives the same characters.
enum ReportFormat {
    /// `t+1m30s` (plant time since the scenario start).
    static func time(_ ms: Int64) -> String {
        ms < 0 ? "t-" + SimDuration(milliseconds: -ms).description : "t+" + SimDuration(milliseconds: ms).description
    }

    /// `1m30s`.
    static func duration(_ ms: Int64) -> String { SimDuration(milliseconds: ms).description }

    /// Seconds with three decimals, as JUnit's `time` attributes want (`90.250`).
    static func seconds(_ ms: Int64) -> String {
        let magnitude = ms.magnitude
        let fraction = String(magnitude % 1000)
        return (ms < 0 ? "-" : "") + "\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `x` rounded to `decimals` places, trailing zeros dropped (`12.5`, `3`, `-0.25`).
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "0" }
        var scale: Int64 = 1
        for _ in 0..<max(0, min(decimals, 6)) { scale *= 10 }
        let scaled = (x * Double(scale)).rounded()
        guard scaled.magnitude < 9e15 else { return x < 0 ? "-9e15" : "9e15" }
        let n = Int64(scaled)
        if n == 0 { return "0" }
        var out = (n < 0 ? "-" : "") + String(n.magnitude / UInt64(scale))
        var fraction = String(n.magnitude % UInt64(scale))
        guard scale > 1 else { return out }
        fraction = String(repeating: "0", count: String(scale).count - 1 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if !fraction.isEmpty { out += "." + fraction }
        return out
    }

    /// An SVG coordinate: one decimal place.
    static func coordinate(_ x: Double) -> String { fixed(x, decimals: 1) }

    /// A measured value: about four significant figures (`1250`, `86.5`, `3.25`, `0.125`).
    static func value(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let size = x.magnitude
        return fixed(x, decimals: size >= 1000 ? 0 : size >= 100 ? 1 : size >= 1 ? 2 : 3)
    }

    /// `[t+0s, t+10s] (after 'pump_trip')`, as the checker words windows.
    static func window(_ v: Verdict) -> String {
        "[\(time(v.windowStartMs)), \(time(v.windowEndMs))]" + (v.anchor.map { " (after '\($0)')" } ?? "")
    }

    /// `t+2s`, `t+2s … t+9s (4×)` or `–`.
    static func occurrences(_ v: Verdict) -> String {
        guard let first = v.firstMs else { return v.occurrences > 0 ? "\(v.occurrences)×" : "–" }
        var out = time(first)
        if let last = v.lastMs, last != first { out += " … " + time(last) }
        if v.occurrences > 1 { out += " (\(v.occurrences)×)" }
        return out
    }

    static func list(_ items: [String]) -> String { items.isEmpty ? "–" : items.joined(separator: ", ") }
}
