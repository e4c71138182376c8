/// JSON string quoting into a byte buffer, byte-identical to `JSONValue.quote` (which builds a String):
/// `"` and `\` escaped, \n \r \t by name, other control characters and DEL as \u00XX (lowercase hex),
/// U+2028 and U+2029 as \u2028 and \u2029 (JavaScript line terminators); everything else verbatim UTF-8.
public enum JSONBytes {
    /// Appends `s` as a quoted JSON string to `out`.
    static func quote(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { quote(utf8: $0, into: &out) }
    }

    /// Appends valid UTF-8 bytes as a quoted JSON string to `out`.
    static func quote(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(0x22)
        var runStart = 0  // start of the bytes not yet copied: copied in runs, not byte by byte
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { out.append(0x22); return }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // Eight bytes at a time while none needs a look (text is mostly plain): the byte loop below is
            // the reference, this only skips ahead over words it would copy unchanged.
            if i + 8 <= n, !needsLook(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8; continue }
            let b = bytes[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F && b != 0xE2 { i += 1; continue }
            var escape: StaticString? = nil
            var width = 1
            switch b {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0xE2:
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9; other E2 sequences pass through.
                if i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                } else { i += 1; continue }
            default: break  // other control characters and DEL
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            if let escape {
                escape.withUTF8Buffer { out.append(contentsOf: $0) }
            } else {
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex(b >> 4), hex(b & 0x0F)])  // \u00XX
            }
            i += width
            runStart = i
        }
        if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        out.append(0x22)
    }

    /// Whether any of the eight bytes of `w` is below 0x20 or is 0x22, 0x5C, 0x7F or 0xE2 (the bytes the
    /// loop in `quote` stops at). Exact, not a heuristic: the classic "has a zero byte" and "has a byte less
    /// than n" word tests (Anderson, Bit Twiddling Hacks), which never miss and never misfire as a whole.
    @inlinable @inline(__always)
    public static func needsLook(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below20 = (w &- ones &* 0x20) & ~w & highs != 0
        return below20 || hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C)) || hasZero(w ^ (ones &* 0x7F))
            || hasZero(w ^ (ones &* 0xE2))
    }

    private static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }
}
