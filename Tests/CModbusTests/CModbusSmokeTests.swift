import CModbus
import Testing

@Suite struct CModbusSmokeTests {
    @Test func createsAndFreesATCPContext() throws {
        let context = try #require(modbus_new_tcp("127.0.0.1", 1502))
        #expect(modbus_set_slave(context, 1) == 0)
        // A context is not connected until asked to; reading the socket gives -1.
        #expect(modbus_get_socket(context) == -1)
        modbus_free(context)
    }

    @Test func reportsTheLinkedLibraryVersion() {
        #expect(libmodbus_version_major == 3)
        // libmodbus maps its own error codes (MODBUS_ENOBASE + n) to messages.
        let message = String(cString: modbus_strerror(Int32(MODBUS_ENOBASE) + 2))
        #expect(message == "Illegal data address")
    }
}
