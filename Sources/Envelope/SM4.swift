import COpenSSL

/// Why an SM4 operation failed.
public enum SM4Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// The key is not 16 bytes.
    case wrongKeyLength(Int)
    /// The IV is not 16 bytes.
    case wrongIVLength(Int)
    /// A ciphertext (or a no-padding plaintext) whose length is not a positive multiple of 16.
    case wrongDataLength(Int)
    /// The last block does not end in valid PKCS#7 padding: the key or the IV is wrong, or the data was altered.
    case badPadding
    /// libcrypto has no SM4 (an OpenSSL built without it) or failed internally.
    case unavailable(String)

    public var description: String {
        switch self {
        case .wrongKeyLength(let n): "SM4 key must be 16 bytes (32 hex digits), found \(n) bytes"
        case .wrongIVLength(let n): "SM4 IV must be 16 bytes (32 hex digits), found \(n) bytes"
        case .wrongDataLength(let n): "SM4 data must be a positive multiple of 16 bytes, found \(n) bytes"
        case .badPadding: "bad padding (wrong key or IV, or altered data)"
        case .unavailable(let what): "SM4 is not available from libcrypto: \(what)"
        }
    }
}

/// SM4 (GB/T 32907-2016, 国密) through OpenSSL libcrypto's EVP interface. No cipher code of our
/// own: every block goes through `EVP_EncryptUpdate`/`EVP_DecryptUpdate` of the default provider.
///
/// A pure computation (no I/O, no clock, no randomness): the IV is always given by the caller, as
/// the MEM envelope issues it per enterprise.
public enum SM4 {
    public static let blockSize = 16
    public static let keySize = 16

    /// CBC with PKCS#7 (= PKCS#5) padding: the output is 1…16 bytes longer than the input.
    public static func encryptCBC(plaintext: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        try check(key: key, iv: iv)
        return try run(.cbc, encrypt: true, padding: true, input: plaintext, key: key, iv: iv)
    }

    /// Inverse of `encryptCBC`; `SM4Error.badPadding` when the last block's padding is invalid.
    public static func decryptCBC(ciphertext: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        try check(key: key, iv: iv)
        guard !ciphertext.isEmpty, ciphertext.count % blockSize == 0 else { throw SM4Error.wrongDataLength(ciphertext.count) }
        return try run(.cbc, encrypt: false, padding: true, input: ciphertext, key: key, iv: iv)
    }

    /// ECB without padding, `iterations` times over its own output (1 = plain ECB): the form of
    /// the GB/T 32907-2016 examples (one block; then the same block encrypted 1,000,000 times).
    public static func encryptECB(_ blocks: [UInt8], key: [UInt8], iterations: Int = 1) throws -> [UInt8] {
        try ecb(blocks, key: key, iterations: iterations, encrypt: true)
    }

    /// ECB decryption without padding, `iterations` times.
    public static func decryptECB(_ blocks: [UInt8], key: [UInt8], iterations: Int = 1) throws -> [UInt8] {
        try ecb(blocks, key: key, iterations: iterations, encrypt: false)
    }

    // MARK: - libcrypto

    enum Mode { case cbc, ecb }

    /// The fetched ciphers, kept for the life of the process (an `EVP_CIPHER` is immutable and
    /// safe to share between threads once fetched).
    final class Fetched: @unchecked Sendable {
        let cipher: OpaquePointer?
        init(_ name: String) { cipher = EVP_CIPHER_fetch(nil, name, nil) }
    }

    static let cbcCipher = Fetched("SM4-CBC")
    static let ecbCipher = Fetched("SM4-ECB")

    static func cipher(_ mode: Mode) throws -> OpaquePointer {
        let fetched = mode == .cbc ? cbcCipher : ecbCipher
        guard let cipher = fetched.cipher else { throw SM4Error.unavailable("EVP_CIPHER_fetch(\(mode == .cbc ? "SM4-CBC" : "SM4-ECB")) failed") }
        return cipher
    }

    static func check(key: [UInt8], iv: [UInt8]?) throws {
        guard key.count == keySize else { throw SM4Error.wrongKeyLength(key.count) }
        if let iv, iv.count != blockSize { throw SM4Error.wrongIVLength(iv.count) }
    }

