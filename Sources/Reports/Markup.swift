/// Escaping for XML and HTML, text and attribute values alike. Characters XML 1.0 forbids (C0
/// controls other than tab, newline and carriage return; DEL and the C1 controls, which HTML also
/// rejects; U+FFFE and U+FFFF) are dropped, so any input yields a well-formed document.
enum Markup {
    /// Text content: `&`, `<`, `>` escaped; carriage returns folded into newlines.
    static func text(_ value: String) -> String { escape(value, attribute: false) }

    /// A double-quoted attribute value: also both quotes, and tab and newline as character
    /// references (a parser would otherwise normalise them to spaces).
    static func attribute(_ value: String) -> String { escape(value, attribute: true) }

    static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var afterCR = false
        for scalar in value.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&#39;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += attribute ? "&#10;" : "\n"
            case "\n" where afterCR: continue
            case "\n" where attribute: out += "&#10;"
            default: if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// XML 1.0's `Char` production, less DEL and the C1 controls.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
