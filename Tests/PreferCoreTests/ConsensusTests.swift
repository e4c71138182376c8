import XCTest
@testable import PreferCore

/// Hand-checkable cases for majority vote, leave-one-out agreement, adjudication and position bias.
final class ConsensusTests: XCTestCase {
    private func set(_ labels: [(Int, Int, Int)], items: Int, annotators: Int, k: Int) throws -> LabelSet {
        try LabelSet(nItems: items, nAnnotators: annotators, nCategories: k,
                     labels: labels.map { (item: $0.0, annotator: $0.1, category: $0.2) })
    }

    func testMajorityVoteTiesAreUndecided() throws {
        // item 0: 2x cat 1, 1x cat 0 -> 1; item 1: 1 vs 1 -> tie; item 2: no votes.
        let s = try set([(0, 0, 1), (0, 1, 1), (0, 2, 0), (1, 0, 0), (1, 1, 2)], items: 3, annotators: 3, k: 3)
        let mv = Consensus.majorityVote(s)
        XCTAssertEqual(mv[0].label, 1)
        XCTAssertEqual(mv[0].share!, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(mv[0].votes, [1, 2, 0])
        XCTAssertNil(mv[1].label)
        XCTAssertEqual(mv[1].share!, 0.5, accuracy: 1e-12)
        XCTAssertNil(mv[2].label)
        XCTAssertNil(mv[2].share)
    }

    func testBadLabelsAreRejectedWithTheirPosition() {
        XCTAssertThrowsError(try set([(0, 0, 0), (0, 5, 1)], items: 1, annotators: 2, k: 2)) { error in
            XCTAssertEqual((error as? ConsensusError)?.message, "label 1: annotator 5 is outside 0..<2")
        }
        XCTAssertThrowsError(try set([(0, 0, 0), (0, 0, 1)], items: 1, annotators: 1, k: 2)) { error in
            XCTAssertEqual((error as? ConsensusError)?.message, "label 1: annotator 0 already labelled item 0")
        }
    }

    func testLeaveOneOutSkipsTiedAndAbsentOthers() throws {
        // item 0: a0=0, a1=0, a2=1. item 1: a0=1, a1=0 (others of a2 absent), a2 none. item 2: a0 alone.
        let s = try set([(0, 0, 0), (0, 1, 0), (0, 2, 1), (1, 0, 1), (1, 1, 0), (2, 0, 1)],
                        items: 3, annotators: 3, k: 2)
        let loo = Consensus.leaveOneOutAgreement(s)
        // a0: item0 others {0,1} tie -> skip; item1 others {0} -> disagree; item2 no others -> skip.
        XCTAssertEqual(loo[0], LeaveOneOutAgreement(annotator: 0, compared: 1, agreed: 0, share: 0))
        // a1: item0 others {0,1} tie -> skip; item1 others {1} -> disagree.
        XCTAssertEqual(loo[1], LeaveOneOutAgreement(annotator: 1, compared: 1, agreed: 0, share: 0))
        // a2: item0 others {0,0} -> majority 0, a2 said 1.
        XCTAssertEqual(loo[2], LeaveOneOutAgreement(annotator: 2, compared: 1, agreed: 0, share: 0))
        let agree = try set([(0, 0, 1), (0, 1, 1), (0, 2, 1)], items: 1, annotators: 3, k: 2)
        XCTAssertEqual(Consensus.leaveOneOutAgreement(agree).map(\.share), [1, 1, 1])
    }

    func testAdjudicatedLabelWins() {
        XCTAssertEqual(Consensus.finalLabels(consensus: [0, nil, 2, 1], adjudicated: [1: 1, 2: 0]), [0, 1, 0, 1])
    }

    func testBinomialPValuesMatchScipy() {
        // Values from scipy 1.17.1: scipy.stats.binomtest(k, n, 0.5).pvalue
        let cases: [(Int, Int, Double)] = [
            (3, 10, 0.34375), (7, 10, 0.34375), (5, 10, 1.0), (0, 20, 1.9073486328125e-06),
            (13, 20, 0.26317596435546875), (60, 100, 0.05688793364098089), (480, 1000, 0.2174482932041415),
            (499_000, 1_000_000, 0.0456082998653896), (498_000, 1_000_000, 6.3609337500788e-05),
        ]
        for (k, n, expected) in cases {
            let p = Consensus.binomialTwoSidedPValue(successes: k, trials: n)
            XCTAssertEqual(p, expected, accuracy: expected * 1e-9, "binomtest(\(k), \(n))")
        }
    }

    func testPositionBias() {
        let bias = Consensus.positionBias(left: 60, right: 40)
        XCTAssertEqual(bias.shareLeft!, 0.6, accuracy: 1e-12)
        XCTAssertEqual(bias.pValue, 0.05688793364098089, accuracy: 1e-12) // scipy.stats.binomtest(60, 100).pvalue
        XCTAssertNil(Consensus.positionBias(left: 0, right: 0).shareLeft)
        let json = try? JSONEncoder().encode(bias)
        let keys = (try? JSONSerialization.jsonObject(with: json ?? Data())) as? [String: Any]
        XCTAssertEqual(Set(keys?.keys.map { $0 } ?? []), ["left", "right", "share_left", "p_value"])
    }

    func testDawidSkeneRecoversReliableAnnotators() throws {
        // Annotators 0-2 always give the true label (item % 2); annotator 3 always answers 0.
        var labels: [(Int, Int, Int)] = []
        for item in 0..<20 {
            for a in 0..<3 { labels.append((item, a, item % 2)) }
            labels.append((item, 3, 0))
        }
        let result = Consensus.dawidSkene(try set(labels, items: 21, annotators: 4, k: 2))
        XCTAssertEqual(result.consensus.prefix(20).map(\.label), (0..<20).map { $0 % 2 })
        XCTAssertNil(result.consensus[20].label) // no labels
        XCTAssertEqual(result.annotatorAccuracy[0]!, 1, accuracy: 1e-6)
        XCTAssertEqual(result.annotatorAccuracy[3]!, 0.5, accuracy: 1e-6) // right only when the truth is 0
        XCTAssertEqual(result.priors[0], 0.5, accuracy: 1e-6)
        XCTAssertTrue(result.converged)
    }

    func testDawidSkeneWithoutLabelsEncodes() throws {
        let result = Consensus.dawidSkene(try set([], items: 2, annotators: 1, k: 2), maxIterations: 0)
        XCTAssertEqual(result.consensus.map(\.label), [nil, nil])
        XCTAssertEqual(result.annotatorAccuracy, [nil])
        XCTAssertNoThrow(try JSONEncoder().encode(result)) // no infinite numbers in the output
    }
}
