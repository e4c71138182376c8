/// The integer key a store indexes an item's content hash by: the hash's first 8 bytes, big-endian, as a signed
/// 64-bit integer. Two different hashes may share a key (a 1 in 2^64 chance per pair): the later item then takes
/// the next free key (`probe`), so a duplicate check walks keys from `of(hash:)` until it finds the same hash or a
/// free key.
public enum ContentKey {
    /// The first key to try for a hash (shorter input is padded with zero bytes).
    public static func of<Bytes: Collection>(hash: Bytes) -> Int64 where Bytes.Element == UInt8 {
        var key: UInt64 = 0
        var taken = 0
        for byte in hash.prefix(8) {
            key = key << 8 | UInt64(byte)
            taken += 1
        }
        return Int64(bitPattern: taken == 8 ? key : key << (8 * UInt64(8 - taken)))
    }

    /// The key to try after `key` is taken by a different hash.
    public static func probe(after key: Int64) -> Int64 { key &+ 1 }
}
