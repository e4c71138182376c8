/// What to do with responses that have no model name.
public enum UnknownModelPolicy: String, CaseIterable, Sendable {
    /// Grouped under the name "(unknown)".
    case group
    /// Their comparisons are left out.
    case exclude
}

/// Votes turned into model-vs-model comparisons for Bradley-Terry.
public struct ModelComparisons: Sendable {
    /// The name unnamed responses are grouped under.
    public static let unknownName = "(unknown)"

    /// Model names, sorted.
    public var models: [String]
    /// Decisive comparisons (indices into `models`).
    public var wins: [(winner: Int, loser: Int)]
    /// Ties, including both-bad judgments (neither response preferred).
    public var ties: [(a: Int, b: Int)]
    /// Votes comparing two responses of the same model (no information about models).
    public var sameModel: Int
    /// Votes left out because a response had no model name (with `.exclude`).
    public var unknownExcluded: Int
    /// Votes with a response that has no model name (grouped or excluded).
    public var unknownVotes: Int

    /// Every vote is one comparison between the models of its two responses; both-bad counts as a tie.
    public init(_ votes: [VoteRecord], unknown: UnknownModelPolicy = .group) {
        var sameModel = 0, unknownExcluded = 0, unknownVotes = 0
        var pairs: [(String, String, Int)] = []  // first model, second model, sign of the choice
        for v in votes {
            if v.firstModel == nil || v.secondModel == nil {
                unknownVotes += 1
                if unknown == .exclude { unknownExcluded += 1; continue }
            }
            let first = v.firstModel ?? Self.unknownName, second = v.secondModel ?? Self.unknownName
            if first == second { sameModel += 1; continue }
            pairs.append((first, second, v.bothBad ? 0 : v.choice.signum()))
        }
        let models = Set(pairs.flatMap { [$0.0, $0.1] }).sorted()
        var index: [String: Int] = [:]
        for (i, m) in models.enumerated() { index[m] = i }
        var wins: [(winner: Int, loser: Int)] = [], ties: [(a: Int, b: Int)] = []
        for (f, s, sign) in pairs {
            let a = index[f] ?? 0, b = index[s] ?? 0
            switch sign {
            case ..<0: wins.append((a, b))
            case 0: ties.append((a, b))
            default: wins.append((b, a))
            }
        }
        self.models = models; self.wins = wins; self.ties = ties
        self.sameModel = sameModel; self.unknownExcluded = unknownExcluded; self.unknownVotes = unknownVotes
    }
}
