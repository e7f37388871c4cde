/// Swift source with comments and string literals blanked (each replaced by spaces, newlines kept),
/// so that prose and strings may mention banned names without tripping the tidy checks.
///
/// Handles `//` and nested `/* */` comments, `"…"` with escapes, multi-line `"""…"""`, raw strings
/// (`#"…"#`, `#"""…"""#`) and interpolation `\( … )` inside strings (its code is kept).
enum SwiftCodeText {
    static func lines(of text: String) -> [String] {
        blank(Array(text)).split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }

    static func blank(_ c: [Character]) -> String {
        var out: [Character] = []
        out.reserveCapacity(c.count)
        var i = 0
        func at(_ k: Int) -> Character? { k < c.count ? c[k] : nil }
        func keep(_ ch: Character) { out.append(ch) }
        func hide(_ ch: Character) { out.append(ch == "\n" ? "\n" : " ") }
        while i < c.count {
            let ch = c[i]
            if ch == "/" && at(i + 1) == "/" {
                while i < c.count && c[i] != "\n" { hide(c[i]); i += 1 }
            } else if ch == "/" && at(i + 1) == "*" {
                var depth = 0
                repeat {
                    if c[i] == "/" && at(i + 1) == "*" { depth += 1; hide(c[i]); hide(c[i + 1]); i += 2; continue }
                    if c[i] == "*" && at(i + 1) == "/" { depth -= 1; hide(c[i]); hide(c[i + 1]); i += 2; continue }
                    hide(c[i]); i += 1
                } while i < c.count && depth > 0
            } else if ch == "#" || ch == "\"" {
                var hashes = 0
                while at(i + hashes) == "#" { hashes += 1 }
                guard at(i + hashes) == "\"" else { keep(ch); i += 1; continue }
                i = string(c, from: i, hashes: hashes, into: &out)
            } else {
                keep(ch); i += 1
            }
        }
        return String(out)
    }

    /// Blanks one string literal starting at `start` (its opening hashes); returns the index after it.
    static func string(_ c: [Character], from start: Int, hashes: Int, into out: inout [Character]) -> Int {
        var i = start + hashes
        let multi = i + 2 < c.count && c[i + 1] == "\"" && c[i + 2] == "\""
        let quotes = multi ? 3 : 1
        for _ in 0..<(hashes + quotes) { out.append(" ") }
        i += quotes
        let closing = Array(repeating: Character("\""), count: quotes) + Array(repeating: Character("#"), count: hashes)
        while i < c.count {
            if c[i] == "\\" && c[(i + 1)...].prefix(hashes).allSatisfy({ $0 == "#" }) && i + 1 + hashes < c.count {
                let next = i + 1 + hashes
                if c[next] == "(" { // interpolation: keep its code, balanced parentheses
                    for _ in i...next { out.append(" ") }
                    i = next + 1
                    var depth = 1
                    while i < c.count && depth > 0 {
                        if c[i] == "(" { depth += 1 } else if c[i] == ")" { depth -= 1 }
                        out.append(depth == 0 ? " " : c[i]); i += 1
                    }
                    continue
                }
                out.append(" "); out.append(contentsOf: repeatElement(" ", count: hashes))
                out.append(c[next] == "\n" ? "\n" : " ")
                i = next + 1
                continue
            }
            if Array(c[i..<min(c.count, i + closing.count)]) == closing {
                out.append(contentsOf: repeatElement(" ", count: closing.count))
                return i + closing.count
            }
            if !multi && c[i] == "\n" { return i } // unterminated: stop at the line's end
            out.append(c[i] == "\n" ? "\n" : " ")
            i += 1
        }
        return i
    }
}
