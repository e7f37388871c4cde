import Foundation

/// Event times written as date text (`"2024-05-01 08:00:05"`), read with a fixed pattern in a fixed
/// zone. Edge code: Foundation's DateFormatter with the `en_US_POSIX` locale (so the user's locale
/// never changes how digits or eras are read). One formatter per (pattern, zone), shared and locked.
final class DateTextParser: @unchecked Sendable {
    let formatter: DateFormatter
    let lock = NSLock()

    /// Without a zone field in the pattern a parsed text must format back to itself: DateFormatter
    /// alone takes `2024/05/01` for `yyyy-MM-dd`, and a wrong separator is a wrong format.
    let roundTrip: Bool

    init(format: String, zone: TimeZone) {
        roundTrip = !Self.hasZone(format)
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = format
        formatter.isLenient = false
    }

    /// Unix milliseconds of `text`, nil when it does not match the pattern.
    func unixMs(_ text: String) -> Int64? {
        lock.lock()
        defer { lock.unlock() }
        guard let date = formatter.date(from: text), !roundTrip || formatter.string(from: date) == text else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    nonisolated(unsafe) static var cache: [String: DateTextParser] = [:]
    static let cacheLock = NSLock()

    /// The shared parser for `format` in `zone` (UTC when nil: the pattern then carries the zone).
    static func shared(format: String, zone: String?) -> DateTextParser? {
        let key = format + "\u{1}" + (zone ?? "")
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let parser = cache[key] { return parser }
        guard let tz = zone.map(Self.zone) ?? TimeZone(identifier: "UTC") else { return nil }
        let parser = DateTextParser(format: format, zone: tz)
        cache[key] = parser
        return parser
    }

    /// A zone from an identifier (`Asia/Shanghai`, `UTC`) or an offset (`+08:00`, `+0800`, `-05`).
    static func zone(_ text: String) -> TimeZone? {
        if let first = text.first, first == "+" || first == "-" {
            let digits = text.dropFirst().filter { $0 != ":" }
            guard digits.count == 2 || digits.count == 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
            let hours = digits.count == 2 ? value : value / 100
            let minutes = digits.count == 2 ? 0 : value % 100
            guard hours <= 14, minutes < 60 else { return nil }
            return TimeZone(secondsFromGMT: (first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60))
        }
        return TimeZone(identifier: text)
    }

    /// True when a DateFormatter pattern has a zone field (`X`, `x`, `Z`, `z`, `O`, `V`) outside quotes.
    static func hasZone(_ format: String) -> Bool {
        var quoted = false
        for c in format {
            if c == "'" { quoted.toggle(); continue }
            if !quoted && "XxZzOV".contains(c) { return true }
        }
        return false
    }
}
