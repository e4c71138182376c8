extension Consensus {
    /// Final label per item: an adjudicated label (item -> category) wins over the consensus label.
    public static func finalLabels(consensus: [Int?], adjudicated: [Int: Int]) -> [Int?] {
        consensus.enumerated().map { item, label in adjudicated[item] ?? label }
    }
}
