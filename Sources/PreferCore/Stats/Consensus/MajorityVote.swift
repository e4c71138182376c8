/// Majority vote for one item: the top category, or nil when the top is tied or there are no votes.
public struct MajorityVoteItem: Codable, Sendable, Equatable {
    public let item: Int
    /// The category with the most votes; nil when undecided (tie between top categories) or unlabelled.
    public let label: Int?
    /// Share of the item's votes held by the top count (also reported when undecided); nil without votes.
    public let share: Double?
    /// Votes per category.
    public let votes: [Int]
}

/// Consensus algorithms over `LabelSet`s (pure functions).
public enum Consensus {
    /// Majority vote per item; a tie between the top categories leaves the item undecided.
    public static func majorityVote(_ set: LabelSet) -> [MajorityVoteItem] {
        set.voteCounts().enumerated().map { item, votes in
            let total = votes.reduce(0, +)
            guard total > 0 else { return MajorityVoteItem(item: item, label: nil, share: nil, votes: votes) }
            return MajorityVoteItem(item: item, label: majority(votes),
                                    share: Double(votes.max() ?? 0) / Double(total), votes: votes)
        }
    }

    /// The unique top category of a vote-count vector, or nil when tied or empty.
    static func majority(_ votes: [Int]) -> Int? {
        guard let top = votes.max(), top > 0 else { return nil }
        let winners = votes.indices.filter { votes[$0] == top }
        return winners.count == 1 ? winners[0] : nil
    }
}
