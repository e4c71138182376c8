/// Krippendorff's alpha with missing data at nominal, ordinal, interval and ratio level.
///
/// Source: Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability" (coincidence-matrix method):
/// o_ck = Σ_u (pairs of values c, k from different coders in unit u) / (m_u − 1) over units with m_u >= 2,
/// n_c = Σ_k o_ck, n = Σ_c n_c, α = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck, with
/// δ² nominal [c ≠ k]; interval (c − k)²; ratio ((c − k)/(c + k))²;
/// ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)², which equals (t_k − t_c)² for the mid-ranks
/// t_c = Σ_{g<c} n_g + n_c/2, so ordinal alpha is interval alpha on mid-ranks.
/// Interval sums use deviations from means (Σ_ck n_c n_k (x_c − x_k)² = 2 n Σ_c n_c (x_c − x̄)²) and stay
/// linear in the number of ratings; ratio needs the pairs of distinct values (O(q²) for q distinct values,
/// as in other implementations: fine for rating scales, slow for 10⁵ distinct continuous values).
public enum KrippendorffAlpha {
    /// Alpha of the table at the given level.
    public static func compute(_ t: RatingTable, level: MeasurementLevel) -> Estimate {
        let c = ItemCategoryCounts(t)
        return compute(c, categories: t.categories, rows: c.pairableRows, weights: nil, level: level)
    }

    /// Alpha over the given (pairable) rows, each counted `weights[j]` times (bootstrap) or once.
    static func compute(_ c: ItemCategoryCounts, categories: [Double], rows: [Int], weights: [Double]?,
                        level: MeasurementLevel) -> Estimate {
        var marginal = [Double](repeating: 0, count: c.categoryCount)  // n_c
        for (j, r) in rows.enumerated() {
            let w = weights?[j] ?? 1
            for e in c.start[r]..<c.start[r + 1] { marginal[Int(c.category[e])] += w * c.count[e] }
        }
        let n = marginal.reduce(0, +)
        guard n > 0 else { return .undefined(UndefinedReason.noPairableItems) }
        let observed: Double, expected: Double  // Σ o_ck δ² and Σ n_c n_k δ²
        switch level {
        case .nominal:
            var o = 0.0
            for (j, r) in rows.enumerated() {
                let m = c.total[r]
                o += (weights?[j] ?? 1) * (m * m - c.sumOfSquares(r)) / (m - 1)
            }
            observed = o
            expected = n * n - marginal.reduce(0) { $0 + $1 * $1 }
        case .interval:
            (observed, expected) = intervalSums(c, values: categories, marginal: marginal, rows: rows, weights: weights)
        case .ordinal:
            var midRank = [Double](repeating: 0, count: marginal.count), below = 0.0
            for k in 0..<marginal.count {
                midRank[k] = below + marginal[k] / 2
                below += marginal[k]
            }
            (observed, expected) = intervalSums(c, values: midRank, marginal: marginal, rows: rows, weights: weights)
        case .ratio:
            (observed, expected) = ratioSums(c, values: categories, marginal: marginal, rows: rows, weights: weights)
        }
        guard expected > 0 else { return .undefined(UndefinedReason.oneCategory) }
        return .of(1 - (n - 1) * observed / expected)
    }

    /// Observed and expected sums for the squared-difference metric on `values` (per category).
    private static func intervalSums(_ c: ItemCategoryCounts, values: [Double], marginal: [Double], rows: [Int],
                                     weights: [Double]?) -> (Double, Double) {
        var observed = 0.0
        for (j, r) in rows.enumerated() {
            let w = weights?[j] ?? 1
            guard w > 0 else { continue }
            let m = c.total[r], lo = c.start[r], hi = c.start[r + 1]
            var mean = 0.0
            for e in lo..<hi { mean += c.count[e] * values[Int(c.category[e])] }
            mean /= m
            var squares = 0.0
            for e in lo..<hi {
                let d = values[Int(c.category[e])] - mean
                squares += c.count[e] * d * d
            }
            observed += w * 2 * m * squares / (m - 1)
        }
        let n = marginal.reduce(0, +)
        var mean = 0.0
        for k in 0..<marginal.count { mean += marginal[k] * values[k] }
        mean /= n
        var squares = 0.0
        for k in 0..<marginal.count {
            let d = values[k] - mean
            squares += marginal[k] * d * d
        }
        return (observed, 2 * n * squares)
    }

    /// Observed and expected sums for the ratio metric ((c − k)/(c + k))².
    private static func ratioSums(_ c: ItemCategoryCounts, values: [Double], marginal: [Double], rows: [Int],
                                  weights: [Double]?) -> (Double, Double) {
        func delta(_ a: Double, _ b: Double) -> Double {
            let s = a + b
            guard s != 0 else { return a == b ? 0 : 1 }
            let d = (a - b) / s
            return d * d
        }
        var observed = 0.0
        for (j, r) in rows.enumerated() {
            let w = weights?[j] ?? 1
            guard w > 0 else { continue }
            let lo = c.start[r], hi = c.start[r + 1]
            var sum = 0.0
            for e in lo..<hi {
                for f in (e + 1)..<hi {
                    sum += c.count[e] * c.count[f] * delta(values[Int(c.category[e])], values[Int(c.category[f])])
                }
            }
            observed += w * 2 * sum / (c.total[r] - 1)
        }
        let used = (0..<marginal.count).filter { marginal[$0] > 0 }
        var expected = 0.0
        for (a, k) in used.enumerated() {
            for l in used[(a + 1)...] { expected += marginal[k] * marginal[l] * delta(values[k], values[l]) }
        }
        return (observed, 2 * expected)
    }
}
