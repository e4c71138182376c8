import CSystemLibs
import Foundation

/// SHA-256 through the system libcrypto (streaming, for files of any size; no allocation).
public struct SHA256: ~Copyable {
    private var ctx = SHA256_CTX()

    public init() { SHA256_Init(&ctx) }

    /// Feeds bytes into the digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        SHA256_Update(&ctx, base, bytes.count)
    }

    /// Feeds a Data value into the digest.
    public mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    /// Feeds a string's UTF-8 bytes into the digest.
    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Finishes and returns the lowercase hex digest.
    public consuming func finalizeHex() -> String { SHA256.hexString(finalizeBytes()) }

    /// Finishes and returns the 32 digest bytes.
    public consuming func finalizeBytes() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        SHA256_Final(&out, &ctx)
        return out
    }

    /// Finishes and passes the 32 digest bytes to `body` (no allocation).
    public consuming func finalize<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { out in
            SHA256_Final(out.baseAddress!, &ctx)
            return body(UnsafeRawBufferPointer(out))
        }
    }

    /// Lowercase hex of a byte array.
    public static func hexString(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            let digits: StaticString = "0123456789abcdef"
            let table = digits.utf8Start
            for (i, b) in bytes.enumerated() {
                out[2 * i] = table[Int(b >> 4)]
                out[2 * i + 1] = table[Int(b & 0xF)]
            }
            return bytes.count * 2
        }
    }

    /// One-shot hex digest of a string.
    public static func hex(of string: String) -> String {
        var h = SHA256(); h.update(string); return h.finalizeHex()
    }

    /// One-shot hex digest of data.
    public static func hex(of data: Data) -> String {
        var h = SHA256(); h.update(data); return h.finalizeHex()
    }
}
