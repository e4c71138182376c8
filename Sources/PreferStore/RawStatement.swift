import GRDB
import GRDBSQLite

/// Binds and steps a prepared GRDB statement through the SQLite C API: the import hot path runs millions of
/// inserts, and skipping GRDB's argument boxing there doubles the insert rate. Only for statements that
/// return no rows.
struct RawStatement {
    let statement: Statement
    let connection: OpaquePointer

    init(_ statement: Statement, in db: Database) {
        self.statement = statement
        self.connection = db.sqliteConnection!
    }

    /// One value to bind.
    enum Value {
        case null, int(Int64), real(Double), text(String), blob([UInt8])
    }

    /// Binds the values in order, runs the statement and resets it.
    func run(_ values: Value...) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            switch v {
            case .null: sqlite3_bind_null(s, index)
            case .int(let n): sqlite3_bind_int64(s, index, n)
            case .real(let d): sqlite3_bind_double(s, index, d)
            case .text(let t):
                var t = t
                t.withUTF8 { buf in
                    if let base = buf.baseAddress {
                        _ = sqlite3_bind_text(s, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buf.count), Self.transient)
                    } else {
                        _ = sqlite3_bind_text(s, index, "", 0, Self.transient) // empty text, not NULL
                    }
                }
            case .blob(let b):
                _ = b.withUnsafeBytes { sqlite3_bind_blob(s, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
        }
        let rc = sqlite3_step(s)
        sqlite3_reset(s)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
        }
    }

    /// Rows changed by the last run.
    var changes: Int32 { sqlite3_changes(connection) }
    /// Row id of the last insert.
    var lastRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before bind returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension RawStatement.Value {
    /// Text or NULL.
    static func text(_ s: String?) -> Self { s.map { .text($0) } ?? .null }
}
