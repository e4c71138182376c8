import Foundation
import GRDB
import GRDBSQLite
import PreferCore

extension SQLiteStore {
    public func importSession(again: Bool, _ body: (ImportSession) throws -> Void) throws {
        try pool.writeWithoutTransaction { db in
            // Bulk rows can be imported again after a power loss; judgments keep synchronous=FULL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Every reference import writes points at a row the same transaction just wrote (batch, item,
            // response, source annotator): checking each one costs a tenth of the insert time for nothing.
            // The pragma is a no-op inside a transaction, so it is set around it.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            // A large transaction overflows the default 2 MiB page cache: SQLite then spills dirty pages to
            // the WAL and reads them back for every index lookup (most of import's system time). 64 MiB keeps
            // the hot index pages in memory and still leaves peak RSS well under 150 MB.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer {
                try? db.execute(sql: "PRAGMA foreign_keys = ON")
                try? db.execute(sql: "PRAGMA synchronous = FULL")
                try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
            }
            try db.inTransaction(.immediate) {
                let indexes = try DeferredIndexes(db: db, minimumRows: bulkImportMinimumRows)
                try body(SQLiteImportSession(db: db, again: again, indexes: indexes))
                try indexes.rebuild()
                return .commit
            }
            // The import's WAL is about the size of the imported data, and it stays on disk at that size while
            // other processes hold the database open: copy it into the database and truncate it now. Best effort:
            // a busy reader only leaves the WAL for a later checkpoint.
            _ = try? Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}

/// Batches of one import transaction.
final class SQLiteImportSession: ImportSession {
    let db: Database
    let again: Bool
    let indexes: DeferredIndexes
    var current: (info: BatchInfo, id: Int64, sink: SQLiteImportSink)?

    init(db: Database, again: Bool, indexes: DeferredIndexes) {
        self.db = db
        self.again = again
        self.indexes = indexes
    }

