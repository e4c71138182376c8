import XCTest
@testable import PreferCore

/// The manifest's agreement figures, tallied pair by pair while an export streams, must be exactly the
/// numbers the agreement statistics give over a table of all the ratings (how the manifest computed them
/// before, and how `prefer agreement` computes them): same bits, not just close.
final class ExportAgreementTallyTests: XCTestCase {
    /// Random judged pairs: 0 to 5 votes each by 4 annotators, sometimes the same annotator twice.
    private func randomPairs(_ rng: inout SplitMix64, count: Int, categories: Int) -> [[(annotator: Int32, category: Int)]] {
        (0..<count).map { _ in
            (0..<Int.random(in: 0...5, using: &rng)).map { _ in
                (Int32.random(in: 0..<4, using: &rng), Int.random(in: 0..<categories, using: &rng))
            }
        }
    }

    private func assertSameAsRatingTable(_ pairs: [[(annotator: Int32, category: Int)]], file: StaticString = #filePath, line: UInt = #line) {
        var tally = ExportAgreementTally()
        var ratings: [(item: Int, annotator: Int, value: Double)] = []
        for (i, votes) in pairs.enumerated() {
            tally.add(pair: votes)
            ratings += votes.map { (i, Int($0.annotator), Double($0.category)) }
        }
        let table = RatingTable(items: pairs.indices.map(String.init), annotators: ["a", "b", "c", "d"], ratings: ratings)
        XCTAssertEqual(tally.percentAgreement, PercentAgreementStatistic.compute(table), file: file, line: line)
        XCTAssertEqual(tally.alphaNominal, KrippendorffAlpha.compute(table, level: .nominal), file: file, line: line)
    }

    func testRandomPairsGiveBitIdenticalFigures() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<200 {
            // Few categories in some rounds: alpha's "one category" case; few pairs in others: "no pairable item".
            let pairs = randomPairs(&rng, count: Int.random(in: 0...60, using: &rng), categories: round % 10 == 0 ? 1 : 4)
            assertSameAsRatingTable(pairs)
        }
    }

    func testAGrowingExportKeepsMatching() {
        var rng = SplitMix64(seed: 11)
        assertSameAsRatingTable(randomPairs(&rng, count: 20_000, categories: 4))
    }

    func testRepeatedAnnotatorCountsOnceWithTheLaterVote() {
        // a says first then second (the second counts), b says second: the pair agrees completely.
        var tally = ExportAgreementTally()
        tally.add(pair: [(0, 0), (1, 1), (0, 1)])
        XCTAssertEqual(tally.percentAgreement.pooled.value, 1)
        XCTAssertEqual(tally.pairableItems, 1)
    }
}
