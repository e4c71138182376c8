import XCTest
@testable import PreferCore
@testable import PreferStore

final class QueueTests: XCTestCase {
    /// Keeps each test's temporary folders alive until the test ends.
    private var dirs: [TempDir] = []

    private func store(items: Int, gold: Int = 0, k: Int = 2) throws -> (TempDir, SQLiteStore) {
        let dir = try TempDir()
        dirs.append(dir)
        let store = try SQLiteStore(path: dir.path("q.sqlite"), create: true)
        _ = try store.importBatch(batch("q.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 0..<(items + gold) {
                let responses = (0..<k).map { ImportedResponse(text: "r\($0) of \(i)") }
                try sink.add(ImportedItem(prompt: [Message(role: "user", content: "q\(i)")], responses: responses,
                                          gold: i >= items ? .a : nil, line: i + 1))
            }
        }
        return (dir, store)
    }

    /// Judges every open entry of the queue, topping up until nothing is left.
    private func drain(_ store: SQLiteStore, _ who: String, _ policy: QueuePolicy) throws -> [QueueEntry] {
        while true {
            let q = try store.queue(annotator: who, policy: policy)
            let open = q.filter { !$0.done }
            if open.isEmpty { return q }
            for e in open {
                _ = try store.appendJudgment(NewJudgment(itemID: e.itemID, annotator: who, leftResponseID: e.leftResponseID,
                                                         rightResponseID: e.rightResponseID, choice: 1))
            }
        }
    }

    func testOverlapIsRespectedAndNobodySeesAnItemTwice() throws {
        let (_, store) = try store(items: 30)
        let policy = QueuePolicy(overlap: 2, goldRate: 0, seed: 3, chunk: 6)
        var perItem: [Int64: Int] = [:]
        for who in ["ann", "bob", "cid"] {
            try store.addAnnotator(who, role: .annotator)
            let q = try drain(store, who, policy)
            XCTAssertEqual(Set(q.map(\.itemID)).count, q.count, "\(who) was served an item twice")
            for e in q { perItem[e.itemID, default: 0] += 1 }
        }
        // 30 items x overlap 2 = 60 judgments: the first two annotators take everything, the third gets nothing.
        XCTAssertEqual(perItem.count, 30)
        XCTAssertTrue(perItem.values.allSatisfy { $0 == 2 })
        XCTAssertEqual(try store.status(overlap: 2).itemsComplete, 30)
        XCTAssertEqual(try store.openItemCount(annotator: "cid"), 0)
    }

    func testQueueOrderAndSidesAreReproducibleFromTheSeed() throws {
        let policy = QueuePolicy(overlap: 1, goldRate: 0, seed: 11, chunk: 10)
        let (_, s1) = try store(items: 20)
        let (_, s2) = try store(items: 20)
        let q1 = try s1.queue(annotator: "ann", policy: policy)
        let q2 = try s2.queue(annotator: "ann", policy: policy)
        XCTAssertEqual(q1, q2)
        XCTAssertEqual(q1.count, 10)
        // The order is a shuffle, not import order, and sides are randomised (both orders occur).
        XCTAssertNotEqual(q1.map(\.itemID), q1.map(\.itemID).sorted())
        let swapped = q1.filter { $0.leftResponseID > $0.rightResponseID }.count
        XCTAssertTrue(swapped > 0 && swapped < q1.count, "sides not randomised: \(swapped) of \(q1.count)")
        let other = try s1.queue(annotator: "ann", policy: QueuePolicy(overlap: 1, goldRate: 0, seed: 12, chunk: 10))
        XCTAssertEqual(other, q1, "an existing queue keeps its order when asked again")
    }

    func testGoldItemsAreMixedInAtTheRateAndIgnoreOverlap() throws {
        let (_, store) = try store(items: 60, gold: 10)
        let policy = QueuePolicy(overlap: 1, goldRate: 0.1, seed: 5, chunk: 10)
        for who in ["ann", "bob"] {
            try store.addAnnotator(who, role: .annotator)
            let q = try drain(store, who, policy)
            let golds = q.filter { $0.itemID > 60 }.count
            // Every annotator meets gold items (they are not used up by overlap).
            XCTAssertGreaterThan(golds, 0, who)
        }
        let first = try store.queue(annotator: "ann", policy: policy).prefix(40).filter { $0.itemID > 60 }.count
        XCTAssertTrue((2...6).contains(first), "about 10% gold in the first 40, got \(first)")
    }

    func testItemsWithMoreThanTwoResponsesSpreadPairsAcrossAnnotators() throws {
        let (_, store) = try store(items: 1, k: 3)
        let policy = QueuePolicy(overlap: 3, goldRate: 0, seed: 1, chunk: 4)
        var pairs = Set<[Int64]>()
        for who in ["a", "b", "c"] {
            let q = try store.queue(annotator: who, policy: policy)
            XCTAssertEqual(q.count, 1)
            pairs.insert([q[0].leftResponseID, q[0].rightResponseID].sorted())
        }
        XCTAssertEqual(pairs.count, 3, "three annotators should get the three different pairs")
    }