    static func ecb(_ blocks: [UInt8], key: [UInt8], iterations: Int, encrypt: Bool) throws -> [UInt8] {
        try check(key: key, iv: nil)
        guard !blocks.isEmpty, blocks.count % blockSize == 0 else { throw SM4Error.wrongDataLength(blocks.count) }
        precondition(iterations >= 1, "iterations must be at least 1")
        let context = try Context(.ecb, encrypt: encrypt, padding: false, key: key, iv: nil)
        var current = blocks
        var next = [UInt8](repeating: 0, count: blocks.count + blockSize)
        for _ in 0..<iterations {
            let written = try context.update(current, into: &next)
            guard written == blocks.count else { throw SM4Error.unavailable("ECB update wrote \(written) bytes") }
            current.withUnsafeMutableBufferPointer { out in
                next.withUnsafeBufferPointer { src in out.baseAddress!.update(from: src.baseAddress!, count: blocks.count) }
            }
        }
        return current
    }

    static func run(_ mode: Mode, encrypt: Bool, padding: Bool, input: [UInt8], key: [UInt8], iv: [UInt8]?) throws -> [UInt8] {
        let context = try Context(mode, encrypt: encrypt, padding: padding, key: key, iv: iv)
        var out = [UInt8](repeating: 0, count: input.count + 2 * blockSize)
        let written = try context.update(input, into: &out)
        let tail = try context.finish(into: &out, at: written)
        return Array(out[0..<(written + tail)])
    }

    /// One `EVP_CIPHER_CTX`, freed with the value.
    final class Context {
        let pointer: OpaquePointer
        let encrypt: Bool

        init(_ mode: Mode, encrypt: Bool, padding: Bool, key: [UInt8], iv: [UInt8]?) throws {
            let cipher = try SM4.cipher(mode)
            guard let pointer = EVP_CIPHER_CTX_new() else { throw SM4Error.unavailable("EVP_CIPHER_CTX_new failed") }
            self.pointer = pointer
            self.encrypt = encrypt
            let status: Int32
            if let iv {
                status = encrypt
                    ? EVP_EncryptInit_ex2(pointer, cipher, key, iv, nil)
                    : EVP_DecryptInit_ex2(pointer, cipher, key, iv, nil)
            } else {
                status = encrypt
                    ? EVP_EncryptInit_ex2(pointer, cipher, key, nil, nil)
                    : EVP_DecryptInit_ex2(pointer, cipher, key, nil, nil)
            }
            guard status == 1 else { throw SM4Error.unavailable("cipher initialisation failed") }
            EVP_CIPHER_CTX_set_padding(pointer, padding ? 1 : 0)
        }

        deinit { EVP_CIPHER_CTX_free(pointer) }

        /// Bytes written to the start of `out` (which must have room for the input plus a block).
        func update(_ input: [UInt8], into out: inout [UInt8]) throws -> Int {
            var written: Int32 = 0
            let status = out.withUnsafeMutableBufferPointer { buffer in
                input.withUnsafeBufferPointer { source in
                    encrypt
                        ? EVP_EncryptUpdate(pointer, buffer.baseAddress, &written, source.baseAddress, Int32(source.count))
                        : EVP_DecryptUpdate(pointer, buffer.baseAddress, &written, source.baseAddress, Int32(source.count))
                }
            }
            guard status == 1 else { throw SM4Error.unavailable("update failed") }
            return Int(written)
        }

        /// The final (padded) block, written at `offset`.
        func finish(into out: inout [UInt8], at offset: Int) throws -> Int {
            var written: Int32 = 0
            let status = out.withUnsafeMutableBufferPointer { buffer in
                encrypt
                    ? EVP_EncryptFinal_ex(pointer, buffer.baseAddress! + offset, &written)
                    : EVP_DecryptFinal_ex(pointer, buffer.baseAddress! + offset, &written)
            }
            guard status == 1 else { throw encrypt ? SM4Error.unavailable("final block failed") : SM4Error.badPadding }
            return Int(written)
        }
    }
}

/// Lowercase hexadecimal, as the envelope's `data` carries ciphertext.
public enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of an even-length string of hex digits (either case); nil otherwise.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// Index of the first byte that is not a hex digit, if any.
    static func firstNonHex(_ text: String) -> Int? {
        text.utf8.firstIndex { value($0) == nil }.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
    }

    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        case 65...70: byte - 55
        default: nil
        }
    }
}
