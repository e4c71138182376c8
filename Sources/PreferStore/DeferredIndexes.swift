import GRDB

/// Drops the item and response tables' indexes during a bulk import and rebuilds them before the commit.
/// Building an index sorts its keys once; keeping it up to date costs a b-tree descent per row, and with random
/// keys (the queue order) a million of those cost more than the rows themselves. Small imports into a large
/// project keep their indexes: the switch happens only once an import has added as many items as the table held
/// before it (and at least `minimumRows`). Indexes behind a column constraint (the content key that import
/// checks for duplicates, primary keys) stay; a dropped unique index is checked again when it is rebuilt, so a
/// violation still fails the import. Everything happens inside the import transaction, so a failed import rolls
/// the drop back too.
public final class DeferredIndexes {
    private let db: Database
    private let threshold: Int
    private var added = 0
    private var dropped: [(table: String, name: String, sql: String)] = []
    /// Tables whose indexes a lookup during the import needed back: not dropped again.
    private var kept: Set<String> = []

    /// Rows an import adds before its indexes are deferred, at the least (below that, keeping them is cheap).
    public static let defaultMinimumRows = 50_000
    private static let tables = ["item", "response"]

    init(db: Database, minimumRows: Int) throws {
        self.db = db
        // max(id) reads one b-tree edge; count(*) would scan the table.
        let existing = try Int.fetchOne(db, sql: "SELECT max(id) FROM item") ?? 0
        threshold = max(minimumRows, existing)
    }

    /// Counts an added item; the first time the count reaches the threshold, drops the indexes.
    func itemAdded() throws {
        added += 1
        guard added == threshold else { return }
        for table in Self.tables where !kept.contains(table) {
            // Indexes with SQL were made by CREATE INDEX; constraint indexes (sql NULL) cannot be dropped.
            let rows = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
                """, arguments: [table])
            for row in rows {
                let name: String = row["name"]
                try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
                dropped.append((table, name, row["sql"]))
            }
        }
    }

    /// Rebuilds `table`'s dropped indexes now and keeps them for the rest of the import: for a lookup that
    /// would otherwise scan the table (labels kept for items imported earlier).
    func restore(_ table: String) throws {
        kept.insert(table)
        guard dropped.contains(where: { $0.table == table }) else { return }
        try rebuild(dropped.filter { $0.table == table })
        dropped.removeAll { $0.table == table }
    }

    /// Recreates what was dropped, from the same statements.
    func rebuild() throws {
        try rebuild(dropped)
        dropped = []
    }

    private func rebuild(_ indexes: [(table: String, name: String, sql: String)]) throws {
        guard !indexes.isEmpty else { return }
        // SQLite's sorter holds as much in memory as the page cache may: the import's 64 MiB cache plus a
        // 64 MiB sort would take peak memory past 150 MB. A 4 MiB cache for the rebuild sorts in a few merged
        // runs instead, at about the same speed; the import's cache comes back afterwards.
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -4096")
        // The parse threads are done by now: SQLite's sorter may use the idle cores (a quarter off the rebuild).
        try db.execute(sql: "PRAGMA threads = 2")
        defer {
            try? db.execute(sql: "PRAGMA threads = 0")
            try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
        }
        for index in indexes { try db.execute(sql: index.sql) }
    }
}
