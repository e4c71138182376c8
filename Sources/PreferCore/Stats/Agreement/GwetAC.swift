/// Weights over the sorted category list (by rank, not value) for weighted coefficients.
public enum CategoryWeights: String, Sendable, CaseIterable, Codable {
    /// Agreement only on identical categories.
    case identity
    /// Partial credit 1 − |k − l| / (q − 1).
    case linear
    /// Partial credit 1 − (k − l)² / (q − 1)².
    case quadratic

    /// T_w = Σ_kl w_kl over q ranks, in closed form: Σ|k − l| = q(q² − 1)/3, Σ(k − l)² = q²(q² − 1)/6.
    func totalWeight(categories q: Int) -> Double {
        let n = Double(q)
        guard q >= 2 else { return n }
        switch self {
        case .identity: return n
        case .linear: return n * n - n * (n + 1) / 3
        case .quadratic: return n * n - n * n * (n + 1) / (6 * (n - 1))
        }
    }

    /// Disagreement weight 1 − w_kl between category ranks k and l of q categories.
    func disagreement(_ k: Int, _ l: Int, categories q: Int) -> Double {
        if k == l { return 0 }
        let d = Double(abs(k - l)) / Double(max(q - 1, 1))
        switch self {
        case .identity: return 1
        case .linear: return d
        case .quadratic: return d * d
        }
    }
}

/// Gwet's AC1 (nominal) and AC2 (weighted, ordinal) for many raters and unequal rater counts.
///
/// Source: Gwet (2008) "Computing inter-rater reliability and its variance in the presence of high agreement",
/// Br. J. Math. Stat. Psychol. 61; weighted multi-rater form in Gwet, Handbook of Inter-Rater Reliability,
/// 4th ed. (2014), ch. 4, as implemented by R irrCAC `gwet.ac1.raw`:
/// p_a = mean over items with n_i >= 2 of Σ_k n_ik (n*_ik − 1) / (n_i(n_i − 1)), n*_ik = Σ_l w_kl n_il;
/// π_k = mean over all rated items of n_ik / n_i; p_e = T_w / (q(q − 1)) Σ_k π_k (1 − π_k), T_w = Σ_kl w_kl;
/// AC = (p_a − p_e) / (1 − p_e). q is the number of categories observed in the table.
public enum GwetAC {
    /// AC1 with `.identity` weights, AC2 otherwise.
    public static func compute(_ t: RatingTable, weights: CategoryWeights = .identity) -> Estimate {
        compute(ItemCategoryCounts(t), weights: weights)
    }

    static func compute(_ c: ItemCategoryCounts, weights: CategoryWeights) -> Estimate {
        let q = c.categoryCount
        var disagreement = 0.0, pairable = 0.0
        var pi = [Double](repeating: 0, count: q)
        for r in 0..<c.rowCount {
            let m = c.total[r], lo = c.start[r], hi = c.start[r + 1]
            for e in lo..<hi { pi[Int(c.category[e])] += c.count[e] / m }
            guard m >= 2 else { continue }
            // 1 − p_a,i = Σ_kl (1 − w_kl) n_k n_l / (m(m − 1)); the diagonal has no disagreement.
            var d = 0.0
            for e in lo..<hi {
                for f in lo..<hi where f != e {
                    d += weights.disagreement(Int(c.category[e]), Int(c.category[f]), categories: q)
                        * c.count[e] * c.count[f]
                }
            }
            disagreement += d / (m * (m - 1))
            pairable += 1
        }
        guard pairable > 0 else { return .undefined(UndefinedReason.noPairableItems) }
        guard q >= 2 else { return .undefined("only one category observed; AC1/AC2 need at least two") }
        let totalWeight = weights.totalWeight(categories: q)
        let rows = Double(c.rowCount)
        var spread = 0.0
        for k in 0..<q {
            let p = pi[k] / rows
            spread += p * (1 - p)
        }
        let pe = totalWeight / Double(q * (q - 1)) * spread
        let pa = 1 - disagreement / pairable
        return .of((pa - pe) / (1 - pe))
    }
}
