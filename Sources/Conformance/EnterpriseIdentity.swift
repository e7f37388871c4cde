/// An enterprise as a regulator names it: its code, its name (Chinese and English) and the
/// administrative division (county/district) it belongs to. Reports print it beside the code.
public struct EnterpriseIdentity: Hashable, Sendable, Codable {
    /// 企业编码, e.g. `4501270001AL`.
    public var code: String
    public var name: String
    public var nameEn: String
    /// Administrative division code and name, e.g. `450127` 横县.
    public var regionCode: String
    public var regionName: String

    public init(code: String, name: String, nameEn: String, regionCode: String, regionName: String) {
        self.code = code; self.name = name; self.nameEn = nameEn; self.regionCode = regionCode
        self.regionName = regionName
    }
}

/// The risk-rules file a run's target used, and the SHA-256 digest of its contents.
public struct RulesIdentity: Hashable, Sendable, Codable {
    public var file: String
    public var digest: String
    /// Rules switched off for the run (`--disable-rule`), if any.
    public var disabled: [String]?

    public init(file: String, digest: String, disabled: [String]? = nil) {
        self.file = file; self.digest = digest; self.disabled = disabled
    }
}
