import CSQLiteConfig

/// Process-wide SQLite settings, applied once before the first connection opens.
enum SQLiteGlobalConfig {
    /// Runs on first use; later calls do nothing. A failure (a connection was already open) only costs speed.
    static let applied: Void = {
        _ = prefer_sqlite3_disable_memstatus()
    }()
}
