import XCTest
@testable import PreferCore
@testable import PreferStore

final class VoteTests: XCTestCase {
    func testVotesAreUnswappedToResponseIdentity() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("v.sqlite"), create: true)
        _ = try store.importBatch(batch("v.jsonl"), keepLabelsAs: "source:v", again: false) { sink in
            try sink.add(pairItem(1, gold: .b, label: SourceLabel(preferred: 1, other: 0)))
        }
        try store.addAnnotator("ann", role: .annotator)
        try store.addAnnotator("bob", role: .annotator)
        // ann sees response 2 on the left and says "left much better" = response 2 (model m2) much better.
        _ = try store.appendJudgment(NewJudgment(itemID: 1, annotator: "ann", leftResponseID: 2, rightResponseID: 1, choice: -3,
                                                 scores: ["helpful": SidePair(left: 5, right: 1)]))
        // bob sees them in import order and says "right slightly better" = response 2 as well.
        _ = try store.appendJudgment(NewJudgment(itemID: 1, annotator: "bob", leftResponseID: 1, rightResponseID: 2, choice: 1))
        let votes = try store.votes()
        XCTAssertEqual(votes.map(\.annotator), ["source:v", "ann", "bob"])
        XCTAssertEqual(votes.map(\.choice), [1, 3, 1], "all three prefer the second response")
        XCTAssertEqual(votes.map(\.firstShownLeft), [false, false, true])
        XCTAssertEqual(votes[1].scores["helpful"], SidePair(left: 1, right: 5), "scores follow the responses, not the sides")
        XCTAssertEqual(votes[1].firstModel, "m1")
        XCTAssertEqual(votes[1].secondModel, "m2")
        XCTAssertEqual(votes[0].gold, .b)
        XCTAssertEqual(try store.votes(VoteFilter(includeSources: false)).count, 2)
        XCTAssertEqual(try store.votes(VoteFilter(excludeAnnotators: ["ann"])).map(\.annotator), ["source:v", "bob"])
        XCTAssertEqual(try store.votes(VoteFilter(annotators: ["bob"])).map(\.annotator), ["bob"])
    }
}
