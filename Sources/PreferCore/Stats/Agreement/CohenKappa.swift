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
        compute(t, minShared: minShared, weighted: weighted, maxTableCells: 1 << 23)
    }

    /// Few annotators and categories: one contingency table per annotator pair, filled in a single pass.
    /// Otherwise (more than `maxTableCells` cells) the shared items are gathered per pair as rank lists.
    static func compute(_ t: RatingTable, minShared: Int, weighted: Bool, maxTableCells: Int) -> [PairKappa] {
        let q = t.categories.count, annotatorCount = t.annotators.count
        let minimum = max(minShared, 1)
        var result = [PairKappa]()
        func add(_ a: Int, _ b: Int, _ tally: PairTally) {
            guard tally.n >= Double(minimum) else { return }
            let unordered = Estimate.undefined(UndefinedReason.unordered)
            result.append(PairKappa(
                annotatorA: t.annotators[a], annotatorB: t.annotators[b], n: Int(tally.n),
                kappa: tally.kappa(.identity),
                kappaLinear: weighted ? tally.kappa(.linear) : unordered,
                kappaQuadratic: weighted ? tally.kappa(.quadratic) : unordered))
        }
        let (square, overflow) = (annotatorCount * q).multipliedReportingOverflow(by: annotatorCount * q)
        if !overflow, square <= maxTableCells {
            let cells = contingencyTables(t)
            for a in 0..<annotatorCount {
                for b in (a + 1)..<max(annotatorCount, a + 1) {
                    let base = (a * annotatorCount + b) * q * q
                    add(a, b, PairTally(table: cells[base..<(base + q * q)], categories: q))
                }
            }
        } else {
            let pairs = SharedItemPairs(t)
            for p in pairs.sortedPairs() {
                let lo = pairs.offset[p.id], hi = pairs.offset[p.id + 1]
                add(p.a, p.b, PairTally(pairs.first[lo..<hi], pairs.second[lo..<hi], categories: q))
            }
        }
        return result
    }

    /// Cell ((a·A + b)·q + k)·q + l counts items rated rank k by annotator a and rank l by b (a < b).
    private static func contingencyTables(_ t: RatingTable) -> [Int32] {
        let q = t.categories.count, annotatorCount = t.annotators.count
        var cells = [Int32](repeating: 0, count: annotatorCount * annotatorCount * q * q)
        let ann = t.entryAnnotator, cat = t.entryCategory
        for i in 0..<t.items.count {
            let lo = t.itemStart[i], hi = t.itemStart[i + 1]
            for s in lo..<hi { for u in (s + 1)..<max(hi, s + 1) {
                let x = Int(ann[s]), y = Int(ann[u])
                let (a, k, b, l) = x < y ? (x, Int(cat[s]), y, Int(cat[u])) : (y, Int(cat[u]), x, Int(cat[s]))
                cells[((a * annotatorCount + b) * q + k) * q + l] += 1
            } }
        }
        return cells
    }
}

/// What kappa needs about one pair: shared items n, rank marginals of both annotators, and the observed
/// disagreement sums Σ d(k, l) for each weighting (all exact integer counts held in Doubles).
struct PairTally {
    var n = 0.0
    var rows: [Double], cols: [Double]
    var observedIdentity = 0.0, observedLinear = 0.0, observedQuadratic = 0.0

    /// From a q×q contingency table (row-major).
    init(table: ArraySlice<Int32>, categories q: Int) {
        rows = [Double](repeating: 0, count: q); cols = rows
        var cell = table.startIndex
        for k in 0..<q {
            for l in 0..<q {
                let c = Double(table[cell])
                cell += 1
                guard c > 0 else { continue }
                rows[k] += c; cols[l] += c; n += c
                let d = Double(k - l)
                if k != l { observedIdentity += c }
                observedLinear += c * abs(d)
                observedQuadratic += c * d * d
            }
        }
    }

