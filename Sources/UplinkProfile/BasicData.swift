import PlantModel

/// Registration (基础数据): the enterprise, its equipment and every point with unit, physical range
/// and the four alarm limits of the 危化 model (`WC_ENT_CGQ`). Sent at start and whenever the point
/// list changes; the latest one received replaces the previous one of the same enterprise.
public struct BasicData: UplinkPayload {
    public static let kind = PayloadKind.basic

    /// Always `tundish-default`.
    public var profile: String
    /// Profile version, `1`.
    public var version: Int
    public var batchId: String
    /// 企业编码, e.g. `4501810002AL`.
    public var companyCode: String
    public var companyName: String
    public var companyNameEn: String
    public var industry: Industry
    /// Administrative division (county/district) code, e.g. `450181`.
    public var regionCode: String
    public var regionName: String
    public var gatewayCode: String
    /// Unix milliseconds (plant time of the sender).
    public var sentAt: Int64
    public var equipments: [EquipmentEntry]
    public var targets: [Target]
    /// The plant's safety interlocks (absent from registrations that do not declare them).
    public var interlocks: [InterlockEntry]?

    public init(
        profile: String = UplinkProfile.name, version: Int = UplinkProfile.version, batchId: String,
        companyCode: String, companyName: String, companyNameEn: String, industry: Industry,
        regionCode: String, regionName: String, gatewayCode: String, sentAt: Int64,
        equipments: [EquipmentEntry], targets: [Target], interlocks: [InterlockEntry]? = nil
    ) {
        self.profile = profile; self.version = version; self.batchId = batchId
        self.companyCode = companyCode; self.companyName = companyName; self.companyNameEn = companyNameEn
        self.industry = industry; self.regionCode = regionCode; self.regionName = regionName
        self.gatewayCode = gatewayCode; self.sentAt = sentAt; self.equipments = equipments; self.targets = targets
        self.interlocks = interlocks
    }

    /// One equipment instance (设备): its code and catalogue type, with its parameters if known.
    public struct EquipmentEntry: Codable, Hashable, Sendable {
        /// e.g. `BF1`, `L1`.
        public var equipCode: String
        /// Catalogue type, e.g. `blastFurnace`, `dcCastingLine`.
        public var equipType: String
        public var params: [String: ParameterScalar]?

        public init(equipCode: String, equipType: String, params: [String: ParameterScalar]? = nil) {
            self.equipCode = equipCode; self.equipType = equipType; self.params = params
        }
    }

    /// One point (指标, `WC_ENT_CGQ`).
    public struct Target: Hashable, Sendable {
        /// `TARGET_CODE`, e.g. `MW_Q_IN`.
        public var targetCode: String
        public var targetName: String
        public var targetNameEn: String
        /// The equipment the point belongs to (`EQUIP_CODE`); one of `equipments`.
        public var equipCode: String
        public var unit: String
        public var kind: PointKind
        /// Labels of digital/enum codes, in code order.
        public var states: [String]?
        /// Physical range (`LOW_VALUE` / `TOP_VALUE`).
        public var lowValue: Double?
        public var topValue: Double?
        /// `LOW_VALUE_01` 低低报 (LL).
        public var lowValue01: Double?
        /// `LOW_VALUE_02` 低报 (L).
        public var lowValue02: Double?
        /// `TOP_VALUE_01` 高报 (H).
        public var topValue01: Double?
        /// `TOP_VALUE_02` 高高报 (HH).
        public var topValue02: Double?
        public var samplePeriodMs: Int64
        /// Interlocked or CO point (domain notes §8): its online rate is watched by the regulator.
        public var critical: Bool
        /// Regulation the point serves, e.g. `Order10-Art5-3`.
        public var clause: String?

        public init(
            targetCode: String, targetName: String, targetNameEn: String, equipCode: String, unit: String,
            kind: PointKind = .analog, states: [String]? = nil, lowValue: Double? = nil, topValue: Double? = nil,
            lowValue01: Double? = nil, lowValue02: Double? = nil, topValue01: Double? = nil,
            topValue02: Double? = nil, samplePeriodMs: Int64, critical: Bool = false, clause: String? = nil
        ) {
            self.targetCode = targetCode; self.targetName = targetName; self.targetNameEn = targetNameEn
            self.equipCode = equipCode; self.unit = unit; self.kind = kind; self.states = states
            self.lowValue = lowValue; self.topValue = topValue; self.lowValue01 = lowValue01
            self.lowValue02 = lowValue02; self.topValue01 = topValue01; self.topValue02 = topValue02
            self.samplePeriodMs = samplePeriodMs; self.critical = critical; self.clause = clause
        }

        /// The four limits as the plant model holds them.
        public var limits: Limits { Limits(ll: lowValue01, l: lowValue02, h: topValue01, hh: topValue02) }
    }
}

