import PlantModel

/// The current contents of one unit's four tables, rendered from point values. Owned by one
/// thread (the server's); rebuilt from a consistent snapshot, so no read sees half a float.
public struct RegisterImage: Sendable {
    public let map: UnitMap
    public var coils: [UInt8]
    public var discreteInputs: [UInt8]
    public var inputRegisters: [UInt16]
    public var holdingRegisters: [UInt16]

    public init(map: UnitMap) {
        self.map = map
        coils = Array(repeating: 0, count: map.sizes[.coils] ?? 0)
        discreteInputs = Array(repeating: 0, count: map.sizes[.discreteInputs] ?? 0)
        inputRegisters = Array(repeating: 0, count: map.sizes[.inputRegisters] ?? 0)
        holdingRegisters = Array(repeating: 0, count: map.sizes[.holdingRegisters] ?? 0)
    }

    /// Renders values and qualities (indexed like the plant's points). `skip` leaves a binding's
    /// registers as they are (frozen-value fault); `swapWords` flips a binding's word order
    /// (word-order fault). Acknowledge coils are never overwritten (clients own them).
    public mutating func render(
        values: [Double], qualities: [Quality], timeMs: Int64 = 0, skip: (RegisterBinding) -> Bool = { _ in false },
        swapWords: (RegisterBinding) -> Bool = { _ in false }
    ) {
        for binding in map.bindings where binding.role != .acknowledge && !skip(binding) {
            let value: Double
            switch binding.role {
            case .clockSeconds: value = Double(timeMs / 1000)
            case .clockMillis: value = Double(timeMs % 1000)
            case .value, .quality, .acknowledge:
                guard binding.pointIndex >= 0, binding.pointIndex < values.count else { continue }
                value =
                    binding.role == .value ? values[binding.pointIndex] : Double(qualities[binding.pointIndex].rawValue)
            }
            let order = swapWords(binding) ? binding.wordOrder.wordSwapped : binding.wordOrder
            let words = RegisterEncoding.encode(
                value, type: binding.type, scale: binding.scale, offset: binding.offset, order: order)
            write(words, table: binding.table, at: binding.address)
        }
    }

    mutating func write(_ words: [UInt16], table: RegisterTable, at address: Int) {
        for (i, word) in words.enumerated() {
            switch table {
            case .coils: coils[address + i] = UInt8(word & 1)
            case .discreteInputs: discreteInputs[address + i] = UInt8(word & 1)
            case .inputRegisters: inputRegisters[address + i] = word
            case .holdingRegisters: holdingRegisters[address + i] = word
            }
        }
    }

    /// The engineering value a client decoding `binding` would read now.
    public func read(_ binding: RegisterBinding) -> Double {
        let words: [UInt16] = binding.addresses.map { address in
            switch binding.table {
            case .coils: UInt16(coils[address])
            case .discreteInputs: UInt16(discreteInputs[address])
            case .inputRegisters: inputRegisters[address]
            case .holdingRegisters: holdingRegisters[address]
            }
        }
        return RegisterEncoding.decode(
            words, type: binding.type, scale: binding.scale, offset: binding.offset, order: binding.wordOrder)
    }
}
