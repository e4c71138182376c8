import XCTest
@testable import PreferCore

/// Undefined statistics, degenerate tables, items with one rating, unequal rater counts, bootstrap.
final class AgreementEdgeCaseTests: XCTestCase {
    func testOneAnnotatorMakesEveryCoefficientUndefinedWithAReason() {
        let t = AgreementFixtures.table(annotatorRows: [[1, 2, 3, 1, 2]])
        let r = AgreementReport.compute(t, level: .ordinal, minShared: 1, bootstrap: 50)
        for e in [r.percentAgreement, r.krippendorffAlpha, r.fleissKappa, r.gwetAC1, r.gwetAC2Linear] {
            XCTAssertNil(e.value)
            XCTAssertEqual(e.reason, "only one annotator rated anything")
        }
        XCTAssertTrue(r.cohenKappa.isEmpty)
        XCTAssertNil(r.krippendorffAlphaCI)
        XCTAssertEqual(KrippendorffAlpha.compute(t, level: .nominal).reason, "no item has two or more ratings")
    }

    func testIdenticalValuesHaveNoExpectedDisagreement() {
        let t = AgreementFixtures.table(annotatorRows: [[2, 2, 2, 2], [2, 2, 2, nil], [2, nil, 2, 2]])
        for level in MeasurementLevel.allCases {
            let alpha = KrippendorffAlpha.compute(t, level: level)
            XCTAssertNil(alpha.value, "\(level)")
            XCTAssertTrue(alpha.reason?.contains("expected disagreement 0") ?? false, "\(level)")
        }
        XCTAssertNil(FleissKappa.compute(t).value)
        XCTAssertNotNil(FleissKappa.compute(t).reason)
        XCTAssertEqual(GwetAC.compute(t).reason, "only one category observed; AC1/AC2 need at least two")
        let pair = CohenKappa.compute(t, minShared: 1, weighted: true)
        XCTAssertEqual(pair.count, 3)
        XCTAssertTrue(pair.allSatisfy { $0.kappa.value == nil && $0.kappaQuadratic.value == nil && $0.kappa.reason != nil })
        // Observed agreement is still perfect and defined.
        XCTAssertEqual(PercentAgreementStatistic.compute(t).pooled.value, 1)
    }