extension BasicData: Codable {
    enum CodingKeys: String, CodingKey {
        case profile, version, batchId, companyCode, companyName, companyNameEn, industry, regionCode, regionName
        case gatewayCode, sentAt, equipments, targets, interlocks
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        profile = try c.decode(String.self, forKey: .profile)
        guard profile == UplinkProfile.name else {
            throw DecodingError.dataCorruptedError(
                forKey: .profile, in: c, debugDescription: "expected \"\(UplinkProfile.name)\", found \"\(profile)\"")
        }
        version = try c.integer(Int.self, forKey: .version)
        guard version == UplinkProfile.version else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: c, debugDescription: "expected \(UplinkProfile.version), found \(version)")
        }
        batchId = try c.decode(String.self, forKey: .batchId)
        companyCode = try c.decode(String.self, forKey: .companyCode)
        companyName = try c.decode(String.self, forKey: .companyName)
        companyNameEn = try c.decode(String.self, forKey: .companyNameEn)
        industry = try c.decodeChoice(Industry.self, forKey: .industry)
        regionCode = try c.decode(String.self, forKey: .regionCode)
        regionName = try c.decode(String.self, forKey: .regionName)
        gatewayCode = try c.decode(String.self, forKey: .gatewayCode)
        sentAt = try c.integer(Int64.self, forKey: .sentAt)
        equipments = try c.decode([EquipmentEntry].self, forKey: .equipments)
        targets = try c.decode([Target].self, forKey: .targets)
        interlocks = try c.decodeIfPresent([InterlockEntry].self, forKey: .interlocks)
    }
}

extension BasicData.Target: Codable {
    enum CodingKeys: String, CodingKey {
        case targetCode, targetName, targetNameEn, equipCode, unit, kind, states
        case lowValue, topValue, lowValue01, lowValue02, topValue01, topValue02
        case samplePeriodMs, critical, clause
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        targetCode = try c.decode(String.self, forKey: .targetCode)
        targetName = try c.decode(String.self, forKey: .targetName)
        targetNameEn = try c.decode(String.self, forKey: .targetNameEn)
        equipCode = try c.decode(String.self, forKey: .equipCode)
        unit = try c.decode(String.self, forKey: .unit)
        kind = try c.decodeChoice(PointKind.self, forKey: .kind)
        states = try c.decodeIfPresent([String].self, forKey: .states)
        lowValue = try c.optionalNumber(forKey: .lowValue)
        topValue = try c.optionalNumber(forKey: .topValue)
        lowValue01 = try c.optionalNumber(forKey: .lowValue01)
        lowValue02 = try c.optionalNumber(forKey: .lowValue02)
        topValue01 = try c.optionalNumber(forKey: .topValue01)
        topValue02 = try c.optionalNumber(forKey: .topValue02)
        samplePeriodMs = try c.integer(Int64.self, forKey: .samplePeriodMs)
        critical = try c.decode(Bool.self, forKey: .critical)
        clause = try c.decodeIfPresent(String.self, forKey: .clause)
    }
}

/// An equipment parameter as JSON carries it: a number, a boolean or a string.
public enum ParameterScalar: Hashable, Sendable, Codable {
    case number(Double)
    case flag(Bool)
    case text(String)

    public init(_ value: ParameterValue) {
        switch value {
        case .number(let v): self = .number(v)
        case .flag(let v): self = .flag(v)
        case .text(let v): self = .text(v)
        }
    }

    public var parameterValue: ParameterValue {
        switch self {
        case .number(let v): .number(v)
        case .flag(let v): .flag(v)
        case .text(let v): .text(v)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let flag = try? c.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? c.decode(Double.self) {
            self = .number(number)
        } else if let text = try? c.decode(String.self) {
            self = .text(text)
        } else {
            throw DecodingError.typeMismatch(
                ParameterScalar.self,
                .init(codingPath: c.codingPath, debugDescription: "expected a number, a boolean or a string"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let v): try c.encode(v)
        case .flag(let v): try c.encode(v)
        case .text(let v): try c.encode(v)
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes a string-valued enum, failing with `expected "a", "b" or "c", found "x"`.
    func decodeChoice<E: RawRepresentable & CaseIterable>(_ type: E.Type, forKey key: Key) throws -> E
    where E.RawValue == String {
        let raw = try decode(String.self, forKey: key)
        if let value = E(rawValue: raw) { return value }
        throw DecodingError.dataCorruptedError(
            forKey: key, in: self,
            debugDescription: "expected \(choices(E.allCases.map { "\"\($0.rawValue)\"" })), found \"\(raw)\"")
    }
}

/// `a`, `a or b`, `a, b or c`.
func choices(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
}

extension KeyedDecodingContainer {
    /// Foundation reports a number that does not fit (1.5 or 1e30 for an integer, 1e999 for a
    /// double) without a path; these read the field so that the error names it.
    func integer<I: FixedWidthInteger & Decodable>(_ type: I.Type, forKey key: Key) throws -> I {
        do { return try decode(I.self, forKey: key) } catch let error as DecodingError { throw error } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected an integer, found \(parsedNumber(error))")
        }
    }

    func optionalInteger<I: FixedWidthInteger & Decodable>(_ type: I.Type, forKey key: Key) throws -> I? {
        do { return try decodeIfPresent(I.self, forKey: key) } catch let error as DecodingError { throw error } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected an integer, found \(parsedNumber(error))")
        }
    }

    func optionalNumber(forKey key: Key) throws -> Double? {
        do { return try decodeIfPresent(Double.self, forKey: key) } catch let error as DecodingError { throw error } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a finite number, found \(parsedNumber(error))")
        }
    }
}

/// `1.5` from Foundation's `numberIsNotRepresentableInSwift(parsed: "1.5")`.
func parsedNumber(_ error: any Error) -> String {
    let text = "\(error)"
    guard let start = text.range(of: "parsed: \"") else { return "a number out of range" }
    let rest = text[start.upperBound...]
    return String(rest.prefix { $0 != "\"" })
}
