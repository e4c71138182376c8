/// Maps byte strings to dense ids (0, 1, 2, ... in order of first appearance) without creating a Swift
/// String per lookup: an open-addressing hash table over FNV-1a hashes, keys copied once into one buffer.
struct ByteInterner {
    private var bytes: [UInt8] = []
    private var keyStart: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 1024)

    /// Number of distinct keys.
    var count: Int { hashes.count }

    /// The id of `key`, adding it when new; `isNew` tells which.
    mutating func intern(_ key: UnsafeRawBufferPointer) -> (id: Int32, isNew: Bool) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
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

    private func equals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let lo = keyStart[id], hi = keyStart[id + 1]
        guard hi - lo == key.count else { return false }
        var k = 0
        for i in lo..<hi {
            if bytes[i] != key[k] { return false }
            k += 1
        }
        return true
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
