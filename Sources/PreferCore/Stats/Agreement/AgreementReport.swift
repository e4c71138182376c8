import Foundation

/// Every agreement coefficient of one rating table, for `prefer agreement` (JSON, table or CSV output).
public struct AgreementReport: Sendable, Equatable {
    /// Measurement level the coefficients were computed at.
    public var level: MeasurementLevel
    /// Items with at least one rating.
    public var nItems: Int
    /// Items with two or more ratings (the ones that carry agreement information).
    public var nPairableItems: Int
    /// Annotators with at least one rating.
    public var nAnnotators: Int
    /// Ratings.
    public var nRatings: Int
    /// Distinct values.
    public var nCategories: Int
    /// Mean per-item pairwise agreement.
    public var percentAgreement: Estimate
    /// Pooled pairwise agreement.
    public var percentAgreementPooled: Estimate
    /// Krippendorff's alpha at `level`.
    public var krippendorffAlpha: Estimate
    /// Bootstrap interval for alpha (nil when not requested or undefined).
    public var krippendorffAlphaCI: ConfidenceInterval?
    /// Fleiss' kappa (nominal).
    public var fleissKappa: Estimate
    /// Bootstrap interval for Fleiss' kappa.
    public var fleissKappaCI: ConfidenceInterval?
    /// Gwet's AC1.
    public var gwetAC1: Estimate
    /// Gwet's AC2 with linear weights (undefined at nominal level).
    public var gwetAC2Linear: Estimate
    /// Gwet's AC2 with quadratic weights (undefined at nominal level).
    public var gwetAC2Quadratic: Estimate
    /// Cohen's kappa per annotator pair with at least `minShared` common items.
    public var cohenKappa: [PairKappa]
    /// Minimum shared items for a Cohen pair.
    public var minShared: Int
    /// Bootstrap replicates (0: no intervals).
    public var bootstrap: Int
    /// Bootstrap seed.
    public var seed: UInt64

    /// Computes all coefficients; weighted variants only for ordinal, interval and ratio levels.
    public static func compute(_ t: RatingTable, level: MeasurementLevel, minShared: Int = 10, bootstrap: Int = 0,
                               seed: UInt64 = 1) -> AgreementReport {
        let counts = ItemCategoryCounts(t)
        let rows = counts.pairableRows
        let ordered = level != .nominal
        let single = t.activeAnnotatorCount < 2 ? "only one annotator rated anything" : nil
        func guarded(_ e: Estimate) -> Estimate { single.map { .undefined($0) } ?? e }
        let percent = PercentAgreementStatistic.compute(counts)
        let unordered = Estimate.undefined(UndefinedReason.unordered)
        var report = AgreementReport(
            level: level, nItems: counts.rowCount, nPairableItems: rows.count, nAnnotators: t.activeAnnotatorCount,
            nRatings: t.ratingCount, nCategories: t.categories.count,
            percentAgreement: guarded(percent.perItemMean), percentAgreementPooled: guarded(percent.pooled),
            krippendorffAlpha: guarded(KrippendorffAlpha.compute(counts, categories: t.categories, rows: rows,
                                                                 weights: nil, level: level)),
            krippendorffAlphaCI: nil,
            fleissKappa: guarded(FleissKappa.compute(counts, rows: counts.ratedRows, weights: nil)), fleissKappaCI: nil,
            gwetAC1: guarded(GwetAC.compute(counts, weights: .identity)),
            gwetAC2Linear: ordered ? guarded(GwetAC.compute(counts, weights: .linear)) : unordered,
            gwetAC2Quadratic: ordered ? guarded(GwetAC.compute(counts, weights: .quadratic)) : unordered,
            cohenKappa: CohenKappa.compute(t, minShared: minShared, weighted: ordered),
            minShared: minShared, bootstrap: max(bootstrap, 0), seed: seed)
        if bootstrap > 0 {
            if report.krippendorffAlpha.value != nil {
                report.krippendorffAlphaCI = Bootstrap.krippendorffAlpha(
                    counts, categories: t.categories, level: level, replicates: bootstrap, confidence: 0.95, seed: seed)
            }
            if report.fleissKappa.value != nil {
                report.fleissKappaCI = Bootstrap.fleissKappa(counts, replicates: bootstrap, confidence: 0.95, seed: seed)
            }
        }
        return report
    }
}
