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
        case null, int(Int64), real(Double), text(String)
    }

    /// Binds the values in order, runs the statement and resets it.
    func run(_ values: Value...) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        try finish(Self.bindAndStep(s, values[...]))
    }

    /// Binds the first value, then the rest inside its scope, and steps last: text is bound without
    /// a copy (SQLITE_STATIC) because its bytes stay valid until the step has read them.
    private static func bindAndStep(_ s: OpaquePointer?, _ values: ArraySlice<Value>) -> Int32 {
        guard let value = values.first else { return sqlite3_step(s) }
        let index = Int32(values.startIndex + 1)
        let rest = values.dropFirst()
        switch value {
        case .null: sqlite3_bind_null(s, index)
        case .int(let n): sqlite3_bind_int64(s, index, n)
        case .real(let d): sqlite3_bind_double(s, index, d)
        case .text(var t):
            return t.withUTF8 { buf in
                bindText(s, index, UnsafeRawBufferPointer(buf))
                return bindAndStep(s, rest)
            }
        }
        return bindAndStep(s, rest)
    }

    /// Resets the statement, binds through `bind` (see `bind(_:_:_:)`), steps, resets and clears the bindings.
    /// For values whose bytes stay valid for the whole call, e.g. `PackedValues` inside `withValues`.
    func step(_ bind: (OpaquePointer?) -> Void) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        bind(s)
        try finish(sqlite3_step(s))
    }

    /// After a step: resets, clears the bindings (their bytes belonged to the caller: leave no pointer to them
    /// behind) and throws the step's error, if any.
    private func finish(_ rc: Int32) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        let message = rc == SQLITE_DONE ? nil : String(cString: sqlite3_errmsg(connection))
        sqlite3_clear_bindings(s)
        if let message {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: statement.sql)
        }
    }

    /// Binds text bytes without a copy (SQLITE_STATIC: they must outlive the step); nil binds NULL.
    static func bindText(_ s: OpaquePointer?, _ index: Int32, _ value: UnsafeRawBufferPointer?) {
        guard let value else { sqlite3_bind_null(s, index); return }
        guard let base = value.baseAddress else { sqlite3_bind_text(s, index, "", 0, transient); return }
        sqlite3_bind_text(s, index, base.assumingMemoryBound(to: CChar.self), Int32(value.count), nil)
    }

    /// Binds blob bytes without a copy (they must outlive the step); nil binds NULL.
    static func bindBlob(_ s: OpaquePointer?, _ index: Int32, _ value: UnsafeRawBufferPointer?) {
        guard let value else { sqlite3_bind_null(s, index); return }
        guard let base = value.baseAddress else { sqlite3_bind_zeroblob(s, index, 0); return }
        sqlite3_bind_blob(s, index, base, Int32(value.count), nil)
    }

    /// Rows changed by the last run.
    var changes: Int32 { sqlite3_changes(connection) }
    /// Row id of the last insert.
    var lastRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before bind returns (for the empty-text literal).
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension RawStatement.Value {
    /// Text or NULL.
    static func text(_ s: String?) -> Self { s.map { .text($0) } ?? .null }
}
