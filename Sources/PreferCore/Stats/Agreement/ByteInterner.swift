import Foundation

/// Maps byte strings to dense ids (0, 1, 2, ... in order of first appearance) without creating a Swift
/// String per lookup: an open-addressing hash table over a word-at-a-time multiplicative hash, keys copied
/// once into one buffer.
/// A key equal to the previous one (ratings grouped by item) is answered without hashing.
struct ByteInterner {
    private var lastId: Int32 = -1
    private var bytes: [UInt8] = []
    private var keyStart: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 1024)

    /// Number of distinct keys.
    var count: Int { hashes.count }

    /// The id of `key`, adding it when new; `isNew` tells which.
    mutating func intern(_ key: UnsafeRawBufferPointer) -> (id: Int32, isNew: Bool) {
        if lastId >= 0, equals(Int(lastId), key) { return (lastId, false) }
        let result = insert(key)
        lastId = result.id
        return result
    }

    private mutating func insert(_ key: UnsafeRawBufferPointer) -> (id: Int32, isNew: Bool) {
        let h = Self.hash(key)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let id = slots[s]
            if id < 0 { break }
            if hashes[Int(id)] == h && equals(Int(id), key) { return (id, false) }
            s = (s + 1) & mask
        }
        let id = Int32(hashes.count)
        slots[s] = id
        hashes.append(h)
        bytes.append(contentsOf: key)
        keyStart.append(bytes.count)
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The id of a Swift string's UTF-8 bytes.
    mutating func intern(_ key: String) -> (id: Int32, isNew: Bool) {
        var k = key
        return k.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The key of `id` as a String (invalid UTF-8 is repaired).
    func string(_ id: Int) -> String {
        String(decoding: bytes[keyStart[id]..<keyStart[id + 1]], as: UTF8.self)
    }

    /// All keys in id order.
    var strings: [String] { (0..<count).map(string) }

    /// Hashes 8 bytes per step (unaligned loads) and mixes the tail with the length.
    private static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        if i < key.count {
            var tail: UInt64 = 0
            for k in i..<key.count { tail = tail << 8 | UInt64(key[k]) }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        return h ^ (h >> 32)
    }

    private func equals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let lo = keyStart[id], length = keyStart[id + 1] - lo
        guard length == key.count else { return false }
        guard length > 0, let keyBase = key.baseAddress else { return true }
        return bytes.withUnsafeBytes { stored in
            guard let base = stored.baseAddress else { return false }
            return memcmp(base + lo, keyBase, length) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(id)
        }
    }
}
