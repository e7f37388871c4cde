import COpenSSL

/// SHA-256 through OpenSSL's libcrypto (a pure computation; no I/O).
public enum Digest {
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            _ = SHA256(input.baseAddress, input.count, &out)
        }
        return out.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    public static func sha256Hex(_ text: String) -> String { sha256Hex(Array(text.utf8)) }
}
