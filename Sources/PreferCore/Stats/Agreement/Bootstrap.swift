/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator whose sequence is fixed forever,
/// so bootstrap intervals are reproducible across platforms and Swift versions.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// Next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in 0..<bound (bound > 0), unbiased (Lemire 2019, multiply-and-reject).
    public mutating func below(_ bound: Int) -> Int {
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }
}

/// A percentile bootstrap confidence interval.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    /// Lower bound.
    public var lower: Double
    /// Upper bound.
    public var upper: Double
    /// Coverage, e.g. 0.95.
    public var level: Double
    /// Replicates drawn.
    public var replicates: Int
    /// Replicates whose statistic was defined (the interval is over these).
    public var definedReplicates: Int

    enum CodingKeys: String, CodingKey {
        case lower, upper, level, replicates, definedReplicates = "defined_replicates"
    }
}

/// Percentile bootstrap over items: resample items with replacement, recompute, take quantiles.
public enum Bootstrap {
    /// Interval for `statistic`, which receives each replicate's multiplicity of every unit (0, 1, 2, ...).
    /// Nil when no replicate is defined or `replicates` < 1. Quantiles interpolate linearly (R type 7).
    public static func percentileInterval(units: Int, replicates: Int, level: Double = 0.95, seed: UInt64,
                                          statistic: ([Double]) -> Double?) -> ConfidenceInterval? {
        guard units > 0, replicates > 0, level > 0, level < 1 else { return nil }
        var rng = SplitMix64(seed: seed)
        var values = [Double]()
        values.reserveCapacity(replicates)
        var weights = [Double](repeating: 0, count: units)
        for _ in 0..<replicates {
            for j in 0..<units { weights[j] = 0 }
            for _ in 0..<units { weights[rng.below(units)] += 1 }
            if let v = statistic(weights), v.isFinite { values.append(v) }
        }
        guard !values.isEmpty else { return nil }
        values.sort()
        let tail = (1 - level) / 2
        return ConfidenceInterval(lower: quantile(values, tail), upper: quantile(values, 1 - tail), level: level,
                                  replicates: replicates, definedReplicates: values.count)
    }

    /// Type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Bootstrap interval for Krippendorff's alpha over items with two or more ratings.
    public static func krippendorffAlpha(_ t: RatingTable, level: MeasurementLevel, replicates: Int = 1000,
                                         confidence: Double = 0.95, seed: UInt64 = 1) -> ConfidenceInterval? {
        krippendorffAlpha(ItemCategoryCounts(t), categories: t.categories, level: level, replicates: replicates,
                          confidence: confidence, seed: seed)
    }

    static func krippendorffAlpha(_ c: ItemCategoryCounts, categories: [Double], level: MeasurementLevel,
                                  replicates: Int, confidence: Double, seed: UInt64) -> ConfidenceInterval? {
        let rows = c.pairableRows
        return percentileInterval(units: rows.count, replicates: replicates, level: confidence, seed: seed) {
            KrippendorffAlpha.compute(c, categories: categories, rows: rows, weights: $0, level: level).value
        }
    }

    /// Bootstrap interval for Fleiss' kappa, resampling every rated item.
    public static func fleissKappa(_ t: RatingTable, replicates: Int = 1000, confidence: Double = 0.95,
                                   seed: UInt64 = 1) -> ConfidenceInterval? {
        fleissKappa(ItemCategoryCounts(t), replicates: replicates, confidence: confidence, seed: seed)
    }

    static func fleissKappa(_ c: ItemCategoryCounts, replicates: Int, confidence: Double,
                            seed: UInt64) -> ConfidenceInterval? {
        let rows = c.ratedRows
        return percentileInterval(units: rows.count, replicates: replicates, level: confidence, seed: seed) {
            FleissKappa.compute(c, rows: rows, weights: $0).value
        }
    }
}
