import Foundation
import GRDB
import XCTest
@testable import PreferCore
@testable import PreferStore

/// Import finds duplicates through `item.content_key` (migration v4), the content hash's first 8 bytes as an
/// integer. Two different hashes may share those bytes: the later one takes the next free key, and the duplicate
/// check walks the keys until it meets the same hash or a free key. Nothing is lost or merged by mistake.
final class ContentKeyTests: XCTestCase {
    func testKeyIsTheFirstEightBytesBigEndian() {
        XCTAssertEqual(ContentKey.of(hash: [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xFF]), 0x0102_0304_0506_0708)
        XCTAssertEqual(ContentKey.of(hash: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]), -2)
        XCTAssertEqual(ContentKey.of(hash: [0x01]), 0x0100_0000_0000_0000)
        XCTAssertEqual(ContentKey.probe(after: .max), .min)
        let item = pairItem(1)
        XCTAssertEqual(EncodedItem(item).contentKey, ContentKey.of(hash: ImportedItem.contentHashBytes(
            promptJSON: item.prompt.canonicalJSON, responses: item.responses)))
    }

    func testSharedFirstBytesKeepBothItemsAndDuplicatesAreStillFound() throws {
        let dir = try TempDir()
        // A v3 database holding two items whose hashes differ only after byte 8: the real hash of pairItem(1),
        // after an impostor with its first 8 bytes; and an impostor sharing pairItem(2)'s first 8 bytes.
        let real1 = hash(pairItem(1)), real2 = hash(pairItem(2))
        let impostor1 = Array(real1.prefix(8)) + [UInt8](repeating: 0xAA, count: 24)
        let impostor2 = Array(real2.prefix(8)) + [UInt8](repeating: 0xBB, count: 24)
        let path = try database(at: "v3-judgment-export-index", in: dir) { db in
            for (id, h) in [(1, impostor1), (2, real1), (3, impostor2)] {
                try db.execute(sql: "INSERT INTO item (id, batch_id, source_line, prompt_json, content_hash, queue_key) VALUES (?, 1, ?, '[]', ?, 0)",
                               arguments: [id, id, Data(h)])
            }
        }
        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try store.schemaVersion(), "v5-assignment-head")
        let keys = try store.pool.read { try Int64.fetchAll($0, sql: "SELECT content_key FROM item ORDER BY id") }
        XCTAssertEqual(keys, [ContentKey.of(hash: real1), ContentKey.of(hash: real1) + 1, ContentKey.of(hash: real2)])

        // pairItem(1) is item 2 (found past the impostor's key); pairItem(2) is new (its key is the impostor's:
        // it takes the next one); pairItem(3) is new.
        let counts = try store.importBatch(batch("again.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for n in 1...3 { try sink.add(pairItem(n)) }
        }
        XCTAssertEqual(counts.itemsAdded, 2)
        XCTAssertEqual(counts.duplicates, 1)
        let newKey = try store.pool.read {
            try Int64.fetchOne($0, sql: "SELECT content_key FROM item WHERE content_hash = ?", arguments: [Data(real2)])
        }
        XCTAssertEqual(newKey, ContentKey.of(hash: real2) + 1)
        // And once more: everything is a duplicate now, the probed item included.
        let third = try store.importBatch(batch("third.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for n in 1...3 { try sink.add(pairItem(n)) }
        }
        XCTAssertEqual(third.itemsAdded, 0)
        XCTAssertEqual(third.duplicates, 3)
        let check = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(check, "ok")
    }

    private func hash(_ item: ImportedItem) -> [UInt8] {
        ImportedItem.contentHashBytes(promptJSON: item.prompt.canonicalJSON, responses: item.responses)
    }
}
