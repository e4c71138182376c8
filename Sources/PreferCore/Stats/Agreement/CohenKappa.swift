/// Cohen's kappa of one annotator pair over the items both rated.
public struct PairKappa: Sendable, Equatable {
    /// First annotator (the lower index in the table).
    public var annotatorA: String
    /// Second annotator.
    public var annotatorB: String
    /// Number of items both rated.
    public var n: Int
    /// Unweighted kappa.
    public var kappa: Estimate
    /// Linearly weighted kappa (undefined at nominal level).
    public var kappaLinear: Estimate
    /// Quadratically weighted kappa (undefined at nominal level).
    public var kappaQuadratic: Estimate
}

/// Cohen's kappa for every annotator pair, unweighted and weighted.
///
/// Source: Cohen (1960) "A coefficient of agreement for nominal scales"; weighted: Cohen (1968) "Weighted
/// kappa", Psychological Bulletin 70. κ_w = 1 − Σ d_kl O_kl / Σ d_kl E_kl with E_kl = r_k c_l / n and
/// disagreement weights d over category ranks in the sorted category list of the whole table:
/// unweighted [k ≠ l], linear |k − l|, quadratic (k − l)² (as scikit-learn's cohen_kappa_score with `labels`).
public enum CohenKappa {
    /// Kappas of every pair with at least `minShared` common items, ordered by annotator index.
    public static func compute(_ t: RatingTable, minShared: Int = 10, weighted: Bool) -> [PairKappa] {
        let pairs = SharedItemPairs(t)
        var result = [PairKappa]()
        let minimum = max(minShared, 1)
        for p in pairs.sortedPairs() {
            let lo = pairs.offset[p.id], hi = pairs.offset[p.id + 1]
            guard hi - lo >= minimum else { continue }
            let a = pairs.first[lo..<hi], b = pairs.second[lo..<hi]
            let q = t.categories.count
            result.append(PairKappa(
                annotatorA: t.annotators[p.a], annotatorB: t.annotators[p.b], n: hi - lo,
                kappa: kappa(a, b, categories: q, weights: .identity),
                kappaLinear: weighted ? kappa(a, b, categories: q, weights: .linear) : .undefined(UndefinedReason.unordered),
                kappaQuadratic: weighted ? kappa(a, b, categories: q, weights: .quadratic) : .undefined(UndefinedReason.unordered)))
        }
        return result
    }

    /// Kappa of two aligned rank sequences (same items in the same order).
    static func kappa(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>, categories q: Int,
                      weights: CategoryWeights) -> Estimate {
        let n = Double(a.count)
        guard n > 0 else { return .undefined("no shared items") }
        var rows = [Double](repeating: 0, count: q), cols = [Double](repeating: 0, count: q)
        var observed = 0.0
        for (x, y) in zip(a, b) {
            rows[Int(x)] += 1; cols[Int(y)] += 1
            let d = Double(x - y)
            switch weights {
            case .identity: observed += x == y ? 0 : 1
            case .linear: observed += abs(d)
            case .quadratic: observed += d * d
            }
        }
        let expected: Double  // Σ_kl r_k c_l d_kl, i.e. n times the chance-expected disagreement
        switch weights {
        case .identity:
            var same = 0.0
            for k in 0..<q { same += rows[k] * cols[k] }
            expected = n * n - same
        case .linear:
            expected = linearSpread(rows, cols)
        case .quadratic:
            // Σ r_k c_l (k − l)² = n Σ r_k (k − ā)² + n Σ c_l (l − b̄)² + n² (ā − b̄)²: no cancellation.
            var meanA = 0.0, meanB = 0.0
            for k in 0..<q { meanA += rows[k] * Double(k); meanB += cols[k] * Double(k) }
            meanA /= n; meanB /= n
            var va = 0.0, vb = 0.0
            for k in 0..<q {
                va += rows[k] * (Double(k) - meanA) * (Double(k) - meanA)
                vb += cols[k] * (Double(k) - meanB) * (Double(k) - meanB)
            }
            expected = n * va + n * vb + n * n * (meanA - meanB) * (meanA - meanB)
        }
        guard expected > 0 else {
            return .undefined("both annotators used one and the same category on all shared items")
        }
        return .of(1 - n * observed / expected)
    }

