import GRDB
import XCTest
@testable import PreferCore
@testable import PreferStore

/// Annotate's queue reads each assignment's current judgment from the assignment row (`head_id`, `head_kind`,
/// schema v5), which every judgment write keeps. After any sequence of writes it must be what a search of the
/// judgments finds (`SQLiteStore.head`).
final class AssignmentHeadTests: XCTestCase {
    func testHeadsFollowJudgeChangeSkipUndoRestoreAndRelease() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("h.sqlite"), create: true)
        _ = try store.importBatch(batch("h.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 0..<12 { try sink.add(pairItem(i)) }
        }
        let policy = QueuePolicy(overlap: 2, goldRate: 0, seed: 9, chunk: 6)
        for who in ["ann", "bob", "lead"] { try store.addAnnotator(who, role: who == "lead" ? .lead : .annotator) }
        func judge(_ who: String, _ e: QueueEntry, _ choice: Int?, skip: String? = nil) throws -> Int64 {
            try store.appendJudgment(NewJudgment(itemID: e.itemID, annotator: who, leftResponseID: e.leftResponseID,
                                                 rightResponseID: e.rightResponseID, choice: choice, skipReason: skip))
        }
        var q = try store.queue(annotator: "ann", policy: policy)
        let first = try judge("ann", q[0], -2)
        let changed = try judge("ann", q[0], 3)                  // a change supersedes the first
        _ = try judge("ann", q[1], nil, skip: "unreadable")
        let third = try judge("ann", q[2], 1)
        _ = try store.undoJudgment(changed, by: "ann", restorePrevious: true)   // back to the first judgment
        _ = try store.undoJudgment(third, by: "ann", restorePrevious: true)     // nothing earlier: an undo row
        let fourth = try judge("ann", q[3], -1)
        _ = try store.undoJudgment(fourth, by: "lead", restorePrevious: false)  // someone else undoes it
        var b = try store.queue(annotator: "bob", policy: policy)
        _ = try judge("bob", b[0], 2)
        XCTAssertEqual(try store.releaseUnjudged(annotator: "bob", by: "lead"), b.count - 1)
        b = try store.queue(annotator: "bob", policy: policy)     // drawn again after the release
        q = try store.queue(annotator: "ann", policy: policy)
        _ = try judge("ann", q.last!, 1)
        _ = first

        let (cached, searched) = try store.pool.read { db -> ([String], [String]) in
            let rows = try Row.fetchAll(db, sql: """
                SELECT annotator, item_id, left_response_id, right_response_id, head_id, head_kind FROM assignment ORDER BY id
                """)
            var cached: [String] = [], searched: [String] = []
            for r in rows {
                let who: String = r[0]
                cached.append("\(who) \(r[1] as Int64) \(r[4] as Int64? ?? 0) \(r[5] as String? ?? "-")")
                let head = try SQLiteStore.head(db, itemID: r[1], annotator: who, a: r[2], b: r[3])
                let kind = try head.flatMap { try String.fetchOne(db, sql: "SELECT kind FROM judgment WHERE id = ?", arguments: [$0]) }
                searched.append("\(who) \(r[1] as Int64) \(head ?? 0) \(kind ?? "-")")
            }
            return (cached, searched)
        }
        XCTAssertEqual(cached, searched)
        XCTAssertTrue(cached.contains { $0.hasSuffix(" undo") }, "the undone ones are covered")
        XCTAssertTrue(cached.contains { $0.hasSuffix(" skip") })
        // And the queue shows them: the restored judgment counts, the undone items are open again.
        XCTAssertEqual(q[0].judgmentID.map { _ in true }, true)
        XCTAssertTrue(q[1].skipped)
        XCTAssertFalse(q[2].done)
        XCTAssertFalse(q[3].done)
    }

    func testMigrationFillsHeadsFromTheJudgments() throws {
        let dir = try TempDir()
        let path = try database(at: "v4-import-keys", in: dir) { db in
            try db.execute(sql: """
                INSERT INTO item (id, batch_id, source_line, prompt_json, content_hash, content_key, queue_key)
                    VALUES (1, 1, 1, '[]', x'01', 1, 5), (2, 1, 2, '[]', x'02', 2, 6);
                INSERT INTO response (id, item_id, position, text) VALUES (1, 1, 0, 'a'), (2, 1, 1, 'b'), (3, 2, 0, 'c'), (4, 2, 1, 'd');
                INSERT INTO annotator (name, role, created_at) VALUES ('ann', 'annotator', 't');
                INSERT INTO assignment (item_id, annotator, left_response_id, right_response_id, queue_position, assigned_at)
                    VALUES (1, 'ann', 2, 1, 0, 't'), (2, 'ann', 3, 4, 1, 't');
                INSERT INTO judgment (id, kind, item_id, annotator, left_response_id, right_response_id, choice, started_at, submitted_at)
                    VALUES (1, 'judgment', 1, 'ann', 1, 2, -2, 0, 0);
                INSERT INTO judgment (id, kind, item_id, annotator, left_response_id, right_response_id, choice, started_at, submitted_at, supersedes_id)
                    VALUES (2, 'judgment', 1, 'ann', 2, 1, 1, 0, 0, 1);
                """)
        }
        let store = try SQLiteStore(path: path)
        let heads = try store.pool.read {
            try Row.fetchAll($0, sql: "SELECT head_id, head_kind FROM assignment ORDER BY queue_position").map { [$0[0] as Int64?, $0[1] as String? == nil ? nil : 0] }
        }
        XCTAssertEqual(heads, [[2, 0], [nil, nil]])
        let q = try store.queue(annotator: "ann", policy: QueuePolicy(overlap: 1, goldRate: 0, seed: 1, chunk: 0))
        XCTAssertEqual(q.map(\.judgmentID), [2, nil])
    }
}
