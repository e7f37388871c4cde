import CModbus
import ModbusMap
import PlantModel

/// One unit id on one endpoint: its map, its rendered image and the libmodbus mapping that
/// `modbus_reply` reads. Lives on the server thread only.
final class ServedUnit {
    let map: UnitMap
    let endpoint: Int
    var image: RegisterImage
    let mapping: UnsafeMutablePointer<modbus_mapping_t>

    init(map: UnitMap, endpoint: Int) throws {
        self.map = map
        self.endpoint = endpoint
        image = RegisterImage(map: map)
        guard
            let mapping = modbus_mapping_new_start_address(
                0, UInt32(map.sizes[.coils] ?? 0), 0, UInt32(map.sizes[.discreteInputs] ?? 0),
                0, UInt32(map.sizes[.holdingRegisters] ?? 0), 0, UInt32(map.sizes[.inputRegisters] ?? 0))
        else { throw ServerError("cannot allocate the register mapping of unit \(map.unitId)") }
        self.mapping = mapping
    }

    deinit { modbus_mapping_free(mapping) }

    /// The exception a request PDU earns on this unit, if any. Reads the map in place (passing
    /// `map` out of the class copied it — a retain per array — on every request).
    func check(_ pdu: UnsafeBufferPointer<UInt8>) -> ModbusException? {
        RequestCheck.check(pdu, map: map)
    }

    /// Renders new values (minus frozen bindings, with swapped words where a fault says so) and
    /// copies them into the libmodbus mapping, leaving client-owned (writable) addresses alone.
    func update(values: [Double], qualities: [Quality], timeMs: Int64, faults: [ProtocolFault]) {
        let unit = map.unitId
        let frozen = faults.filter { if case .freeze = $0.kind { true } else { false } }
        let swapped = faults.filter { if case .wordOrderSwap = $0.kind { true } else { false } }
        image.render(
            values: values, qualities: qualities, timeMs: timeMs,
            skip: { binding in frozen.contains { $0.matches(unit: unit, binding: binding) } },
            swapWords: { binding in swapped.contains { $0.matches(unit: unit, binding: binding) } })
        copy(image.holdingRegisters, into: mapping.pointee.tab_registers, writable: map.writable[.holdingRegisters])
        copy(image.inputRegisters, into: mapping.pointee.tab_input_registers, writable: nil)
        copy(image.coils, into: mapping.pointee.tab_bits, writable: map.writable[.coils])
        copy(image.discreteInputs, into: mapping.pointee.tab_input_bits, writable: nil)
    }

    private func copy<T>(_ source: [T], into target: UnsafeMutablePointer<T>?, writable: [Bool]?) {
        guard let target else { return }
        for index in source.indices where !(writable?[index] ?? false) { target[index] = source[index] }
    }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
