/// The deterministic rules that decide what an annotator is served (documented in the README, "The queue"):
/// every choice below is a pure function of the project seed, so a queue can be reproduced exactly.
public enum QueueRules {
    /// SplitMix64's first output for seed `x`: a well-mixed 64-bit hash of a 64-bit input.
    public static func mix(_ x: UInt64) -> UInt64 {
        var generator = SplitMix64(seed: x)
        return generator.next()
    }

    /// FNV-1a over a string's UTF-8 bytes, then mixed: a stable 64-bit hash (Swift's Hasher is seeded per process).
    public static func hash(_ s: String, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ mix(seed)
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return mix(h)
    }

    /// The item's place in the shared serving order: a seeded shuffle keyed by content, so the order does not
    /// depend on import order and two projects with the same seed and data serve the same order.
    public static func queueKey(contentHash: String, seed: UInt64) -> Int64 {
        Int64(bitPattern: hash(contentHash, seed: seed) >> 1)
    }

    /// `queueKey(contentHash:seed:)` from the hash's 32 bytes, hashing their hex digits without building the
    /// hex string (import computes a million of these).
    public static func queueKey(contentHashBytes bytes: UnsafeRawBufferPointer, seed: UInt64) -> Int64 {
        let digits: StaticString = "0123456789abcdef"
        let table = digits.utf8Start
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ mix(seed)
        for b in bytes {
            h = (h ^ UInt64(table[Int(b >> 4)])) &* 0x0000_0100_0000_01B3
            h = (h ^ UInt64(table[Int(b & 0xF)])) &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: mix(h) >> 1)
    }

    /// Whether the item's first-listed response of the pair goes on the RIGHT for this annotator.
    public static func swapped(itemID: Int64, annotator: String, seed: UInt64) -> Bool {
        hash("side|\(itemID)|\(annotator)", seed: seed) & 1 == 1
    }

    /// Whether the annotator's n-th served item (0-based) is a gold item: gold items are spread evenly at
    /// `rate`, starting at a seeded offset so annotators do not meet gold items at the same positions.
    public static func isGoldSlot(_ n: Int, rate: Double, annotator: String, seed: UInt64) -> Bool {
        guard rate > 0 else { return false }
        if rate >= 1 { return true }
        let offset = Double(hash("gold|\(annotator)", seed: seed) % 1_000_000) / 1_000_000
        return floor(Double(n + 1) * rate + offset) > floor(Double(n) * rate + offset)
    }

    /// The order in which gold items are served to one annotator (a per-annotator seeded shuffle).
    public static func goldOrder(itemID: Int64, annotator: String, seed: UInt64) -> UInt64 {
        hash("goldorder|\(annotator)|\(itemID)", seed: seed)
    }

    /// The pair of responses (indices into the item's responses) served for an item with `k` >= 2 responses:
    /// the pair judged least often so far (`counts[pair]`), ties broken by a seeded per-annotator hash.
    /// With k == 2 this is always (0, 1).
    public static func pair(k: Int, counts: [Pair: Int], itemID: Int64, annotator: String, seed: UInt64) -> Pair {
        var best: (Pair, Int, UInt64)?
        for i in 0..<k {
            for j in (i + 1)..<k {
                let p = Pair(i, j)
                let c = counts[p] ?? 0
                let h = hash("pair|\(itemID)|\(annotator)|\(i)|\(j)", seed: seed)
                if best == nil || c < best!.1 || (c == best!.1 && h < best!.2) { best = (p, c, h) }
            }
        }
        return best?.0 ?? Pair(0, 1)
    }

    /// Two response positions of an item, lower first.
    public struct Pair: Hashable, Sendable {
        public let first: Int
        public let second: Int
        public init(_ a: Int, _ b: Int) { first = min(a, b); second = max(a, b) }
    }
}

private func floor(_ x: Double) -> Double { x.rounded(.down) }
