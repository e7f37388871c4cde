import PlantModel

/// The complete register map of one unit id: every binding and, per table, which addresses are
/// defined and which are writable. Reads of undefined addresses answer exception 02.
public struct UnitMap: Hashable, Sendable {
    public let unitId: UInt8
    public let bindings: [RegisterBinding]
    /// Per table: size (highest address + 1), defined and writable flags per address.
    public let sizes: [RegisterTable: Int]
    public let defined: [RegisterTable: [Bool]]
    public let writable: [RegisterTable: [Bool]]

    public init(unitId: UInt8, bindings: [RegisterBinding]) throws(LayoutError) {
        self.unitId = unitId
        self.bindings = bindings
        var defined: [RegisterTable: [Bool]] = [:]
        var writable: [RegisterTable: [Bool]] = [:]
        var sizes: [RegisterTable: Int] = [:]
        for table in RegisterTable.allCases {
            let size = bindings.filter { $0.table == table }.map(\.addresses.upperBound).max() ?? 0
            sizes[table] = size
            defined[table] = Array(repeating: false, count: size)
            writable[table] = Array(repeating: false, count: size)
        }
        var owner: [RegisterTable: [Int: String]] = [:]
        for binding in bindings {
            try Self.check(binding)
            for address in binding.addresses {
                if let other = owner[binding.table]?[address] {
                    throw LayoutError(
                        point: binding.point,
                        message: "\(binding.table.rawValue) address \(address) is already used by \(other)")
                }
                owner[binding.table, default: [:]][address] = binding.point
                defined[binding.table]![address] = true
                writable[binding.table]![address] = binding.writable
            }
        }
        self.sizes = sizes
        self.defined = defined
        self.writable = writable
    }

    static func check(_ binding: RegisterBinding) throws(LayoutError) {
        if binding.table.isBitTable != (binding.type == .bit) {
            throw LayoutError(
                point: binding.point,
                message: "type \(binding.type.rawValue) cannot live in \(binding.table.rawValue)"
                    + (binding.table.isBitTable ? " (bit tables hold type bit)" : " (use a bit table for type bit)"))
        }
        if binding.address < 0 || binding.addresses.upperBound > 65536 {
            throw LayoutError(point: binding.point, message: "address \(binding.address) is outside 0…65535")
        }
        if binding.writable && (binding.table == .inputRegisters || binding.table == .discreteInputs) {
            throw LayoutError(point: binding.point, message: "\(binding.table.rawValue) are read-only")
        }
        if binding.scale == 0 { throw LayoutError(point: binding.point, message: "scale must not be 0") }
    }

    /// Whether every address of `range` in `table` is defined.
    public func isDefined(_ table: RegisterTable, _ range: Range<Int>) -> Bool {
        guard let flags = defined[table], range.lowerBound >= 0, range.upperBound <= flags.count else { return false }
        return range.allSatisfy { flags[$0] }
    }

    public func isWritable(_ table: RegisterTable, _ range: Range<Int>) -> Bool {
        guard let flags = writable[table], range.lowerBound >= 0, range.upperBound <= flags.count else { return false }
        return range.allSatisfy { flags[$0] }
    }

    /// The value binding of a point, if it has one.
    public func binding(for point: String) -> RegisterBinding? {
        bindings.first { $0.point == point && $0.role == .value }
    }
}

extension UnitMap {
    /// The documented default map of a plant's points, with the plant file's overrides applied:
    /// - holding registers from 0: analog points (`layout.analogType`, default float32) and enum
    ///   points (uint16), in catalogue order, contiguous;
    /// - discrete inputs from 0: digital points, in catalogue order;
    /// - input registers from 0: one quality register per point (0 good, 1 bad, 2 offline);
    /// - coils from 0: one writable acknowledge coil per point (if `acknowledgeCoils`).
    /// An override moves or re-types one point's value; the rest keep their generated places.
    public static func generate(points: [PointSpec], layout: ModbusLayout) throws(LayoutError) -> UnitMap {
        var bindings: [RegisterBinding] = []
        var nextHolding = 0, nextDiscrete = 0
        for (index, point) in points.enumerated() {
            var binding: RegisterBinding
            switch point.kind {
            case .analog:
                binding = RegisterBinding(
                    point: point.code, pointIndex: index, role: .value, table: .holdingRegisters, address: nextHolding,
                    type: layout.analogType, wordOrder: layout.wordOrder)
                nextHolding += layout.analogType.width
            case .enumeration:
                binding = RegisterBinding(
                    point: point.code, pointIndex: index, role: .value, table: .holdingRegisters, address: nextHolding,
                    type: .uint16)
                nextHolding += 1
            case .digital:
                binding = RegisterBinding(
                    point: point.code, pointIndex: index, role: .value, table: .discreteInputs, address: nextDiscrete,
                    type: .bit)
                nextDiscrete += 1
            }
            if let change = layout.overrides[point.code] { binding.apply(change) }
            bindings.append(binding)
        }
        for (index, point) in points.enumerated() {
            bindings.append(
                RegisterBinding(
                    point: point.code, pointIndex: index, role: .quality, table: .inputRegisters, address: index,
                    type: .uint16))
            if layout.acknowledgeCoils {
                bindings.append(
                    RegisterBinding(
                        point: point.code, pointIndex: index, role: .acknowledge, table: .coils, address: index,
                        type: .bit, writable: true))
            }
        }
        return try UnitMap(unitId: layout.unitId, bindings: bindings)
    }
}

extension RegisterBinding {
    mutating func apply(_ change: RegisterOverride) {
        if let table = change.table {
            self.table = table
            if table.isBitTable { type = .bit } else if type == .bit { type = .uint16 }
        }
        if let address = change.address { self.address = address }
        if let type = change.type { self.type = type }
        if let scale = change.scale { self.scale = scale }
        if let offset = change.offset { self.offset = offset }
        if let order = change.wordOrder { wordOrder = order }
        if let writable = change.writable { self.writable = writable }
    }
}