    /// Σ_kl r_k c_l |k − l| in O(q) with running sums of c below and above k.
    private static func linearSpread(_ rows: [Double], _ cols: [Double]) -> Double {
        let q = rows.count
        var countAbove = cols.reduce(0, +), rankSumAbove = 0.0
        for l in 0..<q { rankSumAbove += cols[l] * Double(l) }
        var countBelow = 0.0, rankSumBelow = 0.0, total = 0.0
        for k in 0..<q {
            // Columns l < k are "below"; l == k contributes 0; move column k out of "above" first.
            countAbove -= cols[k]; rankSumAbove -= cols[k] * Double(k)
            let rank = Double(k)
            let spread = (rank * countBelow - rankSumBelow) + (rankSumAbove - rank * countAbove)
            total += rows[k] * spread
            countBelow += cols[k]; rankSumBelow += cols[k] * rank
        }
        return total
    }
}

/// For every annotator pair that shares items, the two annotators' category ranks on those items,
/// gathered in two linear passes over items (count, then fill).
struct SharedItemPairs {
    /// Entries of pair id p are `offset[p] ..< offset[p + 1]`.
    var offset: [Int] = [0]
    /// Rank given by the lower-index annotator.
    var first: [Int32] = []
    /// Rank given by the higher-index annotator.
    var second: [Int32] = []
    /// Annotator indices of each pair id.
    var members: [(a: Int, b: Int)] = []

    init(_ t: RatingTable) {
        let annotatorCount = t.annotators.count
        // Pair key a·A + b → dense id: a flat table for moderate A, a dictionary beyond.
        let dense = annotatorCount <= 1024
        var denseId = dense ? [Int32](repeating: -1, count: annotatorCount * annotatorCount) : []
        var sparseId = [Int: Int32]()
        var counts = [Int]()
        var members = [(a: Int, b: Int)]()
        func id(_ a: Int, _ b: Int) -> Int {
            let key = a * annotatorCount + b
            let existing = dense ? denseId[key] : (sparseId[key] ?? -1)
            if existing >= 0 { return Int(existing) }
            let new = Int32(counts.count)
            if dense { denseId[key] = new } else { sparseId[key] = new }
            counts.append(0); members.append((a, b))
            return Int(new)
        }
        let ann = t.entryAnnotator, cat = t.entryCategory
        for i in 0..<t.items.count {
            let lo = t.itemStart[i], hi = t.itemStart[i + 1]
            for s in lo..<hi { for u in (s + 1)..<max(hi, s + 1) {
                let x = Int(ann[s]), y = Int(ann[u])
                counts[id(min(x, y), max(x, y))] += 1
            } }
        }
        for c in counts { offset.append(offset[offset.count - 1] + c) }
        var fill = offset
        first = [Int32](repeating: 0, count: offset[offset.count - 1])
        second = first
        for i in 0..<t.items.count {
            let lo = t.itemStart[i], hi = t.itemStart[i + 1]
            for s in lo..<hi { for u in (s + 1)..<max(hi, s + 1) {
                let x = Int(ann[s]), y = Int(ann[u])
                let p = id(min(x, y), max(x, y)), slot = fill[p]
                fill[p] += 1
                if x < y { first[slot] = cat[s]; second[slot] = cat[u] } else { first[slot] = cat[u]; second[slot] = cat[s] }
            } }
        }
        self.members = members
    }

    /// Pair ids ordered by (a, b).
    func sortedPairs() -> [(id: Int, a: Int, b: Int)] {
        members.enumerated().map { (id: $0.offset, a: $0.element.a, b: $0.element.b) }
            .sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }
}
