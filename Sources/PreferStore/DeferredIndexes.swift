import GRDB

/// Drops the item table's secondary indexes during a bulk import and rebuilds them before the commit.
/// Building an index sorts its keys once; keeping it up to date costs a random b-tree insert per row, and with
/// random keys (the queue order) a million of those cost more than the rows themselves. Small imports into a
/// large project keep their indexes: the switch happens only once an import has added as many items as the
/// table held before it (and at least `minimumRows`). Unique indexes stay: they enforce constraints.
/// Everything happens inside the import transaction, so a failed import rolls the drop back too.
public final class DeferredIndexes {
    private let db: Database
    private let threshold: Int
    private var added = 0
    private var dropped: [(name: String, sql: String)] = []

    /// Rows an import adds before its indexes are deferred, at the least (below that, keeping them is cheap).
    public static let defaultMinimumRows = 50_000

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
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_schema
            WHERE type = 'index' AND tbl_name = 'item' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
            ORDER BY name
            """)
        for row in rows {
            let name: String = row["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            dropped.append((name, row["sql"]))
        }
    }

    /// Recreates what was dropped, from the same statements.
    func rebuild() throws {
        guard !dropped.isEmpty else { return }
        // SQLite's sorter holds as much in memory as the page cache may: the import's 64 MiB cache plus a
        // 64 MiB sort would take peak memory past 150 MB. A 4 MiB cache for the rebuild (the import restores
        // its own afterwards) sorts in a few merged runs instead, at about the same speed.
        try db.execute(sql: "PRAGMA cache_size = -4096")
        // The parse threads are done by now: SQLite's sorter may use the idle cores (a quarter off the rebuild).
        try db.execute(sql: "PRAGMA threads = 2")
        defer { try? db.execute(sql: "PRAGMA threads = 0") }
        for index in dropped { try db.execute(sql: index.sql) }
        dropped = []
    }
}
