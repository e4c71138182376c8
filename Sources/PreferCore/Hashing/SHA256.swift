import CSystemLibs
import Foundation

/// SHA-256 through the system libcrypto (streaming, for files of any size).
public struct SHA256: ~Copyable {
    private let ctx: OpaquePointer

    public init() {
        ctx = EVP_MD_CTX_new()
        EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(ctx) }

    /// Feeds bytes into the digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(ctx, base, bytes.count)
    }

    /// Feeds a Data value into the digest.
    public mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    /// Feeds a string's UTF-8 bytes into the digest.
    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Finishes and returns the lowercase hex digest.
    public consuming func finalizeHex() -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        EVP_DigestFinal_ex(ctx, &out, &len)
        return SHA256.hexString(out)
    }

    /// Lowercase hex of a byte array.
    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8](); chars.reserveCapacity(bytes.count * 2)
        for b in bytes { chars.append(digits[Int(b >> 4)]); chars.append(digits[Int(b & 0xF)]) }
        return String(decoding: chars, as: UTF8.self)
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
