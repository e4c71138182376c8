import XCTest
@testable import PreferCore

/// Coefficients against numbers printed in papers, textbooks and reference packages.
final class AgreementPublishedExamplesTests: XCTestCase {
    let reliability = AgreementFixtures.table(annotatorRows: AgreementFixtures.krippendorff2011)

    /// Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", worked example with missing data:
    /// nominal .743, ordinal .815, interval .849, ratio .797. The Python `krippendorff` package (0.8) gives
    /// 0.743421052631579, 0.8153875037548814, 0.8491071428571428, 0.7974027747116121.
    func testKrippendorffAlphaAllLevels() {
        let expected: [(MeasurementLevel, Double)] = [
            (.nominal, 0.743421052631579), (.ordinal, 0.8153875037548814),
            (.interval, 0.8491071428571428), (.ratio, 0.7974027747116121),
        ]
        for (level, value) in expected {
            let alpha = KrippendorffAlpha.compute(reliability, level: level)
            XCTAssertEqual(alpha.value ?? .nan, value, accuracy: 1e-12, "\(level)")
            XCTAssertNil(alpha.reason)
        }
    }

    /// Same data in R irrCAC's `cac.raw4raters` (Gwet, Handbook 4th ed.): gwet.ac1.raw gives pa 0.8181818,
    /// AC1 0.77544; krippen.alpha.raw 0.74342.
    func testGwetAC1AndPercentAgreementOnIrrCACExample() {
        // irrCAC fleiss.kappa.raw(cac.raw4raters): 0.76117 (single-rated unit 12 counts in the category shares).
        XCTAssertEqual(FleissKappa.compute(reliability).value ?? .nan, 0.76117, accuracy: 5e-6)
        XCTAssertEqual(GwetAC.compute(reliability).value ?? .nan, 0.77544, accuracy: 5e-6)
        let pa = PercentAgreementStatistic.compute(reliability)
        XCTAssertEqual(pa.perItemMean.value ?? .nan, 0.8181818, accuracy: 5e-8)
        XCTAssertEqual(pa.items, 11)
    }

    /// Fleiss (1971) 30 patients x 6 psychiatrists, 5 diagnoses; R irr kappam.fleiss(diagnoses) = 0.4302445
    /// (paper: .430). Rows as in irr's `diagnoses` (also statsmodels' test data).
    func testFleiss1971Diagnoses() {
        let rows: [[Double]] = [
            [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
            [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
            [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
            [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
            [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
            [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
        ]
        let kappa = FleissKappa.compute(AgreementFixtures.table(itemRows: rows))
        XCTAssertEqual(kappa.value ?? .nan, 0.4302445, accuracy: 5e-8)
    }

    /// Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories, κ = 0.210
    /// (P̄ = 0.378, P̄e = 0.213).
    func testFleissWikipediaExample() {
        let counts = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let t = AgreementFixtures.table(counts: counts)
        XCTAssertEqual(FleissKappa.compute(t).value ?? .nan, 0.210, accuracy: 5e-4)
        XCTAssertEqual(PercentAgreementStatistic.compute(t).perItemMean.value ?? .nan, 0.378, accuracy: 5e-4)
    }

    /// SAS PROC FREQ example reproduced in statsmodels' tests: table [[0,4,1],[0,8,0],[0,1,5]],
    /// simple kappa 0.4842, weighted kappa with scores 0,1,2 (linear, Cicchetti-Allison) 0.4701.
    func testCohenKappaSASExample() {
        let t = AgreementFixtures.table(contingency: [[0, 4, 1], [0, 8, 0], [0, 1, 5]])
        let pairs = CohenKappa.compute(t, minShared: 1, weighted: true)
        XCTAssertEqual(pairs.count, 1)
        XCTAssertEqual(pairs.first?.n, 19)
        XCTAssertEqual(pairs.first?.kappa.value ?? .nan, 0.4842, accuracy: 5e-5)
        XCTAssertEqual(pairs.first?.kappaLinear.value ?? .nan, 0.4701, accuracy: 5e-5)
    }

    /// R irr kappa2 on the `anxiety` data, raters 2 and 3 (values as in statsmodels' tests):
    /// unweighted -0.006289308, "equal" (linear) 0.1459075, "squared" (quadratic) 0.2520325. irr, like
    /// this implementation, weights by rank among the observed categories (1, 2, 3, 4, 6).
    func testWeightedCohenKappaIrrAnxiety() {
        let rater2: [Double?] = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
        let rater3: [Double?] = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]
        let pairs = CohenKappa.compute(AgreementFixtures.table(annotatorRows: [rater2, rater3]), weighted: true)
        XCTAssertEqual(pairs.first?.kappa.value ?? .nan, -0.006289308, accuracy: 5e-9)
        XCTAssertEqual(pairs.first?.kappaLinear.value ?? .nan, 0.1459075, accuracy: 5e-8)
        XCTAssertEqual(pairs.first?.kappaQuadratic.value ?? .nan, 0.2520325, accuracy: 5e-8)
    }

    /// Wikipedia "Cohen's kappa" example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15: κ = 0.4.
    func testCohenKappaWikipediaExample() {
        let t = AgreementFixtures.table(contingency: [[20, 5], [10, 15]])
        XCTAssertEqual(CohenKappa.compute(t, weighted: false).first?.kappa.value ?? .nan, 0.4, accuracy: 1e-12)
    }
}
