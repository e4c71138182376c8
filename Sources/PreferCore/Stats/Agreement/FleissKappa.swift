/// Fleiss' kappa for many raters, generalised to items with unequal numbers of ratings.
///
/// Source: Fleiss (1971) "Measuring nominal scale agreement among many raters", Psychological Bulletin 76;
/// unequal counts as in Gwet, Handbook of Inter-Rater Reliability, 4th ed. (2014), ch. 2 (Fleiss' generalized
/// kappa): p_a = mean over items of Σ_k n_ik(n_ik − 1) / (n_i(n_i − 1)), π_k = mean over items of n_ik / n_i,
/// p_e = Σ_k π_k², κ = (p_a − p_e) / (1 − p_e). With equal n_i this is classical Fleiss.
/// As in Gwet (and R irrCAC's fleiss.kappa.raw), p_a averages over items with 2 or more ratings while π_k
/// averages over every rated item, single-rated ones included (Krippendorff 2011 data: 0.76117, as irrCAC).
public enum FleissKappa {
    /// Fleiss' kappa of the table (nominal: values are treated as unordered categories).
    public static func compute(_ t: RatingTable) -> Estimate {
        let c = ItemCategoryCounts(t)
        return compute(c, rows: c.ratedRows, weights: nil)
    }

    /// Kappa over the given rated rows, each counted `weights[j]` times (bootstrap) or once.
    static func compute(_ c: ItemCategoryCounts, rows: [Int], weights: [Double]?) -> Estimate {
        var pi = [Double](repeating: 0, count: c.categoryCount)
        var disagreement = 0.0, itemWeight = 0.0, pairWeight = 0.0
        for (j, r) in rows.enumerated() {
            let w = weights?[j] ?? 1
            let m = c.total[r]
            guard w > 0, m >= 1 else { continue }
            if m >= 2 {
                // 1 − p_a,i = (m² − Σ n_k²) / (m(m − 1)): exact in integers, no cancellation.
                disagreement += w * (m * m - c.sumOfSquares(r)) / (m * (m - 1))
                pairWeight += w
            }
            for e in c.start[r]..<c.start[r + 1] { pi[Int(c.category[e])] += w * c.count[e] / m }
            itemWeight += w
        }
        guard pairWeight > 0 else { return .undefined(UndefinedReason.noPairableItems) }
        // 1 − p_e = Σ π_k (1 − π_k), which avoids subtracting Σ π_k² from 1.
        var chanceDisagreement = 0.0
        for k in 0..<pi.count {
            let p = pi[k] / itemWeight
            chanceDisagreement += p * (1 - p)
        }
        guard pi.filter({ $0 > 0 }).count > 1, chanceDisagreement > 0 else {
            return .undefined(UndefinedReason.oneCategory)
        }
        return .of(1 - (disagreement / pairWeight) / chanceDisagreement)
    }
}
