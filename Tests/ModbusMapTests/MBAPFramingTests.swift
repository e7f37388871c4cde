import ModbusMap
import Testing

@Suite struct MBAPFramingTests {
    @Test func framesCompleteShortAndMalformedHeaders() {
        let read: [UInt8] = [0, 1, 0, 0, 0, 6, 1, 0x03, 0, 0, 0, 1]
        #expect(MBAPFraming.frameLength(read) == .complete(12))
        #expect(MBAPFraming.frameLength(read + [0, 2]) == .complete(12))
        #expect(MBAPFraming.frameLength(Array(read.prefix(11))) == .needMore)
        #expect(MBAPFraming.frameLength(Array(read.prefix(6))) == .needMore)
        var wrongProtocol = read
        wrongProtocol[3] = 1
        #expect(MBAPFraming.frameLength(wrongProtocol) == .malformed("protocol id 1 is not 0 (Modbus)"))
        for length in [0, 1, 255, 0xFFFF] {
            var header = read
            header[4] = UInt8(length >> 8); header[5] = UInt8(length & 0xFF)
            #expect(MBAPFraming.frameLength(header) == .malformed("MBAP length \(length) is outside 2…254"))
        }
        let longest = [0, 1, 0, 0, 0, 254, 1] + [UInt8](repeating: 0x10, count: 253)
        #expect(MBAPFraming.frameLength(longest) == .complete(260))
    }

    /// Function codes ≥ 0x80 keep their high bit (libmodbus's own encoding wrapped 0x81 to 0x01).
    @Test func exceptionRepliesSetTheHighBitOnce() {
        let request: [UInt8] = [0x12, 0x34, 0, 0, 0, 2, 7, 0x81]
        #expect(ExceptionReply.frame(request: request, code: 1) == [0x12, 0x34, 0, 0, 0, 3, 7, 0x81, 1])
        #expect(ExceptionReply.frame(request: [0, 9, 0, 0, 0, 6, 1, 0x03, 0, 0, 0, 0], code: 3) == [0, 9, 0, 0, 0, 3, 1, 0x83, 3])
    }
}