    func testEmptyTableNeverCrashes() {
        let t = RatingTable(items: [], annotators: [], ratings: [])
        let r = AgreementReport.compute(t, level: .interval, bootstrap: 10)
        XCTAssertEqual(r.nRatings, 0)
        XCTAssertNil(r.krippendorffAlpha.value)
        XCTAssertFalse(r.table().isEmpty)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: r.jsonData()))
    }

    func testItemsWithOneRatingDoNotChangeAlpha() {
        var rows = AgreementFixtures.krippendorff2011
        let with = AgreementFixtures.table(annotatorRows: rows)
        for k in rows.indices { rows[k].removeLast() }  // unit 12 has a single rating
        let without = AgreementFixtures.table(annotatorRows: rows)
        for level in MeasurementLevel.allCases {
            XCTAssertEqual(KrippendorffAlpha.compute(with, level: level), KrippendorffAlpha.compute(without, level: level))
        }
        // Fleiss (Gwet's generalisation) keeps single-rated items in the category shares, so it moves.
        XCTAssertNotEqual(FleissKappa.compute(with), FleissKappa.compute(without))
    }

    /// Fleiss' kappa with unequal rater counts against a direct transcription of the formula over value
    /// lists (Gwet's p_a and π_k), written independently of the count-based implementation.
    func testFleissUnequalCountsMatchesDirectFormula() {
        let items: [[Double]] = [[1, 1, 2], [2, 2], [1, 2, 3, 3], [3, 3, 3, 3, 1], [2, 1], [1, 1, 1, 1], [3]]
        let cats: [Double] = [1, 2, 3]
        var pa = 0.0, pi = [0.0, 0.0, 0.0]
        for v in items {
            let n = Double(v.count)
            for (k, c) in cats.enumerated() { pi[k] += Double(v.filter { $0 == c }.count) / n }
            guard v.count >= 2 else { continue }
            var agreeing = 0.0
            for a in v.indices { for b in v.indices where a != b && v[a] == v[b] { agreeing += 1 } }
            pa += agreeing / (n * (n - 1))
        }
        pa /= Double(items.filter { $0.count >= 2 }.count)
        let pe = pi.map { ($0 / Double(items.count)) * ($0 / Double(items.count)) }.reduce(0, +)
        let expected = (pa - pe) / (1 - pe)
        let got = FleissKappa.compute(AgreementFixtures.table(itemRows: items))
        XCTAssertEqual(got.value ?? .nan, expected, accuracy: 1e-12)
    }

    func testRepeatedRatingReplacesEarlierOneAndBadRatingsAreCounted() {
        let t = RatingTable(items: ["x", "y"], annotators: ["a", "b"], ratings: [
            (0, 0, 1), (0, 1, 2), (0, 0, 2), (1, 0, 1), (1, 1, 1), (5, 0, 1), (0, 1, .nan),
        ])
        XCTAssertEqual(t.ratingCount, 4)
        XCTAssertEqual(t.ignoredRatings, 2)
        XCTAssertEqual(t.values(ofItem: 0).sorted(), [2, 2])
    }

    /// Reference outputs of SplitMix64 for seed 1234567 (Vigna's splitmix64.c).
    func testSplitMix64ReferenceSequence() {
        var g = SplitMix64(seed: 1_234_567)
        XCTAssertEqual([g.next(), g.next(), g.next()],
                       [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
        var h = SplitMix64(seed: 7)
        let draws = (0..<6000).map { _ in h.below(6) }
        XCTAssertEqual(Set(draws), Set(0..<6))
        for face in 0..<6 { XCTAssertEqual(Double(draws.filter { $0 == face }.count), 1000, accuracy: 150) }
    }

    func testBootstrapIsSeededAndBracketsTheEstimate() throws {
        let t = AgreementFixtures.table(annotatorRows: AgreementFixtures.krippendorff2011)
        let a = try XCTUnwrap(Bootstrap.krippendorffAlpha(t, level: .interval, replicates: 400, seed: 42))
        let b = try XCTUnwrap(Bootstrap.krippendorffAlpha(t, level: .interval, replicates: 400, seed: 42))
        let c = try XCTUnwrap(Bootstrap.krippendorffAlpha(t, level: .interval, replicates: 400, seed: 43))
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertLessThan(a.lower, 0.849)
        XCTAssertGreaterThan(a.upper, 0.849)
        XCTAssertLessThanOrEqual(a.upper, 1)
        XCTAssertEqual(a.replicates, 400)
        let f = try XCTUnwrap(Bootstrap.fleissKappa(t, replicates: 200, seed: 1))
        XCTAssertLessThan(f.lower, FleissKappa.compute(t).value ?? .nan)
        XCTAssertGreaterThan(f.upper, FleissKappa.compute(t).value ?? .nan)
    }

    func testPercentileQuantileInterpolates() {
        XCTAssertEqual(Bootstrap.quantile([1, 2, 3, 4, 5], 0.5), 3)
        XCTAssertEqual(Bootstrap.quantile([1, 2, 3, 4], 0.5), 2.5)
        XCTAssertEqual(Bootstrap.quantile([1, 2, 3, 4, 5], 0.025), 1.1, accuracy: 1e-12)
    }

    func testCohenPairsRespectMinShared() {
        // a and b share 3 items, a and c share 1, b and c share none.
        let t = AgreementFixtures.table(annotatorRows: [[1, 2, 1, 2], [1, 2, 2, nil], [nil, nil, nil, 2]])
        XCTAssertEqual(CohenKappa.compute(t, minShared: 2, weighted: false).map { "\($0.annotatorA)-\($0.annotatorB)" },
                       ["rater1-rater2"])
        XCTAssertEqual(CohenKappa.compute(t, minShared: 1, weighted: false).map { "\($0.annotatorA)-\($0.annotatorB)" },
                       ["rater1-rater2", "rater1-rater3"])
    }

    /// Many annotators or categories switch Cohen's kappa from per-pair contingency tables to per-pair rank
    /// lists; both paths must agree exactly.
    func testCohenTableAndListPathsAgree() {
        var rng = SplitMix64(seed: 3)
        var rows = [[Double?]]()
        for _ in 0..<6 {
            rows.append((0..<40).map { _ in rng.below(5) == 0 ? nil : Double(rng.below(4) + 1) })
        }
        let t = AgreementFixtures.table(annotatorRows: rows)
        let viaTables = CohenKappa.compute(t, minShared: 5, weighted: true, maxTableCells: 1 << 23)
        let viaLists = CohenKappa.compute(t, minShared: 5, weighted: true, maxTableCells: 0)
        XCTAssertEqual(viaTables.count, 15)
        XCTAssertEqual(viaTables, viaLists)
    }
}
