import XCTest
@testable import PreferCore

/// Votes -> consensus -> pairs, without a database. Response ids: item n has responses 10n+1, 10n+2, ...
final class PairSelectionTests: XCTestCase {
    private var nextID: Int64 = 0

    /// A vote by annotator `a` on item `item` between responses `x` < `y`: choice < 0 prefers x.
    private func vote(_ item: Int64, _ a: Int32, _ x: Int64, _ y: Int64, _ choice: Int16, bothBad: Bool = false,
                      gold: Bool = false) -> ExportVote {
        nextID += 1
        return ExportVote(judgmentID: nextID, itemID: item, annotator: a, first: x, second: y, choice: choice, bothBad: bothBad, gold: gold)
    }

    private func select(_ votes: [ExportVote], _ adjudications: [ExportAdjudication] = [],
                        _ options: SelectionOptions = SelectionOptions()) throws -> PairSelectionResult {
        try PairSelection.select(votes: votes, adjudications: adjudications, options: options)
    }

    func testMajorityPicksTheSideMostVotesPreferAndDropsTiesAndSplits() throws {
        let votes = [
            vote(1, 0, 11, 12, -2), vote(1, 1, 11, 12, -1), vote(1, 2, 11, 12, 3),  // 2 of 3 prefer 11
            vote(2, 0, 21, 22, -1), vote(2, 1, 21, 22, 1),                          // 1-1: no consensus
            vote(3, 0, 31, 32, 0), vote(3, 1, 31, 32, 0), vote(3, 2, 31, 32, 2),    // tie wins
        ]
        let r = try select(votes)
        XCTAssertEqual(r.pairs.map { [$0.itemID, $0.chosen, $0.rejected] }, [[1, 11, 12]])
        XCTAssertEqual(r.dropped, [.noConsensus: 1, .tie: 1])
        let p = try XCTUnwrap(r.pairs.first)
        XCTAssertEqual(p.nJudgments, 3)
        XCTAssertEqual(try XCTUnwrap(p.agreement), 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(p.strength, 1.5, "mean strength of the two votes for the winner: (2 + 1) / 2")
        XCTAssertEqual(p.margin, (2.0 + 1 - 3) / 3 / 3, accuracy: 1e-12, "signed toward chosen, / n, / max strength")
        XCTAssertEqual(r.usedJudgments, [1, 2, 3], "only the exported pair's votes enter the dataset version")
        XCTAssertEqual(r.ratedPairs, 1)
        XCTAssertEqual(r.judgmentsUsed, 3)
        // Votes first, first, second: 1 agreeing rating pair of 3; alpha = 1 - (n - 1) o / e = 1 - 2 * 2 / 4.
        XCTAssertEqual(r.agreement.percentAgreement.pooled.value, 1.0 / 3)
        XCTAssertEqual(r.agreement.alphaNominal.value, 0)
    }

    func testUnanimousNeedsEveryVoteOnOneSide() throws {
        let votes = [vote(1, 0, 11, 12, -2), vote(1, 1, 11, 12, -1), vote(1, 2, 11, 12, 3),
                     vote(2, 0, 21, 22, 1), vote(2, 1, 21, 22, 3)]
        let r = try select(votes, [], SelectionOptions(method: .unanimous))
        XCTAssertEqual(r.pairs.map { [$0.chosen, $0.rejected] }, [[22, 21]])
        XCTAssertEqual(r.dropped, [.noConsensus: 1])
        XCTAssertEqual(r.pairs.first?.agreement, 1)
    }

    func testDawidSkeneTrustsTheReliableAnnotatorWhereMajorityIsSplit() throws {
        // Annotators 0 and 2 agree on items 1-5; annotator 1 always says the opposite. On item 6 only 0 and 1 vote.
        var votes: [ExportVote] = []
        for item in Int64(1)...5 {
            let x = 10 * item + 1, y = 10 * item + 2
            votes += [vote(item, 0, x, y, -1), vote(item, 1, x, y, 1), vote(item, 2, x, y, -1)]
        }
        votes += [vote(6, 0, 61, 62, -1), vote(6, 1, 61, 62, 1)]
        let majority = try select(votes)
        XCTAssertFalse(majority.pairs.contains { $0.itemID == 6 })
        XCTAssertEqual(majority.dropped, [.noConsensus: 1])
        let ds = try select(votes, [], SelectionOptions(method: .dawidSkene))
        XCTAssertEqual(ds.pairs.first { $0.itemID == 6 }.map { [$0.chosen, $0.rejected] }, [61, 62])
        XCTAssertEqual(ds.pairs.count, 6)
    }

    func testAdjudicationWinsAndSkipsThresholds() throws {
        let votes = [vote(1, 0, 11, 12, -3), vote(1, 1, 11, 12, -3), vote(2, 0, 21, 22, 1)]
        let adj = [ExportAdjudication(id: 7, itemID: 1, first: 11, second: 12, label: .b, strength: 2),
                   ExportAdjudication(id: 8, itemID: 3, first: 31, second: 32, label: .a)]
        let r = try select(votes, adj, SelectionOptions(minJudgments: 2))
        XCTAssertEqual(r.pairs.map { [$0.itemID, $0.chosen, $0.rejected] }, [[1, 12, 11], [3, 31, 32]],
                       "item 1 follows the lead against both votes; item 3 has only an adjudication")
        XCTAssertEqual(r.pairs.map(\.adjudicated), [true, true])
        XCTAssertEqual(r.pairs[0].strength, 2, "the lead's strength")
        XCTAssertEqual(r.pairs[0].agreement, 0, "no vote agrees with the adjudicated label")
        XCTAssertEqual(r.dropped, [.belowMinJudgments: 1], "item 2 has one vote")
        XCTAssertEqual(r.usedAdjudications, [7, 8])
    }

    func testThresholdsDropByReason() throws {
        let votes = [
            vote(1, 0, 11, 12, -3), vote(1, 1, 11, 12, -3), vote(1, 2, 11, 12, -2),  // passes all
            vote(2, 0, 21, 22, -3), vote(2, 1, 21, 22, -3),                          // 2 votes
            vote(3, 0, 31, 32, -3), vote(3, 1, 31, 32, -3), vote(3, 2, 31, 32, 3),   // agreement 2/3
            vote(4, 0, 41, 42, -1), vote(4, 1, 41, 42, -1), vote(4, 2, 41, 42, -2),  // strength 4/3
        ]
        let r = try select(votes, [], SelectionOptions(minAgreement: 0.7, minJudgments: 3, minStrength: 2))
        XCTAssertEqual(r.pairs.map(\.itemID), [1])
        XCTAssertEqual(r.dropped, [.belowMinJudgments: 1, .belowMinAgreement: 1, .belowMinStrength: 1])
    }

    func testExcludeGoldAndBothBad() throws {
        let votes = [vote(1, 0, 11, 12, -1, gold: true), vote(2, 0, 21, 22, 0, bothBad: true), vote(2, 1, 21, 22, 0, bothBad: true)]
        XCTAssertEqual(try select(votes).pairs.map(\.itemID), [1, 2])
        let r = try select(votes, [], SelectionOptions(excludeGold: true))
        XCTAssertEqual(r.dropped, [.gold: 1])
        XCTAssertEqual(r.pairs.map(\.bothBad), [true], "both-bad pairs go on to the encoder, which decides per format")
        XCTAssertEqual(r.pairs.first?.margin, 0)
    }

    func testThreeResponsesWithoutCycleAddTheTransitivePair() throws {
        // 1 > 2 (votes 3 and 2 strength), 2 > 3 (strength 1): 1 > 3 is implied with the weaker link.
        let votes = [vote(1, 0, 11, 12, -3), vote(1, 1, 11, 12, -2), vote(1, 0, 12, 13, -1), vote(1, 1, 12, 13, -1)]
        let r = try select(votes)
        XCTAssertEqual(r.pairs.map { [$0.chosen, $0.rejected] }, [[11, 12], [11, 13], [12, 13]])
        let implied = r.pairs[1]
        XCTAssertTrue(implied.implied)
        XCTAssertEqual(implied.strength, 1)
        XCTAssertEqual(implied.nJudgments, 2)
        XCTAssertEqual(r.itemsWithCycles, 0)
    }

    func testThreeResponsesWithCycleKeepOnlyJudgedPairs() throws {
        // 1 > 2, 2 > 3, 3 > 1 is a cycle; add a fourth response beaten by 3 so an implication would exist.
        let votes = [vote(1, 0, 11, 12, -1), vote(1, 0, 12, 13, -1), vote(1, 0, 11, 13, 1), vote(1, 0, 13, 14, -1)]
        let r = try select(votes)
        XCTAssertEqual(r.pairs.map { [$0.chosen, $0.rejected] }, [[11, 12], [13, 11], [12, 13], [13, 14]])
        XCTAssertFalse(r.pairs.contains(where: \.implied))
        XCTAssertEqual(r.itemsWithCycles, 1)
    }

    func testJudgedPairKeepsItsVerdictOverTransitivity() throws {
        // 1 > 2 and 2 > 3, but 1 vs 3 was judged a tie: no implied 1 > 3.
        let votes = [vote(1, 0, 11, 12, -1), vote(1, 0, 12, 13, -1), vote(1, 0, 11, 13, 0)]
        let r = try select(votes)
        XCTAssertEqual(r.pairs.map { [$0.chosen, $0.rejected] }, [[11, 12], [12, 13]])
        XCTAssertEqual(r.dropped, [.tie: 1])
    }

    func testSnapshotDiffCountsPerItemPairAnnotator() {
        let a = [SnapshotLabel(itemID: 1, first: 11, second: 12, annotator: "ann", choice: -1, bothBad: false),
                 SnapshotLabel(itemID: 2, first: 21, second: 22, annotator: "ann", choice: 2, bothBad: false),
                 SnapshotLabel(itemID: 3, first: 31, second: 32, annotator: "ann", choice: 1, bothBad: false)]
        let b = [SnapshotLabel(itemID: 1, first: 11, second: 12, annotator: "ann", choice: -1, bothBad: false),
                 SnapshotLabel(itemID: 2, first: 21, second: 22, annotator: "ann", choice: -2, bothBad: false),
                 SnapshotLabel(itemID: 2, first: 21, second: 22, annotator: "bob", choice: 1, bothBad: false)]
        XCTAssertEqual(SnapshotDiff.between(a, b), SnapshotDiff(added: 1, changed: 1, removed: 1, unchanged: 1))
    }
}
