import Foundation
import GRDB
import PreferCore

/// The SQLite store: one database file shared by every `prefer` process of a project.
public final class SQLiteStore: PreferStoring {
    let pool: DatabasePool
    /// Path of the database file.
    public let path: String
    /// Items an import adds before it stops maintaining the item table's secondary indexes and rebuilds them
    /// at the end instead (see `DeferredIndexes`).
    let bulkImportMinimumRows: Int

    /// Opens (and with `create`, creates) the database, applying migrations under a file lock.
    public init(path: String, create: Bool = false, bulkImportMinimumRows: Int = DeferredIndexes.defaultMinimumRows) throws {
        self.path = path
        self.bulkImportMinimumRows = bulkImportMinimumRows
        SQLiteGlobalConfig.applied
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw StoreOpenError(message: "no database at \(path): if it was moved, point `database:` in prefer.yaml at it; to start a new project elsewhere, run `prefer init DIR`")
        }
        var config = Configuration()
        // Other annotators' processes write to the same file: wait for their short transactions.
        config.busyMode = .timeout(10)
        if create {
            // 16 KiB pages for a new database (ignored for an existing one; it must come before WAL mode is set):
            // a bulk import then writes, and checkpoints, a quarter as many WAL frames, which halves its system time.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384") }
        }
        do {
            pool = try FileLock.withLock(path: path + ".lock") {
                let pool = try DatabasePool(path: path, configuration: config)
                try Migrations.migrator().migrate(pool)
                // Human judgments are slow and precious: durable on power loss. DatabasePool sets NORMAL
                // on its writer when it opens in WAL mode, so this must come after opening.
                try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
                return pool
            }
        } catch let e as DatabaseError {
            throw StoreOpenError(message: "cannot open database \(path): \(e.message ?? e.description)")
        }
    }

    /// For interactive use: SQLite's automatic checkpoint (copying the WAL into the database, one
    /// random write per page, hundreds of ms on a large file) runs inside a commit, so a key press would
    /// wait for it. This raises its threshold to `pages` and leaves the usual work to `checkpoint()`.
    public func deferCheckpoints(upToPages pages: Int) throws {
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = \(max(1, pages))") }
    }

    /// Copies committed WAL pages into the database without waiting for readers (a PASSIVE checkpoint).
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
    }

    /// The name of the newest applied migration.
    public func schemaVersion() throws -> String {
        try pool.read { db in try Migrations.migrator().appliedMigrations(db).last ?? "none" }
    }

    static func now() -> Double { Date().timeIntervalSince1970 }

    static func isoNow() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    public func audit(actor: String, action: String, detail: JSONValue) throws {
        try pool.write { db in try Self.audit(db, actor: actor, action: action, detail: detail) }
    }

    static func audit(_ db: Database, actor: String, action: String, detail: JSONValue) throws {
        try db.execute(sql: "INSERT INTO audit_log (at, actor, action, detail_json) VALUES (?, ?, ?, ?)",
                       arguments: [now(), actor, action, detail.canonicalJSON])
    }

    /// Audit log entries, oldest first (for `prefer log` and tests).
    public func auditLog() throws -> [(actor: String, action: String, detail: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, action, detail_json FROM audit_log ORDER BY id").map {
                ($0["actor"], $0["action"], $0["detail_json"])
            }
        }
    }
}

extension SQLiteStore {
    /// Rows of an arbitrary read-only query as dictionaries (for tests and diagnostics).
    public func rawRows(_ sql: String) throws -> [[String: Any]] {
        try pool.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                var d: [String: Any] = [:]
                for (column, value) in row {
                    switch value.storage {
                    case .int64(let i): d[column] = i
                    case .double(let x): d[column] = x
                    case .string(let s): d[column] = s
                    case .blob(let b): d[column] = b
                    case .null: break
                    }
                }
                return d
            }
        }
    }
}
