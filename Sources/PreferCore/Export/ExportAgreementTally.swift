/// The manifest's agreement figures accumulated judged pair by judged pair, in constant memory: the same
/// numbers, bit for bit, as `PercentAgreementStatistic` and nominal `KrippendorffAlpha` over a `RatingTable`
/// of all the ratings (one table item per judged pair), because every floating-point sum is taken in the
/// same order (pair order) over the same per-pair terms; the other sums add whole numbers, which are exact.
///
/// Per pair with m >= 2 ratings and n_k ratings in category k: percent agreement adds Σ_k C(n_k, 2) / C(m, 2);
/// alpha's coincidence sums add (m² − Σ_k n_k²) / (m − 1) and n_k to the marginals (Krippendorff 2011).
public struct ExportAgreementTally: Sendable, Equatable {
    /// Alpha's marginals n_c per category (0 first better, 1 second better, 2 tie, 3 both bad), pairable pairs only.
    private var marginal = [Double](repeating: 0, count: 4)
    /// Σ over pairable pairs of (m² − Σ n_k²) / (m − 1): alpha's observed disagreement sum.
    private var observed = 0.0
    /// Percent agreement sums: per-pair ratios, agreeing rating pairs, all rating pairs.
    private var ratioSum = 0.0, agreeSum = 0.0, pairSum = 0.0
    /// Judged pairs with two or more ratings.
    public private(set) var pairableItems = 0

    /// Nothing tallied.
    public init() {}

    /// Adds one judged pair's votes as (annotator index, category 0...3), in judgment id order. A repeated
    /// annotator counts once, with its later vote, as `RatingTable` does.
    public mutating func add(pair ratings: [(annotator: Int32, category: Int)]) {
        var counts = (0, 0, 0, 0)
        var m = 0
        for (i, r) in ratings.enumerated() where !ratings[(i + 1)...].contains(where: { $0.annotator == r.annotator }) {
            switch r.category {
            case 0: counts.0 += 1
            case 1: counts.1 += 1
            case 2: counts.2 += 1
            default: counts.3 += 1
            }
            m += 1
        }
        guard m >= 2 else { return }
        let n = [Double(counts.0), Double(counts.1), Double(counts.2), Double(counts.3)]
        let total = Double(m)
        var squares = 0.0, agree = 0.0
        for k in 0..<4 {
            squares += n[k] * n[k]
            agree += n[k] * (n[k] - 1) / 2
            marginal[k] += n[k]
        }
        observed += (total * total - squares) / (total - 1)
        let pairs = total * (total - 1) / 2
        ratioSum += agree / pairs
        agreeSum += agree
        pairSum += pairs
        pairableItems += 1
    }

    /// Percent agreement: pooled, and the mean over pairs with two or more ratings.
    public var percentAgreement: PercentAgreement {
        guard pairableItems > 0 else {
            let u = Estimate.undefined(UndefinedReason.noPairableItems)
            return PercentAgreement(perItemMean: u, pooled: u, items: 0)
        }
        return PercentAgreement(perItemMean: .of(ratioSum / Double(pairableItems)), pooled: .of(agreeSum / pairSum),
                                items: pairableItems)
    }

    /// Krippendorff's alpha, nominal.
    public var alphaNominal: Estimate {
        let n = marginal.reduce(0, +)
        guard n > 0 else { return .undefined(UndefinedReason.noPairableItems) }
        let expected = n * n - marginal.reduce(0) { $0 + $1 * $1 }
        guard expected > 0 else { return .undefined(UndefinedReason.oneCategory) }
        return .of(1 - (n - 1) * observed / expected)
    }
}
