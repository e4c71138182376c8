/// Observed agreement without chance correction.
public struct PercentAgreement: Sendable, Equatable {
    /// Mean over items (with 2+ ratings) of agreeing unordered pairs / C(n, 2).
    public var perItemMean: Estimate
    /// Σ agreeing pairs / Σ pairs over all items.
    public var pooled: Estimate
    /// Number of items with two or more ratings.
    public var items: Int
}

/// Percent agreement over rating pairs.
public enum PercentAgreementStatistic {
    /// For each item with n >= 2 ratings: agreeing unordered pairs Σ_k C(n_k, 2) over C(n, 2); reports their
    /// mean and the pooled ratio (the "pairwise agreement" of Fleiss 1971, before chance correction).
    public static func compute(_ t: RatingTable) -> PercentAgreement {
        compute(ItemCategoryCounts(t))
    }

    static func compute(_ c: ItemCategoryCounts) -> PercentAgreement {
        var ratioSum = 0.0, agreeSum = 0.0, pairSum = 0.0, items = 0
        for r in 0..<c.rowCount where c.total[r] >= 2 {
            let m = c.total[r]
            var agree = 0.0
            for e in c.start[r]..<c.start[r + 1] { agree += c.count[e] * (c.count[e] - 1) / 2 }
            let pairs = m * (m - 1) / 2
            ratioSum += agree / pairs
            agreeSum += agree
            pairSum += pairs
            items += 1
        }
        guard items > 0 else {
            let u = Estimate.undefined(UndefinedReason.noPairableItems)
            return PercentAgreement(perItemMean: u, pooled: u, items: 0)
        }
        return PercentAgreement(perItemMean: .of(ratioSum / Double(items)), pooled: .of(agreeSum / pairSum),
                                items: items)
    }
}
