/// An RFC 6901 JSON pointer: `""` is the whole document, `/a/b` walks members, `~1` stands for `/`
/// and `~0` for `~`, a decimal token (`0`, `12`, no leading zeros) indexes an array, `-` (the element
/// after the last) never resolves.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    /// The pointer as written.
    public let text: String
    /// The decoded reference tokens.
    public let tokens: [String]

    /// Why a pointer text is malformed.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(_ text: String) throws(SyntaxError) {
        self.text = text
        guard !text.isEmpty else { tokens = []; return }
        guard text.hasPrefix("/") else {
            throw SyntaxError(message: "a JSON pointer starts with '/' (or is empty for the whole event), found '\(text)'")
        }
        var out: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var chars = raw.makeIterator()
            while let c = chars.next() {
                guard c == "~" else { token.append(c); continue }
                switch chars.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw SyntaxError(message: "in JSON pointer '\(text)': '~' must be followed by 0 or 1 (~0 is '~', ~1 is '/')")
                }
            }
            out.append(token)
        }
        tokens = out
    }

    /// For constants known to be valid.
    init(valid text: String) {
        do { try self.init(text) } catch { fatalError("invalid built-in JSON pointer '\(text)': \(error)") }
    }

    public var description: String { text }

    /// The value the pointer refers to, or nil when a member or index is missing.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                guard let i = Self.index(token), i < items.count else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }

    /// An array index token: `0` or digits without a leading zero.
    static func index(_ token: String) -> Int? {
        guard !token.isEmpty, token.count <= 18, token.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if token.count > 1 && token.hasPrefix("0") { return nil }
        return Int(token)
    }
}
