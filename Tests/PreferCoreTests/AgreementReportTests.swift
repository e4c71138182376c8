import XCTest
@testable import PreferCore

/// The report the CLI prints: stable snake_case JSON, null + reason for undefined values, table and CSV.
final class AgreementReportTests: XCTestCase {
    let reliability = AgreementFixtures.table(annotatorRows: AgreementFixtures.krippendorff2011)

    private func object(_ r: AgreementReport) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: r.jsonData()) as? [String: Any])
    }

    func testJSONHasStableKeysAndPublishedValues() throws {
        let json = try object(AgreementReport.compute(reliability, level: .ordinal, minShared: 2))
        for key in ["n_items", "n_annotators", "n_ratings", "level", "percent_agreement", "krippendorff_alpha",
                    "krippendorff_alpha_reason", "fleiss_kappa", "gwet_ac1", "gwet_ac2_linear", "cohen_kappa",
                    "krippendorff_alpha_ci"] {
            XCTAssertNotNil(json[key], key)
        }
        XCTAssertEqual(json["level"] as? String, "ordinal")
        XCTAssertEqual(json["n_items"] as? Int, 12)
        XCTAssertEqual(json["n_annotators"] as? Int, 4)
        XCTAssertEqual(json["n_ratings"] as? Int, 41)
        XCTAssertEqual(json["krippendorff_alpha"] as? Double ?? .nan, 0.8153875037548814, accuracy: 1e-12)
        XCTAssertTrue(json["krippendorff_alpha_reason"] is NSNull)
        let pairs = try XCTUnwrap(json["cohen_kappa"] as? [[String: Any]])
        XCTAssertEqual(pairs.count, 6)
        let first = try XCTUnwrap(pairs.first)
        XCTAssertEqual(first["annotator_a"] as? String, "rater1")
        XCTAssertEqual(first["annotator_b"] as? String, "rater2")
        XCTAssertEqual(first["n"] as? Int, 9)
        for key in ["kappa", "kappa_linear", "kappa_quadratic"] { XCTAssertTrue(first[key] is Double, key) }
    }

    func testUndefinedValuesAreNullWithSiblingReason() throws {
        let t = AgreementFixtures.table(annotatorRows: [[1, 1, 1], [1, 1, 1]])
        let json = try object(AgreementReport.compute(t, level: .nominal))
        XCTAssertTrue(json["krippendorff_alpha"] is NSNull)
        XCTAssertTrue((json["krippendorff_alpha_reason"] as? String)?.contains("expected disagreement 0") ?? false)
        XCTAssertTrue(json["gwet_ac2_linear"] is NSNull)
        XCTAssertEqual(json["gwet_ac2_linear_reason"] as? String,
                       "weighted coefficients need ordinal, interval or ratio level")
        XCTAssertFalse(String(decoding: AgreementReport.compute(t, level: .nominal).jsonData(), as: UTF8.self)
            .lowercased().contains("nan"))
    }

    func testJSONIsDeterministicAndRoundTrips() throws {
        let r = AgreementReport.compute(reliability, level: .interval, minShared: 2, bootstrap: 100, seed: 9)
        XCTAssertEqual(r.jsonData(), AgreementReport.compute(reliability, level: .interval, minShared: 2,
                                                             bootstrap: 100, seed: 9).jsonData())
        XCTAssertNotNil(r.krippendorffAlphaCI)
        let decoded = try JSONDecoder().decode(AgreementReport.self, from: r.jsonData())
        XCTAssertEqual(decoded, r)
        let ci = try XCTUnwrap(try object(r)["krippendorff_alpha_ci"] as? [String: Any])
        XCTAssertEqual(ci["replicates"] as? Int, 100)
        XCTAssertNotNil(ci["defined_replicates"])
    }

    func testTableShowsValuesReasonsAndPairs() {
        let text = AgreementReport.compute(reliability, level: .nominal, minShared: 2).table()
        XCTAssertTrue(text.contains("Krippendorff's alpha (nominal)  0.7434"), text)
        XCTAssertTrue(text.contains("rater1       rater2       9"), text)
        let undefined = AgreementReport.compute(AgreementFixtures.table(annotatorRows: [[1, 1], [1, 1]]),
                                                level: .nominal).table()
        XCTAssertTrue(undefined.contains("Fleiss' kappa"))
        XCTAssertTrue(undefined.contains("expected disagreement 0"), undefined)
    }

    func testCSVQuotesNamesAndListsPairs() {
        let t = RatingTable(items: ["i1", "i2"], annotators: ["Smith, J", "Lee"],
                            ratings: [(0, 0, 1), (0, 1, 1), (1, 0, 2), (1, 1, 1)])
        let lines = AgreementReport.compute(t, level: .nominal, minShared: 1).csv().split(separator: "\n")
        XCTAssertEqual(lines.first, "statistic,annotator_a,annotator_b,n,value,reason,ci_lower,ci_upper")
        XCTAssertTrue(lines.contains { $0.hasPrefix("cohen_kappa,\"Smith, J\",Lee,2,") })
    }
}
