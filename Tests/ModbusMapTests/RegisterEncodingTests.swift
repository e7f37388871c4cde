import ModbusMap
import Testing

@Suite struct RegisterEncodingTests {
    /// The worked example of docs/register-maps.md: 0.25 as float32 is 0x3E800000, bytes A=3E B=80 C=00 D=00.
    @Test(arguments: [
        (WordOrder.ABCD, [0x3E80, 0x0000] as [UInt16]),
        (.CDAB, [0x0000, 0x3E80]),
        (.BADC, [0x803E, 0x0000]),
        (.DCBA, [0x0000, 0x803E]),
    ])
    func float32WorkedExample(order: WordOrder, registers: [UInt16]) {
        #expect(RegisterEncoding.encode(0.25, type: .float32, order: order) == registers)
        #expect(RegisterEncoding.decode(registers, type: .float32, order: order) == 0.25)
    }

    @Test func everyByteLandsWhereTheOrderSays() {
        let bits: UInt32 = 0x1122_3344
        #expect(RegisterEncoding.arrange(bits, order: .ABCD) == [0x1122, 0x3344])
        #expect(RegisterEncoding.arrange(bits, order: .CDAB) == [0x3344, 0x1122])
        #expect(RegisterEncoding.arrange(bits, order: .BADC) == [0x2211, 0x4433])
        #expect(RegisterEncoding.arrange(bits, order: .DCBA) == [0x4433, 0x2211])
        for order in WordOrder.allCases {
            #expect(RegisterEncoding.combine(RegisterEncoding.arrange(bits, order: order), order: order) == bits)
        }
    }

    @Test(arguments: WordOrder.allCases)
    func roundTripsEveryTypeInEveryOrder(order: WordOrder) {
        let cases: [(DataType, Double, Double, Double)] = [
            (.float32, 123456.0, 1, 0), (.float32, -0.1234, 1, 0), (.int16, -12.34, 0.01, 0),
            (.uint16, 712.5, 0.1, 0), (.int32, -1_234_567.8, 0.1, 0), (.uint32, 3_000_000_000, 1, 0),
            (.int16, 0.25, 0.001, 0), (.uint16, 25.5, 0.1, -100), (.bit, 1, 1, 0),
        ]
        for (type, value, scale, offset) in cases {
            let words = RegisterEncoding.encode(value, type: type, scale: scale, offset: offset, order: order)
            #expect(words.count == type.width)
            let back = RegisterEncoding.decode(words, type: type, scale: scale, offset: offset, order: order)
            let tolerance = type == .float32 ? abs(value) * 1e-6 : scale / 2 + 1e-9
            #expect(abs(back - value) <= tolerance, "\(type) \(order) \(value) → \(words) → \(back)")
        }
    }

    @Test func saturatesInsteadOfWrapping() {
        #expect(RegisterEncoding.encode(1e9, type: .int16) == [0x7FFF])
        #expect(RegisterEncoding.encode(-5, type: .uint16) == [0])
        #expect(RegisterEncoding.encode(.nan, type: .int16) == [0])
    }
}