    func begin(_ info: BatchInfo, keepLabelsAs: String?) throws -> ImportSink {
        try db.execute(sql: """
            INSERT INTO import_batch (file_name, file_path, sha256, format, shape, imported_at, imported_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [info.fileName, info.filePath, info.sha256, info.format, info.shape, SQLiteStore.isoNow(), info.importedBy])
        let batchID = db.lastInsertedRowID
        if let source = keepLabelsAs {
            try db.execute(sql: "INSERT INTO annotator (name, role, created_at) VALUES (?, 'source', ?) ON CONFLICT(name) DO NOTHING",
                           arguments: [source, SQLiteStore.isoNow()])
        }
        let sink = try SQLiteImportSink(db: db, batchID: batchID, sourceAnnotator: keepLabelsAs, seed: info.seed, indexes: indexes)
        current = (info, batchID, sink)
        return sink
    }

    func finish(sha256: String, shape: String) throws -> ImportCounts {
        guard let (info, batchID, sink) = current else { throw StoreError.invalid("no import batch was started") }
        current = nil
        if !again, let prior = try Row.fetchOne(db, sql: "SELECT id, imported_at FROM import_batch WHERE sha256 = ? AND id != ? ORDER BY id LIMIT 1",
                                                arguments: [sha256, batchID]) {
            throw StoreError.alreadyImported(file: info.fileName, batchID: prior["id"], at: prior["imported_at"])
        }
        let counts = sink.counts
        try db.execute(sql: """
            UPDATE import_batch SET sha256 = ?, shape = ?, rows_read = ?, items_added = ?, duplicates = ?, rejected = ?, labels_kept = ?
            WHERE id = ?
            """, arguments: [sha256, shape, counts.rowsRead, counts.itemsAdded, counts.duplicates, counts.rejected, counts.labelsKept, batchID])
        try SQLiteStore.audit(db, actor: info.importedBy, action: "import", detail: .object([
            "batch": .number(Double(batchID)), "file": .string(info.fileName), "sha256": .string(sha256),
            "items_added": .number(Double(counts.itemsAdded)), "duplicates": .number(Double(counts.duplicates)),
            "rejected": .number(Double(counts.rejected)),
        ]))
        return counts
    }
}

/// Writes streamed items inside the import transaction with prepared statements (the hot path of import).
final class SQLiteImportSink: ImportSink {
    let db: Database
    let batchID: Int64
    let sourceAnnotator: String?
    let seed: UInt64
    let indexes: DeferredIndexes
    let insertItem: RawStatement
    let insertResponse: RawStatement
    let insertLabel: RawStatement
    let now = SQLiteStore.now()
    var counts = ImportCounts()

    init(db: Database, batchID: Int64, sourceAnnotator: String?, seed: UInt64, indexes: DeferredIndexes) throws {
        self.db = db
        self.indexes = indexes
        self.batchID = batchID
        self.sourceAnnotator = sourceAnnotator
        self.seed = seed
        insertItem = RawStatement(try db.cachedStatement(sql: """
            INSERT INTO item (external_id, batch_id, source_line, prompt_json, metadata_json, content_hash, content_key, gold, queue_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_key) DO NOTHING
            """), in: db)
        insertResponse = RawStatement(try db.cachedStatement(sql: """
            INSERT INTO response (item_id, position, text, model, metadata_json) VALUES (?, ?, ?, ?, ?)
            """), in: db)
        insertLabel = RawStatement(try db.cachedStatement(sql: """
            INSERT INTO judgment (kind, item_id, annotator, left_response_id, right_response_id, choice, started_at, submitted_at)
            VALUES ('judgment', ?, ?, ?, ?, ?, ?, ?)
            """), in: db)
    }

    func add(_ encoded: EncodedItem) throws -> Bool {
        counts.rowsRead += 1
        // Response ids are collected only for a label to point at.
        let inserted = try encoded.packed.withValues { v -> (itemID: Int64, responseIDs: [Int64])? in
            guard let itemID = try insertItem(encoded, v) else { return nil }
            return (itemID, try insertResponses(of: itemID, encoded, v, keepingIDs: sourceAnnotator != nil && encoded.sourceLabel != nil))
        }
        guard let (itemID, responseIDs) = inserted else {
            counts.duplicates += 1
            return false
        }
        counts.itemsAdded += 1
        counts.responsesAdded += encoded.responseCount
        try indexes.itemAdded()
        try keepLabel(encoded, itemID: itemID, responseIDs: responseIDs)
        return true
    }

    /// Inserts the item row and returns its id, or nil for content already in the project (then its label may
    /// still be kept). The content key is tried first; a key held by a different hash sharing its first 8
    /// bytes sends the item to the next one (`ContentKey`).
    private func insertItem(_ encoded: EncodedItem, _ v: PackedValues.Values) throws -> Int64? {
        typealias Slot = EncodedItem.Slot
        let queueKey = encoded.queueSeed == seed ? encoded.queueKey : QueueRules.queueKey(contentHash: encoded.contentHash, seed: seed)
        var contentKey = encoded.contentKey
        while true {
            try insertItem.step { s in
                RawStatement.bindText(s, 1, v[Slot.externalID])
                sqlite3_bind_int64(s, 2, batchID)
                sqlite3_bind_int64(s, 3, Int64(encoded.line))
                RawStatement.bindText(s, 4, v[Slot.promptJSON])
                RawStatement.bindText(s, 5, v[Slot.metadataJSON])
                RawStatement.bindBlob(s, 6, v[Slot.contentHash])
                sqlite3_bind_int64(s, 7, contentKey)
                RawStatement.bindText(s, 8, v[Slot.gold])
                sqlite3_bind_int64(s, 9, queueKey)
            }
            if insertItem.changes > 0 { return insertItem.lastRowID }
            let holder = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, content_hash FROM item WHERE content_key = ?"),
                                          arguments: [contentKey])
            if let holder, (holder["content_hash"] as Data?).map(Array.init) == encoded.contentHashBytes {
                try keepLabelOfDuplicate(encoded, itemID: holder["id"])
                return nil
            }
            contentKey = ContentKey.probe(after: contentKey)
        }
    }

    /// Inserts the item's responses; their ids when `keepingIDs`.
    private func insertResponses(of itemID: Int64, _ encoded: EncodedItem, _ v: PackedValues.Values, keepingIDs: Bool) throws -> [Int64] {
        var ids: [Int64] = []
        for position in 0..<encoded.responseCount {
            let slot = EncodedItem.Slot.responses + EncodedItem.Slot.responseSlots * position
            try insertResponse.step { s in
                sqlite3_bind_int64(s, 1, itemID)
                sqlite3_bind_int64(s, 2, Int64(position))
                RawStatement.bindText(s, 3, v[slot])
                RawStatement.bindText(s, 4, v[slot + 1])
                RawStatement.bindText(s, 5, v[slot + 2])
            }
            if keepingIDs { ids.append(insertResponse.lastRowID) }
        }
        return ids
    }

    /// With `--keep-labels`, records the file's own label as a judgment of the source annotator: direction only
    /// (strength 1), the preferred response shown left.
    private func keepLabel(_ encoded: EncodedItem, itemID: Int64, responseIDs: [Int64]) throws {
        guard let source = sourceAnnotator, let label = encoded.sourceLabel,
              label.other < responseIDs.count, (label.preferred ?? 0) < responseIDs.count else { return }
        let left = responseIDs[label.preferred ?? (label.other == 0 ? 1 : 0)]
        try insertLabel.run(.int(itemID), .text(source), .int(left), .int(responseIDs[label.other]),
                            .int(label.preferred == nil ? 0 : -1), .real(now), .real(now))
        counts.labelsKept += 1
    }

    func reject() {
        counts.rowsRead += 1
        counts.rejected += 1
    }

    /// `--keep-labels` on an item already in the project (imported earlier without labels, or by another file):
    /// the label is added unless this source already has one for the item.
    private func keepLabelOfDuplicate(_ encoded: EncodedItem, itemID: Int64) throws {
        guard let source = sourceAnnotator, encoded.sourceLabel != nil else { return }
        let labelled = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM judgment WHERE item_id = ? AND annotator = ?)"),
                                         arguments: [itemID, source]) ?? false
        guard !labelled else { return }
        try indexes.restore("response")
        let responseIDs = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM response WHERE item_id = ? ORDER BY position"),
                                             arguments: [itemID])
        try keepLabel(encoded, itemID: itemID, responseIDs: responseIDs)
    }
}
