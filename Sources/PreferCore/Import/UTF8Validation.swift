/// UTF-8 validation that reports where the first bad byte is (Foundation only says "invalid").
enum UTF8Validation {
    /// Index of the first byte that is not part of a valid UTF-8 sequence, or nil when all are valid.
    static func firstInvalidByte(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            // Fast path: 8 ASCII bytes at a time.
            if i + 8 <= n && bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return i
            }
            if i + 1 >= n { return i }
            let b1 = bytes[i + 1]
            if b1 < lo || b1 > hi { return i }
            for k in 2..<len {
                if i + k >= n { return i }
                if bytes[i + k] & 0xC0 != 0x80 { return i }
            }
            i += len
        }
        return nil
    }
}