    func testQueueRecordsJudgedAndSkippedAndUndoReopens() throws {
        let (_, store) = try store(items: 5)
        let policy = QueuePolicy(overlap: 1, goldRate: 0, seed: 2, chunk: 10)
        try store.addAnnotator("ann", role: .annotator)
        var q = try store.queue(annotator: "ann", policy: policy)
        let e = q[0]
        let id = try store.appendJudgment(NewJudgment(itemID: e.itemID, annotator: "ann", leftResponseID: e.leftResponseID,
                                                      rightResponseID: e.rightResponseID, choice: -2))
        _ = try store.appendJudgment(NewJudgment(itemID: q[1].itemID, annotator: "ann", leftResponseID: q[1].leftResponseID,
                                                 rightResponseID: q[1].rightResponseID, choice: nil, skipReason: "unreadable"))
        q = try store.queue(annotator: "ann", policy: policy)
        XCTAssertEqual(q[0].judgmentID, id)
        XCTAssertTrue(q[1].skipped)
        XCTAssertFalse(q[2].done)
        _ = try store.undoJudgment(id, by: "ann")
        q = try store.queue(annotator: "ann", policy: policy)
        XCTAssertFalse(q[0].done, "an undone judgment puts the item back in the queue")
        let shown = try store.displayItem(e.itemID)
        XCTAssertEqual(shown.responses.count, 2)
        XCTAssertEqual(shown.prompt.first?.role, "user")
    }

    func testQueueTailTopsUpLikeAFullReload() throws {
        let (_, full) = try store(items: 40, gold: 4)
        let (_, tail) = try store(items: 40, gold: 4)
        let policy = QueuePolicy(overlap: 1, goldRate: 0.1, seed: 7, chunk: 6)
        var kept = try tail.queue(annotator: "ann", policy: policy)
        XCTAssertEqual(try full.queue(annotator: "ann", policy: policy), kept)
        // Judge one entry at a time, as the annotate screen does, and compare the kept queue with a reload.
        for _ in 0..<30 {
            guard let i = kept.firstIndex(where: { !$0.done }) else { break }
            let e = kept[i]
            // Same writes in the same order on both stores, so the judgment ids match too.
            for s in [full, tail] {
                kept[i].judgmentID = try s.appendJudgment(NewJudgment(itemID: e.itemID, annotator: "ann", leftResponseID: e.leftResponseID,
                                                                      rightResponseID: e.rightResponseID, choice: 1))
            }
            let open = kept.filter { !$0.done }.count
            kept += try tail.queueTail(annotator: "ann", policy: policy, open: open, from: kept.count)
            XCTAssertEqual(kept, try full.queue(annotator: "ann", policy: policy))
        }
        XCTAssertGreaterThan(kept.count, 30, "the queue was topped up along the way")
    }

    func testOpenItemCountLeavesOutGoldAndTheAnnotatorsOwnItems() throws {
        let (_, store) = try store(items: 30, gold: 3)
        let policy = QueuePolicy(overlap: 2, goldRate: 0, seed: 3, chunk: 6)
        let q = try store.queue(annotator: "ann", policy: policy)
        XCTAssertEqual(q.count, 6)
        // 30 regular items are open (overlap 2, each held once at most); ann holds 6 of them.
        XCTAssertEqual(try store.openItemCount(annotator: "ann"), 24)
        XCTAssertEqual(try store.openItemCount(annotator: "bob"), 30)
        XCTAssertEqual(try store.regularItemCount(q.map(\.itemID) + [31, 32]), 6, "items 31 and 32 are gold")
        XCTAssertTrue(try store.hasAnnotator("ann"))
        XCTAssertFalse(try store.hasAnnotator("bob"))
    }
}

final class ReleaseTests: XCTestCase {
    func testSkipAndReleaseGiveSlotsBackToOthers() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("r.sqlite"), create: true)
        _ = try store.importBatch(batch("r.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 0..<6 { try sink.add(pairItem(i)) }
        }
        let policy = QueuePolicy(overlap: 1, goldRate: 0, seed: 4, chunk: 4)
        try store.addAnnotator("ann", role: .annotator)
        let q = try store.queue(annotator: "ann", policy: policy)
        XCTAssertEqual(q.count, 4)
        XCTAssertEqual(try store.openItemCount(annotator: "bob"), 2)
        // ann skips one item: its slot goes back to the pool.
        _ = try store.appendJudgment(NewJudgment(itemID: q[0].itemID, annotator: "ann", leftResponseID: q[0].leftResponseID,
                                                 rightResponseID: q[0].rightResponseID, choice: nil, skipReason: "can't read it"))
        _ = try store.appendJudgment(NewJudgment(itemID: q[1].itemID, annotator: "ann", leftResponseID: q[1].leftResponseID,
                                                 rightResponseID: q[1].rightResponseID, choice: 1))
        XCTAssertEqual(try store.openItemCount(annotator: "bob"), 3)
        // ann leaves: the two unjudged reservations are released; the judged and skipped ones stay.
        XCTAssertEqual(try store.releaseUnjudged(annotator: "ann", by: "lead"), 2)
        XCTAssertEqual(try store.openItemCount(annotator: "bob"), 5)
        let bob = try store.queue(annotator: "bob", policy: QueuePolicy(overlap: 1, goldRate: 0, seed: 4, chunk: 10))
        XCTAssertEqual(Set(bob.map(\.itemID)).count, 5)
        XCTAssertTrue(bob.contains { $0.itemID == q[0].itemID }, "the skipped item is served to bob")
        XCTAssertFalse(bob.contains { $0.itemID == q[1].itemID }, "the judged item is not")
        let annQueue = try store.queue(annotator: "ann", policy: QueuePolicy(overlap: 1, goldRate: 0, seed: 4, chunk: 0))
        XCTAssertEqual(annQueue.map(\.position), [0, 1])
        XCTAssertEqual(try store.status(overlap: 1).assigned["ann"], 2)
    }
}
