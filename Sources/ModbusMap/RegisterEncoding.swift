/// Encodes engineering values into 16-bit registers and back. Pure and exact: this replaces
/// libmodbus's float helpers, which do not round-trip on Debian's 3.1.6.
public enum RegisterEncoding {
    /// Raw integer for a scaled type: (value − offset) / scale, rounded and saturated to the type.
    static func raw(_ value: Double, type: DataType, scale: Double, offset: Double) -> Int64 {
        guard value.isFinite else { return 0 }
        let scaled = ((value - offset) / (scale == 0 ? 1 : scale)).rounded()
        let (low, high): (Double, Double) =
            switch type {
            case .int16: (-32768, 32767)
            case .uint16: (0, 65535)
            case .int32: (-2_147_483_648, 2_147_483_647)
            case .uint32: (0, 4_294_967_295)
            case .float32, .bit: (0, 1)
            }
        return Int64(min(max(scaled, low), high))
    }

    /// The registers for a value (one or two), in the given word order.
    public static func encode(
        _ value: Double, type: DataType, scale: Double = 1, offset: Double = 0, order: WordOrder = .ABCD
    ) -> [UInt16] {
        switch type {
        case .bit:
            return [value != 0 && value.isFinite ? 1 : 0]
        case .int16, .uint16:
            return [UInt16(truncatingIfNeeded: raw(value, type: type, scale: scale, offset: offset))]
        case .int32, .uint32:
            let bits = UInt32(truncatingIfNeeded: raw(value, type: type, scale: scale, offset: offset))
            return arrange(bits, order: order)
        case .float32:
            let engineering = value.isFinite ? (value - offset) / (scale == 0 ? 1 : scale) : Double.nan
            return arrange(Float(engineering).bitPattern, order: order)
        }
    }

    /// The engineering value of registers encoded by `encode`.
    public static func decode(
        _ registers: [UInt16], type: DataType, scale: Double = 1, offset: Double = 0, order: WordOrder = .ABCD
    ) -> Double {
        switch type {
        case .bit:
            return registers.first.map { $0 != 0 ? 1 : 0 } ?? 0
        case .int16:
            return Double(Int16(bitPattern: registers[0])) * scale + offset
        case .uint16:
            return Double(registers[0]) * scale + offset
        case .int32:
            return Double(Int32(bitPattern: combine(registers, order: order))) * scale + offset
        case .uint32:
            return Double(combine(registers, order: order)) * scale + offset
        case .float32:
            return Double(Float(bitPattern: combine(registers, order: order))) * scale + offset
        }
    }

    /// Two registers for a 32-bit pattern whose bytes are A B C D (A most significant).
    public static func arrange(_ bits: UInt32, order: WordOrder) -> [UInt16] {
        let a = UInt16(bits >> 24), b = UInt16((bits >> 16) & 0xFF)
        let c = UInt16((bits >> 8) & 0xFF), d = UInt16(bits & 0xFF)
        switch order {
        case .ABCD: return [a << 8 | b, c << 8 | d]
        case .CDAB: return [c << 8 | d, a << 8 | b]
        case .BADC: return [b << 8 | a, d << 8 | c]
        case .DCBA: return [d << 8 | c, b << 8 | a]
        }
    }

    /// The 32-bit pattern back from two registers in `order`.
    public static func combine(_ registers: [UInt16], order: WordOrder) -> UInt32 {
        let r0 = UInt32(registers[0]), r1 = UInt32(registers[1])
        let (hi, lo): (UInt32, UInt32) =
            switch order {
            case .ABCD: (r0, r1)
            case .CDAB: (r1, r0)
            case .BADC: (swapBytes(r0), swapBytes(r1))
            case .DCBA: (swapBytes(r1), swapBytes(r0))
            }
        return hi << 16 | lo
    }

    static func swapBytes(_ word: UInt32) -> UInt32 { (word & 0xFF) << 8 | (word >> 8) & 0xFF }
}
