import XCTest
@testable import PreferCore

/// Compares with crowd-kit 1.4.2, choix and scipy outputs stored by scripts/crosscheck_consensus.py.
final class ConsensusCrossCheckTests: XCTestCase {
    private struct Vectors: Decodable {
        let dawid_skene: [DSCase]
        let bradley_terry: [BTCase]
        let binomial: [BinomialCase]
    }
    private struct DSCase: Decodable {
        let n_items: Int, n_annotators: Int, n_categories: Int
        let labels: [[Int]]
        let expected: DSExpected
    }
    struct DSExpected: Decodable {
        let posterior: [[Double]?]
        let label: [Int?]
        let accuracy: [Double?]
        let priors: [Double]
        let iterations: Int
        let log_likelihood: Double
    }
    private struct BTCase: Decodable {
        let n_models: Int
        let wins: [[Int]]
        let ties: [[Int]]
        let tie_policy: TiePolicy
        let alpha: Double
        let expected_scores: [Double]
    }
    private struct BinomialCase: Decodable { let k: Int, n: Int, p_value: Double }

    private func vectors() throws -> Vectors {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "consensus_vectors", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    func testDawidSkeneMatchesCrowdKit() throws {
        let cases = try vectors().dawid_skene
        XCTAssertGreaterThanOrEqual(cases.count, 5)
        for (n, c) in cases.enumerated() {
            let set = try LabelSet(nItems: c.n_items, nAnnotators: c.n_annotators, nCategories: c.n_categories,
                                   labels: c.labels.map { (item: $0[0], annotator: $0[1], category: $0[2]) })
            let result = Consensus.dawidSkene(set)
            Self.assertMatches(result, c.expected, "case \(n)")
        }
    }

    /// Shared with the MT-Bench test: compares one Dawid-Skene result to crowd-kit's numbers.
    static func assertMatches(_ result: DawidSkeneResult, _ e: DSExpected, _ name: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.iterations, e.iterations, name, file: file, line: line)
        XCTAssertEqual(result.logLikelihood, e.log_likelihood, accuracy: 1e-6, name, file: file, line: line)
        for (a, b) in zip(result.priors, e.priors) { XCTAssertEqual(a, b, accuracy: 1e-6, name, file: file, line: line) }
        for (item, expected) in e.posterior.enumerated() {
            guard let expected else { XCTAssertNil(result.consensus[item].posterior, name); continue }
            let got = result.consensus[item].posterior ?? []
            XCTAssertEqual(got.count, expected.count, name, file: file, line: line)
            for (a, b) in zip(got, expected) {
                XCTAssertEqual(a, b, accuracy: 1e-6, "\(name) item \(item)", file: file, line: line)
            }
            if let label = e.label[item] { XCTAssertEqual(result.consensus[item].label, label, name, file: file, line: line) }
        }
        for (a, expected) in e.accuracy.enumerated() {
            guard let expected else { XCTAssertNil(result.annotatorAccuracy[a]); continue }
            XCTAssertEqual(result.annotatorAccuracy[a] ?? .nan, expected, accuracy: 1e-6, "\(name) annotator \(a)",
                           file: file, line: line)
        }
    }

    func testBradleyTerryMatchesChoix() throws {
        let cases = try vectors().bradley_terry
        XCTAssertGreaterThanOrEqual(cases.count, 5)
        for (n, c) in cases.enumerated() {
            var options = BradleyTerryOptions()
            options.alpha = c.alpha
            let result = try BradleyTerry.fit(
                modelNames: (0..<c.n_models).map { "m\($0)" },
                wins: c.wins.map { (winner: $0[0], loser: $0[1]) }, ties: c.ties.map { (a: $0[0], b: $0[1]) },
                tiePolicy: c.tie_policy, options: options)
            XCTAssertTrue(result.converged, "case \(n)")
            for (model, expected) in zip(result.models, c.expected_scores) {
                XCTAssertEqual(model.score ?? .nan, expected, accuracy: 1e-6, "case \(n) \(model.name)")
            }
        }
    }

    func testBinomialMatchesScipy() throws {
        for c in try vectors().binomial {
            let p = Consensus.binomialTwoSidedPValue(successes: c.k, trials: c.n)
            XCTAssertEqual(p, c.p_value, accuracy: max(1e-300, c.p_value * 1e-9), "binomtest(\(c.k), \(c.n))")
        }
    }
}
