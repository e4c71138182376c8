import Foundation
import GRDB
import PreferCore

/// Versioned schema migrations. Never edit a shipped migration: add a new one.
enum Migrations {
    static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-foundation") { db in
            try db.execute(sql: schemaV1)
        }
        // Serving gold items looks them up on every queue top-up: without this a scan of every item.
        m.registerMigration("v2-item-gold-index") { db in
            try db.execute(sql: "CREATE INDEX item_gold ON item(id) WHERE gold IS NOT NULL")
        }
        // Export reads every current judgment grouped by item. Annotators store judgments in queue order (random
        // item order), so through `judgment_item` each vote cost a random table read: 3.8 s instead of 1.9 s for
        // a million. Covering the columns export reads makes that one sequential scan; it also serves every
        // lookup by item, so it replaces `judgment_item`.
        m.registerMigration("v3-judgment-export-index") { db in
            try db.execute(sql: """
                CREATE INDEX judgment_by_item ON judgment(item_id, id, kind, annotator, left_response_id, right_response_id,
                    choice, both_bad, guideline_version_id, rubric_version_id, scores_json);
                DROP INDEX judgment_item;
                """)
        }
        // The two unique constraints a bulk import paid for on every row, rebuilt (SQLite cannot drop a column
        // or table constraint: new table, copy, drop, rename, as SQLite documents; GRDB checks foreign keys after).
        // - item: the duplicate check searched a unique index of 32-byte random blobs, the costliest part of the
        //   inserts; an integer key of the hash's first 8 bytes is compared in place, in an index a third the size.
        // - response: UNIQUE (item_id, position) becomes a named unique index, which a bulk import can drop and
        //   rebuild at the end like the item table's other indexes (`DeferredIndexes`); the rebuild checks it.
        m.registerMigration("v4-import-keys") { db in
            let keys = KeyAllocator()
            let key = DatabaseFunction("prefer_content_key", argumentCount: 1, pure: false) { values in
                keys.next(for: Data.fromDatabaseValue(values[0]) ?? Data())
            }
            db.add(function: key)
            defer { db.remove(function: key) }
            try db.execute(sql: """
                CREATE TABLE item_v4 (
                    id INTEGER PRIMARY KEY,
                    external_id TEXT,
                    batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                    source_line INTEGER NOT NULL,
                    prompt_json TEXT NOT NULL,
                    metadata_json TEXT NOT NULL DEFAULT '{}',
                    content_hash BLOB NOT NULL,
                    -- ContentKey: the hash's first 8 bytes as an integer, unique (import's duplicate check).
                    -- The other columns are as in v1, whose comments say why.
                    content_key INTEGER NOT NULL UNIQUE,
                    gold TEXT CHECK (gold = 'A' OR gold = 'B' OR gold = 'tie'),
                    queue_key INTEGER NOT NULL,
                    assigned INTEGER NOT NULL DEFAULT 0,
                    open INTEGER NOT NULL DEFAULT 1
                );
                INSERT INTO item_v4 (id, external_id, batch_id, source_line, prompt_json, metadata_json, content_hash,
                                     content_key, gold, queue_key, assigned, open)
                    SELECT id, external_id, batch_id, source_line, prompt_json, metadata_json, content_hash,
                           prefer_content_key(content_hash), gold, queue_key, assigned, open
                    FROM item ORDER BY id;
                DROP TABLE item;
                ALTER TABLE item_v4 RENAME TO item;
                CREATE INDEX item_external_id ON item(external_id);
                CREATE INDEX item_open_queue ON item(queue_key) WHERE open = 1 AND gold IS NULL;
                CREATE INDEX item_gold ON item(id) WHERE gold IS NOT NULL;

                CREATE TABLE response_v4 (
                    id INTEGER PRIMARY KEY,
                    item_id INTEGER NOT NULL REFERENCES item(id),
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    model TEXT,
                    metadata_json TEXT NOT NULL DEFAULT '{}'
                );
                INSERT INTO response_v4 (id, item_id, position, text, model, metadata_json)
                    SELECT id, item_id, position, text, model, metadata_json FROM response ORDER BY id;
                DROP TABLE response;
                ALTER TABLE response_v4 RENAME TO response;
                CREATE UNIQUE INDEX response_item_position ON response(item_id, position);
                """)
        }
        // Annotate reads an annotator's whole queue at start, with each assignment's current judgment. Found by a
        // search of the judgments per assignment, that took 0.46 s for an annotator with 250,000 judgments (the
        // target is 200 ms to the first frame). Every judgment write now records the pair's current row on the
        // assignment (`SQLiteStore.recordHead`), and start reads the assignments alone, from an index that covers
        // what it reads (one sequential pass, no table lookups).
        m.registerMigration("v5-assignment-head") { db in
            try db.execute(sql: """
                ALTER TABLE assignment ADD COLUMN head_id INTEGER;
                ALTER TABLE assignment ADD COLUMN head_kind TEXT;
                DROP INDEX assignment_queue;
                """)
            try db.execute(sql: SQLiteStore.backfillHeadsSQL)
            try db.execute(sql: """
                CREATE INDEX assignment_queue ON assignment(annotator, queue_position, item_id, left_response_id, right_response_id,
                                                            head_id, head_kind);
                """)
        }
        return m
    }

    static let schemaV1 = """
    CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        shape TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        rows_read INTEGER NOT NULL DEFAULT 0,
        items_added INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        labels_kept INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX import_batch_sha256 ON import_batch(sha256);

    CREATE TABLE item (
        id INTEGER PRIMARY KEY,
        external_id TEXT,
        batch_id INTEGER NOT NULL REFERENCES import_batch(id),
        source_line INTEGER NOT NULL,
        prompt_json TEXT NOT NULL,
        metadata_json TEXT NOT NULL DEFAULT '{}',
        -- The 32 raw bytes of ImportedItem.contentHash (read back as lower(hex(content_hash))): half the
        -- size of the hex text, so the unique index that import checks per row stays in the page cache.
        content_hash BLOB NOT NULL UNIQUE,
        -- Written as ORs, not IN (...): SQLite checks a 3-value IN list by building a temporary b-tree for
        -- every inserted row, a tenth of a bulk import's insert time. Same meaning, NULL included.
        gold TEXT CHECK (gold = 'A' OR gold = 'B' OR gold = 'tie'),
        -- Serving order (QueueRules.queueKey) and how many annotators have the item in their queue.
        queue_key INTEGER NOT NULL,
        assigned INTEGER NOT NULL DEFAULT 0,
        open INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX item_external_id ON item(external_id);
    CREATE INDEX item_open_queue ON item(queue_key) WHERE open = 1 AND gold IS NULL;

    CREATE TABLE project_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    -- Model names are stored for statistics and export, never shown to annotators.
    CREATE TABLE response (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES item(id),
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        model TEXT,
        metadata_json TEXT NOT NULL DEFAULT '{}',
        UNIQUE (item_id, position)
    );

    CREATE TABLE annotator (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('lead', 'annotator', 'source')),
        created_at TEXT NOT NULL
    );

    CREATE TABLE guideline_version (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    );

    CREATE TABLE rubric_version (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        definition_json TEXT NOT NULL,
        created_at TEXT NOT NULL
    );

    -- Which response pair an annotator is served for an item, in the order shown.
    CREATE TABLE assignment (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES item(id),
        annotator TEXT NOT NULL REFERENCES annotator(name),
        left_response_id INTEGER NOT NULL REFERENCES response(id),
        right_response_id INTEGER NOT NULL REFERENCES response(id),
        queue_position INTEGER NOT NULL,
        assigned_at TEXT NOT NULL,
        UNIQUE (annotator, item_id, left_response_id, right_response_id)
    );
    CREATE INDEX assignment_queue ON assignment(annotator, queue_position);

    -- Append-only: a change or an undo is a new row whose supersedes_id names the old one.
    CREATE TABLE judgment (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind = 'judgment' OR kind = 'skip' OR kind = 'undo'), -- ORs: see item.gold
        item_id INTEGER NOT NULL REFERENCES item(id),
        annotator TEXT NOT NULL REFERENCES annotator(name),
        left_response_id INTEGER NOT NULL REFERENCES response(id),
        right_response_id INTEGER NOT NULL REFERENCES response(id),
        choice INTEGER,
        both_bad INTEGER NOT NULL DEFAULT 0,
        scores_json TEXT NOT NULL DEFAULT '{}',
        flags_json TEXT NOT NULL DEFAULT '[]',
        confidence INTEGER CHECK (confidence BETWEEN 1 AND 5),
        rationale TEXT NOT NULL DEFAULT '',
        skip_reason TEXT,
        guideline_version_id INTEGER REFERENCES guideline_version(id),
        rubric_version_id INTEGER REFERENCES rubric_version(id),
        started_at REAL NOT NULL,
        submitted_at REAL NOT NULL,
        active_seconds REAL NOT NULL DEFAULT 0,
        supersedes_id INTEGER REFERENCES judgment(id)
    );
    CREATE INDEX judgment_item ON judgment(item_id);
    CREATE INDEX judgment_annotator ON judgment(annotator, item_id);
    CREATE UNIQUE INDEX judgment_supersedes ON judgment(supersedes_id) WHERE supersedes_id IS NOT NULL;
    CREATE TRIGGER judgment_append_only_update BEFORE UPDATE ON judgment
        BEGIN SELECT RAISE(ABORT, 'judgments are append-only'); END;
    CREATE TRIGGER judgment_append_only_delete BEFORE DELETE ON judgment
        BEGIN SELECT RAISE(ABORT, 'judgments are append-only'); END;

    CREATE TABLE adjudication (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES item(id),
        lead TEXT NOT NULL REFERENCES annotator(name),
        first_response_id INTEGER NOT NULL REFERENCES response(id),
        second_response_id INTEGER NOT NULL REFERENCES response(id),
        label TEXT NOT NULL CHECK (label IN ('A', 'B', 'tie', 'both_bad')),
        strength INTEGER,
        note TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        supersedes_id INTEGER REFERENCES adjudication(id)
    );
    CREATE INDEX adjudication_item ON adjudication(item_id);

    CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY,
        tag TEXT NOT NULL UNIQUE,
        note TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        created_by TEXT NOT NULL,
        content_hash TEXT NOT NULL
    );
    CREATE TABLE snapshot_judgment (
        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
        judgment_id INTEGER NOT NULL REFERENCES judgment(id),
        PRIMARY KEY (snapshot_id, judgment_id)
    ) WITHOUT ROWID;
    CREATE TABLE snapshot_adjudication (
        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
        adjudication_id INTEGER NOT NULL REFERENCES adjudication(id),
        PRIMARY KEY (snapshot_id, adjudication_id)
    ) WITHOUT ROWID;

    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """
}

/// Content keys for the rows the v4 migration copies, unique as import keeps them: a hash whose key is taken
/// (two hashes sharing their first 8 bytes, never seen in practice) takes the next free one (`ContentKey.probe`).
/// Called by SQLite on the migrating connection only, one row at a time.
private final class KeyAllocator: @unchecked Sendable {
    private var used = Set<Int64>()

    func next(for hash: Data) -> Int64 {
        var key = ContentKey.of(hash: hash)
        while !used.insert(key).inserted { key = ContentKey.probe(after: key) }
        return key
    }
}
