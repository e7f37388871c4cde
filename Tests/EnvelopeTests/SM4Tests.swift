import Envelope
import Foundation
import Testing

/// SM4 through libcrypto, proven with the GB/T 32907-2016 examples and the `openssl` CLI.
@Suite struct SM4Tests {
    static let exampleKey = Hex.decode("0123456789abcdeffedcba9876543210")!

    @Test func standardExampleOneBlock() throws {
        // GB/T 32907-2016 appendix A, example 1: key = plaintext.
        let cipher = try SM4.encryptECB(Self.exampleKey, key: Self.exampleKey)
        #expect(Hex.encode(cipher) == "681edf34d206965e86b3e94f536e4246")
        #expect(try SM4.decryptECB(cipher, key: Self.exampleKey) == Self.exampleKey)
    }

    @Test func standardExampleOneMillionTimes() throws {
        // GB/T 32907-2016 appendix A, example 2: the block encrypted 1,000,000 times with the same key.
        let start = ContinuousClock.now
        let cipher = try SM4.encryptECB(Self.exampleKey, key: Self.exampleKey, iterations: 1_000_000)
        let elapsed = ContinuousClock.now - start
        #expect(Hex.encode(cipher) == "595298c7c6fd271f0402f804c33d3f66")
        #expect(try SM4.decryptECB(cipher, key: Self.exampleKey, iterations: 1_000_000) == Self.exampleKey)
        #expect(elapsed < .seconds(10), "1,000,000 SM4 blocks took \(elapsed)")
    }

    @Test(arguments: [0, 1, 15, 16, 17, 31, 32, 1000])
    func cbcRoundTripPadsToTheNextBlock(length: Int) throws {
        let key = Hex.decode("00112233445566778899aabbccddeeff")!
        let iv = Hex.decode("0f0e0d0c0b0a09080706050403020100")!
        let plain = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let cipher = try SM4.encryptCBC(plaintext: plain, key: key, iv: iv)
        #expect(cipher.count == (length / 16 + 1) * 16)  // PKCS#7: 1…16 bytes of padding, always
        #expect(try SM4.decryptCBC(ciphertext: cipher, key: key, iv: iv) == plain)
    }

    @Test func cbcMatchesTheOpenSSLCommandLine() throws {
        let key = "0123456789abcdeffedcba9876543210", iv = "fedcba98765432100123456789abcdef"
        let plain = Array(#"{"batchId":"GW-000000000001","datas":[]}"#.utf8)
        let ours = try SM4.encryptCBC(plaintext: plain, key: Hex.decode(key)!, iv: Hex.decode(iv)!)
        let theirs = try Self.openssl(["enc", "-sm4-cbc", "-K", key, "-iv", iv], input: plain)
        #expect(Hex.encode(ours) == Hex.encode(theirs))
        let back = try Self.openssl(["enc", "-d", "-sm4-cbc", "-K", key, "-iv", iv], input: ours)
        #expect(back == plain)
    }

    @Test func refusesWrongLengthsAndBadPadding() throws {
        let key = Self.exampleKey, iv = [UInt8](repeating: 1, count: 16)
        #expect(throws: SM4Error.wrongKeyLength(15)) { try SM4.encryptCBC(plaintext: [1], key: Array(key.prefix(15)), iv: iv) }
        #expect(throws: SM4Error.wrongIVLength(8)) { try SM4.encryptCBC(plaintext: [1], key: key, iv: Array(iv.prefix(8))) }
        #expect(throws: SM4Error.wrongDataLength(17)) { try SM4.decryptCBC(ciphertext: [UInt8](repeating: 0, count: 17), key: key, iv: iv) }
        #expect(throws: SM4Error.wrongDataLength(0)) { try SM4.decryptCBC(ciphertext: [], key: key, iv: iv) }
        // A ciphertext of a block ending in 0x00 after decryption is not PKCS#7.
        let unpadded = try SM4.encryptECB([UInt8](repeating: 0, count: 16), key: key)
        #expect(throws: SM4Error.badPadding) { try SM4.decryptCBC(ciphertext: unpadded, key: key, iv: [UInt8](repeating: 0, count: 16)) }
        #expect("\(SM4Error.badPadding)".contains("wrong key or IV"))
    }

    @Test func hexIsLowercaseAndStrict() {
        #expect(Hex.encode([0x00, 0xab, 0xFF]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xab, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("") == [])
    }

    /// Runs `openssl ARGS` with `input` on stdin; its stdout.
    static func openssl(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openssl \(arguments): \(String(decoding: errors, as: UTF8.self))")
        return Array(output)
    }
}
