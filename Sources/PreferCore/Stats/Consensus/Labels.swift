/// Categorical labels: one per (item, annotator); categories 0..<k.
public struct LabelSet: Sendable {
    /// One label given by one annotator to one item.
    public struct Label: Sendable, Hashable {
        public let item: Int
        public let annotator: Int
        public let category: Int
    }

    public let nItems: Int
    public let nAnnotators: Int
    public let nCategories: Int
    public let labels: [Label]

    /// Validates indices and rejects a second label from the same annotator on the same item.
    public init(nItems: Int, nAnnotators: Int, nCategories: Int,
                labels: [(item: Int, annotator: Int, category: Int)]) throws {
        guard nItems >= 0, nAnnotators >= 0, nCategories >= 1 else {
            throw ConsensusError("label set needs nItems >= 0, nAnnotators >= 0, nCategories >= 1 "
                + "(got \(nItems), \(nAnnotators), \(nCategories))")
        }
        // One Int per (item, annotator) pair, not a two-element array: no allocation per label.
        var seen = Set<Int>()
        seen.reserveCapacity(labels.count)
        var checked: [Label] = []
        checked.reserveCapacity(labels.count)
        for (index, l) in labels.enumerated() {
            try Self.check(l.item, nItems, "item", index)
            try Self.check(l.annotator, nAnnotators, "annotator", index)
            try Self.check(l.category, nCategories, "category", index)
            guard seen.insert(l.item &* nAnnotators &+ l.annotator).inserted else {
                throw ConsensusError("label \(index): annotator \(l.annotator) already labelled item \(l.item)")
            }
            checked.append(Label(item: l.item, annotator: l.annotator, category: l.category))
        }
        self.nItems = nItems
        self.nAnnotators = nAnnotators
        self.nCategories = nCategories
        self.labels = checked
    }

    private static func check(_ value: Int, _ bound: Int, _ field: String, _ index: Int) throws {
        guard value >= 0, value < bound else {
            throw ConsensusError("label \(index): \(field) \(value) is outside 0..<\(bound)")
        }
    }

    /// Labels grouped by item (index = item).
    func labelsByItem() -> [[Label]] {
        var out = [[Label]](repeating: [], count: nItems)
        for l in labels { out[l.item].append(l) }
        return out
    }

    /// Vote counts per category for each item.
    func voteCounts() -> [[Int]] {
        var out = [[Int]](repeating: [Int](repeating: 0, count: nCategories), count: nItems)
        for l in labels { out[l.item][l.category] += 1 }
        return out
    }
}

/// A consensus or model-score input that cannot be used, with a message naming the offending entry.
public struct ConsensusError: Error, Equatable, CustomStringConvertible {
    public let message: String
    /// Creates an error with a human-readable message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
