import GRDB
import XCTest
@testable import PreferCore
@testable import PreferStore

/// A large import stops maintaining the item table's secondary indexes and rebuilds them before it commits
/// (`DeferredIndexes`). These tests lower the threshold so that a few hundred items take that path.
final class BulkImportIndexTests: XCTestCase {
    private var dirs: [TempDir] = []

    private func open(minimumRows: Int) throws -> SQLiteStore {
        let dir = try TempDir()
        dirs.append(dir)
        return try SQLiteStore(path: dir.path("bulk.sqlite"), create: true, bulkImportMinimumRows: minimumRows)
    }

    private func fill(_ store: SQLiteStore, items: Int, gold: Int = 0) throws -> ImportCounts {
        try store.importBatch(batch("bulk.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 0..<(items + gold) { try sink.add(pairItem(i, gold: i >= items ? .b : nil)) }
            try sink.add(pairItem(3))  // a duplicate after the indexes were dropped is still caught
        }
    }

    private func itemIndexes(_ path: String, table: String = "item") throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? ORDER BY name",
                                arguments: [table])
        }
    }

    func testBulkImportRebuildsEveryIndexAndServesTheSameQueue() throws {
        let bulk = try open(minimumRows: 50)
        let plain = try open(minimumRows: 1_000_000)
        let bulkCounts = try fill(bulk, items: 300, gold: 40)
        let plainCounts = try fill(plain, items: 300, gold: 40)
        XCTAssertEqual(bulkCounts.itemsAdded, 340)
        XCTAssertEqual(bulkCounts.duplicates, 1)
        XCTAssertEqual(bulkCounts, plainCounts)

        XCTAssertEqual(try itemIndexes(bulk.path), try itemIndexes(plain.path))
        XCTAssertTrue(try itemIndexes(bulk.path).contains("item_open_queue"))
        XCTAssertEqual(try itemIndexes(bulk.path, table: "response"), ["response_item_position"])
        let check = try DatabaseQueue(path: bulk.path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(check, "ok")

        // The rebuilt indexes answer the queries the queue makes: same items, same order, gold mixed in.
        let policy = QueuePolicy(overlap: 1, goldRate: 0.1, seed: 5, chunk: 30)
        XCTAssertEqual(try bulk.queue(annotator: "ann", policy: policy), try plain.queue(annotator: "ann", policy: policy))
    }

    func testLabelsKeptForEarlierItemsDuringABulkImportPointAtTheirResponses() throws {
        let store = try open(minimumRows: 20)
        _ = try store.importBatch(batch("first.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 0..<30 { try sink.add(pairItem(i)) }
        }
        // 40 new items drop the indexes (more than the 30 already there), then the first file's items come again
        // with labels: each label needs the earlier item's responses, which the response index finds.
        let label = SourceLabel(preferred: 1, other: 0)
        let counts = try store.importBatch(batch("labelled.jsonl"), keepLabelsAs: "source:gold", again: false) { sink in
            for i in 100..<140 { try sink.add(pairItem(i)) }
            for i in 0..<30 { try sink.add(pairItem(i, label: label)) }
        }
        XCTAssertEqual(counts.itemsAdded, 40)
        XCTAssertEqual(counts.duplicates, 30)
        XCTAssertEqual(counts.labelsKept, 30)
        let wrong = try DatabaseQueue(path: store.path).read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM judgment j JOIN response l ON l.id = j.left_response_id JOIN response r ON r.id = j.right_response_id
                WHERE j.annotator = 'source:gold' AND NOT (l.item_id = j.item_id AND l.position = 1 AND r.item_id = j.item_id AND r.position = 0)
                """)
        }
        XCTAssertEqual(wrong, 0)
        XCTAssertEqual(try itemIndexes(store.path, table: "response"), ["response_item_position"])
        XCTAssertTrue(try itemIndexes(store.path).contains("item_open_queue"))
    }

    func testAFailedBulkImportKeepsTheIndexesAndAddsNothing() throws {
        let store = try open(minimumRows: 20)
        struct Boom: Error {}
        XCTAssertThrowsError(try store.importBatch(batch("bad.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 0..<100 { try sink.add(pairItem(i)) }
            throw Boom()
        })
        XCTAssertEqual(try itemIndexes(store.path), ["item_external_id", "item_gold", "item_open_queue", "sqlite_autoindex_item_1"])
        XCTAssertEqual(try itemIndexes(store.path, table: "response"), ["response_item_position"])
        XCTAssertEqual(try store.status(overlap: 1).items, 0)
    }
}
