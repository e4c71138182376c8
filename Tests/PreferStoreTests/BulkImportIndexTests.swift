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

    private func itemIndexes(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'item' ORDER BY name")
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
        let check = try DatabaseQueue(path: bulk.path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(check, "ok")

        // The rebuilt indexes answer the queries the queue makes: same items, same order, gold mixed in.
        let policy = QueuePolicy(overlap: 1, goldRate: 0.1, seed: 5, chunk: 30)
        XCTAssertEqual(try bulk.queue(annotator: "ann", policy: policy), try plain.queue(annotator: "ann", policy: policy))
    }

    func testAFailedBulkImportKeepsTheIndexesAndAddsNothing() throws {
        let store = try open(minimumRows: 20)
        struct Boom: Error {}
        XCTAssertThrowsError(try store.importBatch(batch("bad.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 0..<100 { try sink.add(pairItem(i)) }
            throw Boom()
        })
        XCTAssertEqual(try itemIndexes(store.path), ["item_external_id", "item_gold", "item_open_queue", "sqlite_autoindex_item_1"])
        XCTAssertEqual(try store.status(overlap: 1).items, 0)
    }
}
