/// A small, pure ISO 8601 reader for scenario epochs.
enum Epoch {
    /// `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM` (or `±HHMM`); a space may stand
    /// for `T`. Returns Unix milliseconds, or nil when the text is malformed or out of range.
    static func unixMilliseconds(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= chars.count else { return nil }
            var value = 0
            for char in chars[index..<(index + count)] {
                guard char >= 48, char <= 57 else { return nil }
                value = value * 10 + Int(char - 48)
            }
            index += count
            return value
        }
        func expect(_ char: UInt8) -> Bool {
            guard index < chars.count, chars[index] == char else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2) else { return nil }
        guard index < chars.count, chars[index] == 84 || chars[index] == 32 else { return nil }
        index += 1
        guard let hour = digits(2), expect(58), let minute = digits(2) else { return nil }
        var second = 0, millis = 0
        if expect(58) {
            guard let s = digits(2) else { return nil }
            second = s
            if expect(46) {
                var scale = 100, any = false
                while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                    millis += Int(chars[index] - 48) * scale
                    scale /= 10; index += 1; any = true
                }
                guard any else { return nil }
            }
        }
        guard let offsetMinutes = zoneOffset(chars, &index), index == chars.count else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    private static func zoneOffset(_ chars: [UInt8], _ index: inout Int) -> Int? {
        guard index < chars.count else { return nil }
        if chars[index] == 90 { index += 1; return 0 }
        guard chars[index] == 43 || chars[index] == 45 else { return nil }
        let sign = chars[index] == 45 ? -1 : 1
        index += 1
        let rest = chars[index...].filter { $0 != 58 }
        guard rest.count == 4, rest.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let values = rest.map { Int($0 - 48) }
        let hours = values[0] * 10 + values[1], minutes = values[2] * 10 + values[3]
        guard hours <= 23, minutes <= 59 else { return nil }
        index = chars.count
        return sign * (hours * 60 + minutes)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
