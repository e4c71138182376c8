/// A set of judgment ids as one bit per id (125 kB per million ids): how a streamed export remembers which
/// judgments it used, so that the dataset hash can take them in id order afterwards without keeping a
/// record per judgment.
public struct JudgmentIDSet: Sendable, Equatable {
    private var words: [UInt64] = []
    /// Ids below zero (SQLite row ids start at 1, but a hand-edited database may hold any), kept as they are.
    private var negative = Set<Int64>()
    /// Number of ids in the set.
    public private(set) var count = 0
    /// The smallest and largest id in the set.
    public private(set) var range: ClosedRange<Int64>?

    /// An empty set.
    public init() {}

    /// Adds `id`.
    public mutating func insert(_ id: Int64) {
        if id < 0 {
            guard negative.insert(id).inserted else { return }
        } else {
            let w = Int(id >> 6), bit = UInt64(1) << UInt64(id & 63)
            if w >= words.count { words += [UInt64](repeating: 0, count: max(w + 1 - words.count, words.count)) }
            guard words[w] & bit == 0 else { return }
            words[w] |= bit
        }
        count += 1
        range = range.map { min($0.lowerBound, id)...max($0.upperBound, id) } ?? id...id
    }

    /// Whether `id` is in the set.
    public func contains(_ id: Int64) -> Bool {
        guard id >= 0 else { return negative.contains(id) }
        let w = Int(id >> 6)
        return w < words.count && words[w] & (UInt64(1) << UInt64(id & 63)) != 0
    }
}
