// libFuzzer target over the slave's request handling (Tools/fuzz builds it with
// `swiftc -sanitize=fuzzer,address` against SimCore, PlantModel and ModbusMap).
//
// The input is a byte stream as a client would send it. It is framed with MBAPFraming exactly as
// the server loop does (Connection.frameLength), and each frame's PDU is checked with
// RequestCheck.check against a fixed map with gaps, writable ranges and addresses at the top of
// the 16-bit space. A plain, independent model of docs/register-maps.md ("Answers and
// exceptions") must agree with every verdict, and an exception reply must be well formed.
// Any disagreement traps (a libFuzzer crash, the input saved as crash-*).
import ModbusMap

let map: UnitMap = {
    func bits(_ table: RegisterTable, _ address: Int, writable: Bool = false) -> RegisterBinding {
        RegisterBinding(point: "B\(address)", pointIndex: 0, role: .value, table: table, address: address, type: .bit, writable: writable)
    }
    func words(_ table: RegisterTable, _ address: Int, _ type: DataType, writable: Bool = false) -> RegisterBinding {
        RegisterBinding(point: "W\(address)", pointIndex: 0, role: .value, table: table, address: address, type: type, writable: writable)
    }
    var bindings: [RegisterBinding] = []
    bindings += (0..<20).map { bits(.coils, $0, writable: $0 < 10) }
    bindings += (30..<40).map { bits(.coils, $0) }
    bindings += [bits(.coils, 65535, writable: true)]
    bindings += (0..<16).map { bits(.discreteInputs, $0) }
    bindings += stride(from: 0, to: 40, by: 2).map { words(.holdingRegisters, $0, .float32, writable: $0 >= 20) }
    bindings += [words(.holdingRegisters, 100, .uint16, writable: true), words(.holdingRegisters, 65534, .uint32, writable: true)]
    bindings += (0..<8).map { words(.inputRegisters, $0, .uint16) }
    bindings += [words(.inputRegisters, 1000, .uint32), words(.inputRegisters, 1002, .uint16)]
    return try! UnitMap(unitId: 1, bindings: bindings)
}()

/// Per table, which addresses are defined / writable (plain arrays, not UnitMap's prefix counts).
let defined: [RegisterTable: [Bool]] = map.defined
let writable: [RegisterTable: [Bool]] = map.writable

func modelAnswer(_ pdu: [UInt8]) -> ModbusException? {
    let function = pdu[0]
    let tables: [UInt8: RegisterTable] = [
        1: .coils, 2: .discreteInputs, 3: .holdingRegisters, 4: .inputRegisters, 5: .coils, 6: .holdingRegisters,
        15: .coils, 16: .holdingRegisters,
    ]
    guard let table = tables[function] else { return .illegalFunction }
    guard pdu.count >= 5 else { return .illegalDataValue }
    let address = Int(pdu[1]) * 256 + Int(pdu[2])
    let word = Int(pdu[3]) * 256 + Int(pdu[4])
    var quantity = word
    var good: Bool
    switch function {
    case 1, 2: good = pdu.count == 5 && word >= 1 && word <= 2000
    case 3, 4: good = pdu.count == 5 && word >= 1 && word <= 125
    case 5: good = pdu.count == 5 && (word == 0 || word == 0xFF00); quantity = 1
    case 6: good = pdu.count == 5; quantity = 1
    case 15: good = pdu.count >= 6 && word >= 1 && word <= 1968 && Int(pdu[5]) == (word + 7) / 8 && pdu.count == 6 + Int(pdu[5])
    default: good = pdu.count >= 6 && word >= 1 && word <= 123 && Int(pdu[5]) == word * 2 && pdu.count == 6 + Int(pdu[5])
    }
    if !good { return .illegalDataValue }
    let flags = defined[table] ?? []
    for a in address..<(address + quantity) where a >= flags.count || !flags[a] { return .illegalDataAddress }
    if [5, 6, 15, 16].contains(function) {
        let w = writable[table] ?? []
        for a in address..<(address + quantity) where !w[a] { return .illegalDataAddress }
    }
    return nil
}

func modelFrame(_ bytes: ArraySlice<UInt8>) -> Int? {  // nil: need more; -1: malformed
    guard bytes.count >= 7 else { return nil }
    let b = Array(bytes)
    if b[2] != 0 || b[3] != 0 { return -1 }
    let length = Int(b[4]) * 256 + Int(b[5])
    if length < 2 || length > 254 { return -1 }
    return b.count >= 6 + length ? 6 + length : nil
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestHandling(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let stream = Array(UnsafeBufferPointer(start: data, count: size))
    var offset = 0
    while offset < stream.count {
        let rest = stream[offset...]
        let framed = MBAPFraming.frameLength(rest)
        let model = modelFrame(rest)
        switch (framed, model) {
        case (.needMore, nil): return 0
        case (.malformed, -1): return 0
        case (.complete(let length), let m?) where m == length:
            let frame = Array(rest.prefix(length))
            let pdu = frame[7...]
            let verdict = RequestCheck.check(pdu, map: map)
            let expected = modelAnswer(Array(pdu))
            if verdict != expected {
                fatalError("RequestCheck says \(String(describing: verdict)), the model \(String(describing: expected)) for \(frame)")
            }
            if verdict == nil {
                // A request the slave hands to modbus_reply must address only defined registers.
                guard let access = RequestCheck.access(pdu) else { fatalError("accepted without access: \(frame)") }
                let flags = defined[access.table] ?? []
                if access.addresses.upperBound > flags.count { fatalError("access beyond the map: \(frame)") }
            }
            if let verdict {
                let reply = ExceptionReply.frame(request: frame, code: verdict.rawValue)
                if reply.count != 9 || reply[0] != frame[0] || reply[1] != frame[1] || reply[6] != frame[6]
                    || reply[7] != frame[7] | 0x80 || reply[8] != verdict.rawValue
                {
                    fatalError("bad exception reply \(reply) to \(frame)")
                }
            }
            offset += length
        default:
            fatalError("framing disagrees: \(framed) vs model \(String(describing: model)) at offset \(offset) of \(stream)")
        }
    }
    return 0
}
