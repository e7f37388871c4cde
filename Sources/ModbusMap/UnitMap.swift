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
    /// Per table (by `RegisterTable.ordinal`): how many addresses below a are undefined / not
    /// writable, so a range check is two array reads (the request path's hot spot).
    let undefinedBelow: [[Int32]]
    let readOnlyBelow: [[Int32]]

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
        undefinedBelow = RegisterTable.allCases.map { Self.prefixCounts(of: defined[$0] ?? [], where: false) }
        readOnlyBelow = RegisterTable.allCases.map { Self.prefixCounts(of: writable[$0] ?? [], where: false) }
    }

    static func prefixCounts(of flags: [Bool], where value: Bool) -> [Int32] {
        var counts = [Int32](repeating: 0, count: flags.count + 1)
        for (index, flag) in flags.enumerated() { counts[index + 1] = counts[index] + (flag == value ? 1 : 0) }
        return counts
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
        Self.none(undefinedBelow[table.ordinal], in: range)
    }

    public func isWritable(_ table: RegisterTable, _ range: Range<Int>) -> Bool {
        Self.none(readOnlyBelow[table.ordinal], in: range)
    }

    static func none(_ below: [Int32], in range: Range<Int>) -> Bool {
        guard range.lowerBound >= 0, range.upperBound < below.count, !range.isEmpty else { return false }
        return below[range.upperBound] == below[range.lowerBound]
    }

    /// The value binding of a point, if it has one.
    public func binding(for point: String) -> RegisterBinding? {
        bindings.first { $0.point == point && $0.role == .value }
    }
}

extension UnitMap {
    /// The documented default map of a plant's points, with the plant file's overrides applied:
    /// - holding registers from 0: analog points (`layout.analogType`, default float32) and enum
    ///   points (uint16), in catalogue order, contiguous (a point whose override gives an address
    ///   does not take a place; one re-typed takes its new width);
    /// - discrete inputs from 0: digital points, in catalogue order;
    /// - input registers from 0: one quality register per point (0 good, 1 bad, 2 offline);
    /// - coils from 0: one writable acknowledge coil per point (if `acknowledgeCoils`);
    /// - input registers at `clockAddress(pointCount:)`: plant time, whole seconds since the start
    ///   (uint32 ABCD, two registers) then the milliseconds within the second (uint16).
    /// An override moves or re-types one point's value; the rest keep their generated places.
    public static func generate(points: [PointSpec], layout: ModbusLayout) throws(LayoutError) -> UnitMap {
        var bindings: [RegisterBinding] = []
        // Next free default address per table; points moved to input registers or coils without an
        // address go after the quality block and clock (input registers) or the acknowledge coils.
        var next: [RegisterTable: Int] = [
            .holdingRegisters: 0, .discreteInputs: 0, .inputRegisters: clockAddress(pointCount: points.count) + 3,
            .coils: layout.acknowledgeCoils ? points.count : 0,
        ]
        for (index, point) in points.enumerated() {
            let (table, type): (RegisterTable, DataType) =
                switch point.kind {
                case .analog: (.holdingRegisters, layout.analogType)
                case .enumeration: (.holdingRegisters, .uint16)
                case .digital: (.discreteInputs, .bit)
                }
            var binding = RegisterBinding(
                point: point.code, pointIndex: index, role: .value, table: table, address: 0, type: type,
                wordOrder: layout.wordOrder)
            let change = layout.overrides[point.code]
            if let change { binding.apply(change) }
            // A point moved by its override (table or address) does not take a default place, and
            // a re-typed one takes as many registers as its new type: the default block stays gap-free.
            if change?.address == nil {
                binding.address = next[binding.table, default: 0]
                next[binding.table, default: 0] += binding.type.width
            }
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
        if layout.clockRegisters {
            let address = clockAddress(pointCount: points.count)
            bindings.append(
                RegisterBinding(
                    point: "_CLOCK", pointIndex: -1, role: .clockSeconds, table: .inputRegisters, address: address,
                    type: .uint32))
            bindings.append(
                RegisterBinding(
                    point: "_CLOCK", pointIndex: -1, role: .clockMillis, table: .inputRegisters, address: address + 2,
                    type: .uint16))
        }
        return try UnitMap(unitId: layout.unitId, bindings: bindings)
    }

    /// Input register of the plant-time clock: 1000, or right after the quality block for plants
    /// with 1,000 points or more.
    public static func clockAddress(pointCount: Int) -> Int { max(1000, pointCount) }
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