    /// From two aligned rank sequences (same items in the same order).
    init(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>, categories q: Int) {
        rows = [Double](repeating: 0, count: q); cols = rows
        for (x, y) in zip(a, b) {
            rows[Int(x)] += 1; cols[Int(y)] += 1
            let d = Double(x - y)
            if x != y { observedIdentity += 1 }
            observedLinear += abs(d)
            observedQuadratic += d * d
        }
        n = Double(a.count)
    }

    /// κ_w = 1 − n Σ d O / Σ r_k c_l d_kl.
    func kappa(_ weights: CategoryWeights) -> Estimate {
        guard n > 0 else { return .undefined("no shared items") }
        let q = rows.count
        let observed: Double, expected: Double  // expected: Σ_kl r_k c_l d_kl, n times the chance disagreement
        switch weights {
        case .identity:
            var same = 0.0
            for k in 0..<q { same += rows[k] * cols[k] }
            observed = observedIdentity
            expected = n * n - same
        case .linear:
            observed = observedLinear
            expected = CohenKappa.linearSpread(rows, cols)
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
            observed = observedQuadratic
            expected = n * va + n * vb + n * n * (meanA - meanB) * (meanA - meanB)
        }
        guard expected > 0 else {
            return .undefined("both annotators used one and the same category on all shared items")
        }
        return .of(1 - n * observed / expected)
    }
}

extension CohenKappa {
    /// Σ_kl r_k c_l |k − l| in O(q) with running sums of c below and above k.
    static func linearSpread(_ rows: [Double], _ cols: [Double]) -> Double {
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
        let annotatorCount = t.annotators.count, ann = t.entryAnnotator, cat = t.entryCategory
        var coRatings = 0
        for i in 0..<t.items.count {
            let m = t.itemStart[i + 1] - t.itemStart[i]
            coRatings += m * (m - 1) / 2
        }
        // Pass 1: count co-ratings per pair. Pair key a·A + b → id through a flat table for moderate A,
        // a dictionary beyond (no closure here: captured variables would be boxed in the hot loop).
        let dense = annotatorCount <= 1024
        var denseId = [Int32](repeating: -1, count: dense ? annotatorCount * annotatorCount : 0)
        var sparseId = [Int: Int32]()
        var counts = [Int](), members = [(a: Int, b: Int)]()
        for i in 0..<t.items.count {
            let lo = t.itemStart[i], hi = t.itemStart[i + 1]
            for s in lo..<hi { for u in (s + 1)..<max(hi, s + 1) {
                let x = Int(ann[s]), y = Int(ann[u])
                let a = min(x, y), b = max(x, y), key = a * annotatorCount + b
                var p = dense ? denseId[key] : (sparseId[key] ?? -1)
                if p < 0 {
                    p = Int32(counts.count)
                    if dense { denseId[key] = p } else { sparseId[key] = p }
                    counts.append(0)
                    members.append((a, b))
                }
                counts[Int(p)] += 1
            } }
        }
        // Pass 2: place both ranks of each co-rating in its pair's block.
        offset.reserveCapacity(counts.count + 1)
        for c in counts { offset.append(offset[offset.count - 1] + c) }
        var fill = offset
        var first = [Int32](repeating: 0, count: coRatings), second = first
        for i in 0..<t.items.count {
            let lo = t.itemStart[i], hi = t.itemStart[i + 1]
            for s in lo..<hi { for u in (s + 1)..<max(hi, s + 1) {
                let x = Int(ann[s]), y = Int(ann[u])
                let key = min(x, y) * annotatorCount + max(x, y)
                let p = Int(dense ? denseId[key] : (sparseId[key] ?? 0)), slot = fill[p]
                fill[p] += 1
                if x < y { first[slot] = cat[s]; second[slot] = cat[u] } else { first[slot] = cat[u]; second[slot] = cat[s] }
            } }
        }
        self.first = first
        self.second = second
        self.members = members
    }

    /// Pair ids ordered by (a, b).
    func sortedPairs() -> [(id: Int, a: Int, b: Int)] {
        members.enumerated().map { (id: $0.offset, a: $0.element.a, b: $0.element.b) }
            .sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }
}
