import GRDB
import XCTest
@testable import PreferCore
@testable import PreferStore

final class StoreTests: XCTestCase {
    func testMigrationsCreateSchemaOnARealFileAndReopen() throws {
        let dir = try TempDir()
        let path = dir.path("p.sqlite")
        XCTAssertThrowsError(try SQLiteStore(path: path)) // no database without create
        let store = try SQLiteStore(path: path, create: true)
        XCTAssertEqual(try store.schemaVersion(), "v5-assignment-head")
        let mode = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
        let tables = try store.pool.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        for t in ["adjudication", "annotator", "assignment", "audit_log", "guideline_version", "import_batch", "item", "judgment",
                  "response", "rubric_version", "snapshot", "snapshot_judgment"] {
            XCTAssertTrue(tables.contains(t), "missing table \(t)")
        }
        // Reopening an existing file applies nothing new and keeps the data.
        try store.addAnnotator("ann", role: .annotator)
        let again = try SQLiteStore(path: path)
        XCTAssertEqual(try again.annotators().map(\.name), ["ann"])
    }

    func testADatabaseAtV2IsMigratedToTheExportIndexAndKeepsItsJudgments() throws {
        let dir = try TempDir()
        let path = try database(at: "v2-item-gold-index", in: dir) { db in
            try db.execute(sql: """
                INSERT INTO item (id, batch_id, source_line, prompt_json, content_hash, queue_key) VALUES (1, 1, 1, '[]', x'01', 5);
                INSERT INTO response (id, item_id, position, text) VALUES (1, 1, 0, 'a'), (2, 1, 1, 'b');
                INSERT INTO annotator (name, role, created_at) VALUES ('ann', 'annotator', 't');
                INSERT INTO judgment (kind, item_id, annotator, left_response_id, right_response_id, choice, started_at, submitted_at)
                    VALUES ('judgment', 1, 'ann', 1, 2, -2, 0, 0);
                """)
        }
        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try store.schemaVersion(), "v5-assignment-head")
        let indexes = try store.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'judgment' ORDER BY name")
        }
        XCTAssertTrue(indexes.contains("judgment_by_item"))
        XCTAssertFalse(indexes.contains("judgment_item"), "replaced by judgment_by_item")
        XCTAssertEqual(try store.exportVotes(VoteFilter()).votes.count, 1)
        // v4 rebuilt the item table around an integer content key and kept its indexes.
        let item = try store.pool.read { try Row.fetchOne($0, sql: "SELECT content_key, queue_key FROM item WHERE id = 1") }
        XCTAssertEqual(item?["content_key"], ContentKey.of(hash: [0x01]))
        XCTAssertEqual(item?["queue_key"], 5 as Int64)
        let itemIndexes = try store.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'item' ORDER BY name")
        }
        XCTAssertEqual(itemIndexes, ["item_external_id", "item_gold", "item_open_queue", "sqlite_autoindex_item_1"])
        let responses = try store.pool.read {
            try String.fetchAll($0, sql: "SELECT id || ' ' || item_id || ' ' || position || ' ' || text FROM response ORDER BY id")
        }
        XCTAssertEqual(responses, ["1 1 0 a", "2 1 1 b"])
        let responseIndexes = try store.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'response'")
        }
        XCTAssertEqual(responseIndexes, ["response_item_position"])
        let check = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA foreign_key_check") }
        XCTAssertNil(check)
    }

    func testExportReadsVotesFromTheCoveringIndexAlone() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        for filter in [VoteFilter(), VoteFilter(includeSources: false)] {
            let plan = try store.pool.read { db -> String in
                let (sql, args) = try ExportVoteReader.query(db, filter)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(args))
                    .map { $0["detail"] as String }.joined(separator: "\n")
            }
            // One pass over the index in item order: no table lookups, no sort.
            XCTAssertTrue(plan.contains("SCAN j USING COVERING INDEX judgment_by_item"), plan)
            XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
        }
    }

    func testImportIsAllOrNothing() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        struct Boom: Error {}
        XCTAssertThrowsError(try store.importBatch(batch("bad.jsonl"), keepLabelsAs: nil, again: false) { sink in
            try sink.add(pairItem(1))
            try sink.add(pairItem(2))
            throw Boom()
        })
        let s = try store.status(overlap: 3)
        XCTAssertEqual(s.items, 0)
        XCTAssertEqual(s.responses, 0)
        XCTAssertEqual(s.batches.count, 0)
    }

    func testDuplicatesAreSkippedAndReimportRefusedUnlessAgain() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        let counts = try store.importBatch(batch("a.jsonl", sha: "abc"), keepLabelsAs: nil, again: false) { sink in
            for i in 1...3 { try sink.add(pairItem(i, gold: i == 3 ? .b : nil)) }
            try sink.add(pairItem(2)) // same content as row 2
            sink.reject()
        }
        XCTAssertEqual(counts.itemsAdded, 3)
        XCTAssertEqual(counts.duplicates, 1)
        XCTAssertEqual(counts.rejected, 1)
        XCTAssertEqual(counts.rowsRead, 5)
        XCTAssertThrowsError(try store.importBatch(batch("a.jsonl", sha: "abc"), keepLabelsAs: nil, again: false) { _ in }) { e in
            XCTAssertTrue("\(e)".contains("already imported"), "\(e)")
        }
        let again = try store.importBatch(batch("a.jsonl", sha: "abc"), keepLabelsAs: nil, again: true) { sink in
            try sink.add(pairItem(1))
        }
        XCTAssertEqual(again.duplicates, 1)
        let s = try store.status(overlap: 3)
        XCTAssertEqual(s.items, 3)
        XCTAssertEqual(s.responses, 6)
        XCTAssertEqual(s.goldItems, 1)
        XCTAssertEqual(s.batches.map(\.itemsAdded), [3, 0])
    }

    func testKeepLabelsRecordsSourceJudgmentsWithPreferredShownLeft() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        _ = try store.importBatch(batch("hh.jsonl"), keepLabelsAs: "source:hh", again: false) { sink in
            try sink.add(pairItem(1, label: SourceLabel(preferred: 1, other: 0)))
            try sink.add(pairItem(2, label: SourceLabel(preferred: nil, other: 1)))
        }
        let js = try store.currentJudgments(annotator: "source:hh")
        XCTAssertEqual(js.count, 2)
        // Item 1: the second response (id 2) was preferred: shown left, choice "left better".
        XCTAssertEqual(js[0].leftResponseID, 2)
        XCTAssertEqual(js[0].rightResponseID, 1)
        XCTAssertEqual(js[0].choice, -1)
        XCTAssertEqual(js[1].choice, 0)
        XCTAssertEqual(try store.annotators().first?.role, .source)
    }

    func testJudgmentsAreAppendOnlyAndUndoSupersedes() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        _ = try store.importBatch(batch("a.jsonl"), keepLabelsAs: nil, again: false) { try $0.add(pairItem(1)) }
        try store.addAnnotator("ann", role: .annotator)
        XCTAssertThrowsError(try store.appendJudgment(NewJudgment(itemID: 1, annotator: "nobody", leftResponseID: 1, rightResponseID: 2, choice: 1)))
        let first = try store.appendJudgment(NewJudgment(itemID: 1, annotator: "ann", leftResponseID: 2, rightResponseID: 1, choice: -3,
                                                         scores: ["helpful": SidePair(left: 5, right: 2)], flags: ["unsafe"],
                                                         confidence: 4, rationale: "B is wrong ✓"))
        // A second judgment of the same pair supersedes the first, whatever the shown order.
        let second = try store.appendJudgment(NewJudgment(itemID: 1, annotator: "ann", leftResponseID: 1, rightResponseID: 2, choice: 2))
        var current = try store.currentJudgments(annotator: "ann")
        XCTAssertEqual(current.map(\.id), [second])
        XCTAssertEqual(current.first?.supersedes, first)
        _ = try store.undoJudgment(second, by: "ann", restorePrevious: false)
        current = try store.currentJudgments(annotator: "ann")
        XCTAssertTrue(current.isEmpty)
        let history = try store.judgmentHistory(itemID: 1)
        XCTAssertEqual(history.map(\.kind), [.judgment, .judgment, .undo])
        XCTAssertEqual(history[0].scores["helpful"], SidePair(left: 5, right: 2))
        XCTAssertEqual(history[0].flags, ["unsafe"])
        XCTAssertEqual(history[0].rationale, "B is wrong ✓")
        XCTAssertEqual(history[0].leftResponseID, 2)
        XCTAssertThrowsError(try store.undoJudgment(second, by: "ann"))
        // The database itself refuses to rewrite history.
        XCTAssertThrowsError(try store.pool.write { try $0.execute(sql: "UPDATE judgment SET choice = 0") })
        XCTAssertThrowsError(try store.pool.write { try $0.execute(sql: "DELETE FROM judgment") })
        XCTAssertThrowsError(try store.pool.write { try $0.execute(sql: "DELETE FROM audit_log") })
    }

    func testUndoOfAChangeRestoresTheEarlierJudgment() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        _ = try store.importBatch(batch("a.jsonl"), keepLabelsAs: nil, again: false) { try $0.add(pairItem(1)) }
        try store.addAnnotator("ann", role: .annotator)
        let first = try store.appendJudgment(NewJudgment(itemID: 1, annotator: "ann", leftResponseID: 1, rightResponseID: 2,
                                                         choice: -3, rationale: "first"))
        let change = try store.appendJudgment(NewJudgment(itemID: 1, annotator: "ann", leftResponseID: 1, rightResponseID: 2, choice: 2))
        let restored = try store.undoJudgment(change, by: "ann")
        var current = try store.currentJudgments(annotator: "ann")
        XCTAssertEqual(current.map(\.id), [restored])
        XCTAssertEqual(current.first?.choice, -3, "the item is back at its first choice")
        XCTAssertEqual(current.first?.rationale, "first")
        XCTAssertEqual(current.first?.supersedes, change)
        // Undoing the restored row without restoring leaves the item unjudged; history keeps all four rows.
        _ = try store.undoJudgment(restored, by: "ann", restorePrevious: false)
        current = try store.currentJudgments(annotator: "ann")
        XCTAssertTrue(current.isEmpty)
        XCTAssertEqual(try store.judgmentHistory(itemID: 1).map(\.kind), [.judgment, .judgment, .judgment, .undo])
        XCTAssertNotEqual(first, restored)
    }

    func testJudgmentConnectionUsesSynchronousFull() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        let level = try store.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        XCTAssertEqual(level, 2) // FULL
    }

    func testGuidelineVersionsAreRecordedOncePerText() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        let v1 = try store.recordGuidelines("# Rules v1")
        XCTAssertEqual(try store.recordGuidelines("# Rules v1").id, v1.id)
        let v2 = try store.recordGuidelines("# Rules v2")
        XCTAssertNotEqual(v1.id, v2.id)
        XCTAssertEqual(try store.status(overlap: 1).guidelineVersion?.id, v2.id)
    }
}
