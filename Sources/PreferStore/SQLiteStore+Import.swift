import Foundation
import GRDB
import PreferCore

extension SQLiteStore {
    public func importBatch(_ info: BatchInfo, keepLabelsAs: String?, again: Bool,
                            produce: (ImportSink) throws -> Void) throws -> ImportCounts {
        try pool.writeWithoutTransaction { db in
            // Bulk rows may be re-imported after a power loss; judgments keep synchronous=FULL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            var counts = ImportCounts()
            try db.inTransaction(.immediate) {
                if !again, let prior = try Row.fetchOne(db, sql: "SELECT id, imported_at FROM import_batch WHERE sha256 = ? ORDER BY id LIMIT 1",
                                                        arguments: [info.sha256]) {
                    throw StoreError.alreadyImported(file: info.fileName, batchID: prior["id"], at: prior["imported_at"])
                }
                try db.execute(sql: """
                    INSERT INTO import_batch (file_name, file_path, sha256, format, shape, imported_at, imported_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [info.fileName, info.filePath, info.sha256, info.format, info.shape, Self.isoNow(), info.importedBy])
                let batchID = db.lastInsertedRowID
                if let source = keepLabelsAs {
                    try db.execute(sql: "INSERT INTO annotator (name, role, created_at) VALUES (?, 'source', ?) ON CONFLICT(name) DO NOTHING",
                                   arguments: [source, Self.isoNow()])
                }
                let sink = try SQLiteImportSink(db: db, batchID: batchID, sourceAnnotator: keepLabelsAs, seed: info.seed)
                try produce(sink)
                counts = sink.counts
                try db.execute(sql: """
                    UPDATE import_batch SET rows_read = ?, items_added = ?, duplicates = ?, rejected = ?, labels_kept = ?
                    WHERE id = ?
                    """, arguments: [counts.rowsRead, counts.itemsAdded, counts.duplicates, counts.rejected, counts.labelsKept, batchID])
                try Self.audit(db, actor: info.importedBy, action: "import", detail: .object([
                    "batch": .number(Double(batchID)), "file": .string(info.fileName), "sha256": .string(info.sha256),
                    "items_added": .number(Double(counts.itemsAdded)), "duplicates": .number(Double(counts.duplicates)),
                    "rejected": .number(Double(counts.rejected)),
                ]))
                return .commit
            }
            return counts
        }
    }
}

/// Writes streamed items inside the import transaction with prepared statements (the hot path of import).
final class SQLiteImportSink: ImportSink {
    let db: Database
    let batchID: Int64
    let sourceAnnotator: String?
    let seed: UInt64
    let insertItem: Statement
    let insertResponse: Statement
    let insertLabel: Statement
    let now = SQLiteStore.now()
    var counts = ImportCounts()

    init(db: Database, batchID: Int64, sourceAnnotator: String?, seed: UInt64) throws {
        self.db = db
        self.seed = seed
        self.batchID = batchID
        self.sourceAnnotator = sourceAnnotator
        insertItem = try db.makeStatement(sql: """
            INSERT INTO item (external_id, batch_id, source_line, prompt_json, metadata_json, content_hash, gold, queue_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING
            """)
        insertResponse = try db.makeStatement(sql: """
            INSERT INTO response (item_id, position, text, model, metadata_json) VALUES (?, ?, ?, ?, ?)
            """)
        insertLabel = try db.makeStatement(sql: """
            INSERT INTO judgment (kind, item_id, annotator, left_response_id, right_response_id, choice, started_at, submitted_at)
            VALUES ('judgment', ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func add(_ item: ImportedItem) throws -> Bool {
        counts.rowsRead += 1
        let metadata = item.metadata.isEmpty ? "{}" : JSONValue.object(item.metadata).canonicalJSON
        let hash = item.contentHash
        try insertItem.execute(arguments: [item.externalID, batchID, item.line, item.prompt.canonicalJSON, metadata,
                                           hash, item.gold?.rawValue, QueueRules.queueKey(contentHash: hash, seed: seed)])
        if db.changesCount == 0 {
            counts.duplicates += 1
            return false
        }
        let itemID = db.lastInsertedRowID
        var responseIDs: [Int64] = []
        responseIDs.reserveCapacity(item.responses.count)
        for (position, r) in item.responses.enumerated() {
            let meta = r.metadata.isEmpty ? "{}" : JSONValue.object(r.metadata).canonicalJSON
            try insertResponse.execute(arguments: [itemID, position, r.text, r.model, meta])
            responseIDs.append(db.lastInsertedRowID)
        }
        counts.itemsAdded += 1
        counts.responsesAdded += responseIDs.count
        if let source = sourceAnnotator, let label = item.sourceLabel {
            // The file's own label: direction only (strength 1), preferred response shown left.
            let left = responseIDs[label.preferred ?? (label.other == 0 ? 1 : 0)]
            let right = responseIDs[label.other]
            try insertLabel.execute(arguments: [itemID, source, left, right, label.preferred == nil ? 0 : -1, now, now])
            counts.labelsKept += 1
        }
        return true
    }

    func reject() {
        counts.rowsRead += 1
        counts.rejected += 1
    }
}
