import CModbus
import Foundation
import ModbusMap

/// A blocking Modbus TCP client (libmodbus), the one place besides the slave that calls libmodbus.
/// Calls block the calling thread: run it on a thread of its own, never on the concurrency pool.
/// Not thread-safe; one owner at a time.
public final class ModbusClient {
    public let host: String
    public let port: UInt16
    private var context: OpaquePointer?

    /// Why a request failed: libmodbus's message for `errno` (e.g. "Connection refused",
    /// "Illegal data address").
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(host: String, port: UInt16) {
        self.host = host == "localhost" ? "127.0.0.1" : host
        self.port = port
    }

    deinit { close() }

    public var isConnected: Bool { context != nil }

    /// Connects (once; a connected client returns at once) with a response timeout in seconds.
    public func connect(timeoutS: Double = 1) throws(Failure) {
        if context != nil { return }
        guard let made = modbus_new_tcp(host, Int32(port)) else { throw Self.failure() }
        let whole = timeoutS.rounded(.down)
        modbus_set_response_timeout(made, UInt32(whole), UInt32((timeoutS - whole) * 1_000_000))
        guard modbus_connect(made) == 0 else {
            let failure = Self.failure()
            modbus_free(made)
            throw failure
        }
        context = made
    }

    public func close() {
        guard let open = context else { return }
        modbus_close(open)
        modbus_free(open)
        context = nil
    }

    /// Reads `count` words or bits (as 0/1 words) of `table` from `unit` at `address`.
    public func read(unit: UInt8, table: RegisterTable, address: Int, count: Int) throws(Failure) -> [UInt16] {
        guard let open = context else { throw Failure(message: "not connected") }
        modbus_set_slave(open, Int32(unit))
        let read: Int32
        var words = [UInt16](repeating: 0, count: count)
        if table.isBitTable {
            var bits = [UInt8](repeating: 0, count: count)
            read = table == .coils
                ? modbus_read_bits(open, Int32(address), Int32(count), &bits)
                : modbus_read_input_bits(open, Int32(address), Int32(count), &bits)
            for i in 0..<min(count, Int(max(read, 0))) { words[i] = UInt16(bits[i]) }
        } else {
            read = table == .holdingRegisters
                ? modbus_read_registers(open, Int32(address), Int32(count), &words)
                : modbus_read_input_registers(open, Int32(address), Int32(count), &words)
        }
        guard read == count else { throw read < 0 ? Self.failure() : Failure(message: "short answer: \(read) of \(count)") }
        return words
    }

    private static func failure() -> Failure { Failure(message: String(cString: modbus_strerror(errno))) }
}
