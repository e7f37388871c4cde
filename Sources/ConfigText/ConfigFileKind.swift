/// Which of tundish's configuration files a text is, from its top-level keys (one look, no parse).
public enum ConfigFileKind: String, Sendable, CaseIterable {
    /// `Scenarios/targets/*.yaml`: a top-level `observe:`.
    case target
    /// SM4 credentials: enterprise codes mapped to `{appId, appSecret, keyHex, ivHex}`.
    case credentials
    /// The reference platform's rules: a top-level `risk:`, `stateRules:`, `rateRules:` or `disabledRules:`.
    case rules
    /// Uplink profiles: a top-level `endpoints:`, `fields:` or `envelope:`.
    case profile
    /// Plant files: a top-level `enterprise:`.
    case plant
    /// Anything else is read as a scenario (whose loader names what is wrong with it).
    case scenario

    static let rulesKeys: Set<String> = ["risk", "stateRules", "disabledRules", "rateRules"]
    static let profileKeys: Set<String> = ["endpoints", "fields", "envelope"]

    /// The kind of `text`; the first matching kind in declaration order wins.
    public static func detect(_ text: String) -> ConfigFileKind {
        let keys = topLevelKeys(text)
        if keys.contains("observe") { return .target }
        if text.contains("keyHex:") && text.contains("appId:") { return .credentials }
        if !keys.isDisjoint(with: rulesKeys) { return .rules }
        if !keys.isDisjoint(with: profileKeys) { return .profile }
        if keys.contains("enterprise") { return .plant }
        return .scenario
    }

    /// Keys of lines that start in column 1 (`key:` followed by a space, a comment or the line's end).
    public static func topLevelKeys(_ text: String) -> Set<String> {
        var keys: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.first, first.isLetter || first == "_" else { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let rest = line[line.index(after: colon)...]
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" || rest.first == "\r" else { continue }
            let key = line[..<colon]
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { continue }
            keys.insert(String(key))
        }
        return keys
    }
}
