import XCTest
@testable import PreferCore

/// The lead's queue of disputed units (`DisputeQueue.rank`), built on the same units and consensus as
/// `prefer agreement`.
final class DisputeQueueTests: XCTestCase {
    private func rank(_ votes: [VoteRecord], adjudications: [AdjudicationRecord] = [], includeAdjudicated: Bool = false,
                      bothBad: BothBadPolicy = .category) throws -> [Dispute] {
        let units = ChoiceUnits(votes)
        let consensus = try UnitConsensusBuilder.build(units, bothBad: bothBad, adjudications: adjudications)
        return DisputeQueue.rank(units, consensus: consensus, bothBad: bothBad, includeAdjudicated: includeAdjudicated)
    }

    /// Item 1: unanimous A (3). Item 2: 2 A vs 1 B. Item 3: 1 A vs 1 B (no majority). Item 4: A, B, tie (no
    /// majority, most split). Item 5: one vote. Item 6: A vs both-bad.
    private var votes: [VoteRecord] {
        var id: Int64 = 0
        func v(_ item: Int64, _ who: String, _ choice: Int, bothBad: Bool = false) -> VoteRecord {
            id += 1
            return qualityVote(id, item: item, annotator: who, choice: choice, bothBad: bothBad)
        }
        return [v(1, "a", -2), v(1, "b", -1), v(1, "c", -3),
                v(2, "a", -1), v(2, "b", -2), v(2, "c", 2),
                v(3, "a", -1), v(3, "b", 1),
                v(4, "a", -1), v(4, "b", 1), v(4, "c", 0),
                v(5, "a", 1),
                v(6, "a", -1), v(6, "b", 0, bothBad: true)]
    }

    func testMostDisputedFirstAndAgreementLeftOut() throws {
        let d = try rank(votes)
        XCTAssertEqual(d.map(\.key.itemID), [4, 3, 6, 2])
        XCTAssertEqual(d[0].votes, ["A": 1, "B": 1, "tie": 1])
        XCTAssertEqual(d[0].disagreement, 2.0 / 3, accuracy: 1e-12)
        XCTAssertNil(d[0].majority)
        XCTAssertEqual(d[0].voters.map { "\($0.annotator) \($0.label)" }, ["a A", "b B", "c tie"])
        XCTAssertEqual(d[0].positions.first, 1)
        XCTAssertEqual(d[0].positions.second, 2)
        XCTAssertEqual(d[3].majority, "A")
        XCTAssertEqual(d[3].disagreement, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(d[2].votes, ["A": 1, "both_bad": 1])
        // Without both-bad as a label, item 6 has a single vote left: not disputed.
        XCTAssertEqual(try rank(votes, bothBad: .drop).map(\.key.itemID), [4, 3, 2])
    }

    func testAdjudicatedUnitsAreLeftOutUnlessAsked() throws {
        let settled = AdjudicationRecord(id: 1, itemID: 4, firstResponseID: 7, secondResponseID: 8, label: .a, lead: "lead")
        XCTAssertEqual(try rank(votes, adjudications: [settled]).map(\.key.itemID), [3, 6, 2])
        let all = try rank(votes, adjudications: [settled], includeAdjudicated: true)
        XCTAssertEqual(all.map(\.key.itemID), [4, 3, 6, 2])
        XCTAssertEqual(all[0].adjudicated, "A")
    }

    func testSwappedVotesCountInResponseIdentityTerms() throws {
        // b saw the pair the other way round and chose the same response as a: no dispute.
        let a = qualityVote(1, item: 9, annotator: "a", choice: -2)
        let b = qualityVote(2, item: 9, annotator: "b", choice: -1, firstShownLeft: false)
        XCTAssertEqual(try rank([a, b]), [])
    }
}
