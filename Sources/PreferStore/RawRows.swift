import GRDB
import PreferCore
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Steps a prepared GRDB statement through the SQLite C API and reads columns in place: the export hot loop
/// reads millions of rows, and GRDB's `Row` decoding cost more there than the query itself.
/// Column values (`bytes`) are valid only until the next `step()`.
struct RawRows {
    /// Kept alive: finalizing it would free the C statement.
    private let statement: Statement
    private let s: OpaquePointer
    private let connection: OpaquePointer?

    /// Prepares `sql` (not cached) and binds `arguments`.
    init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        s = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// Moves to the next row; false after the last.
    func step() throws -> Bool {
        let rc = sqlite3_step(s)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: connection.map { String(cString: sqlite3_errmsg($0)) },
                            sql: statement.sql)
    }

    /// Resets to the first row, with `arguments` bound instead.
    func rerun(_ arguments: StatementArguments) throws {
        sqlite3_reset(s)
        try statement.setArguments(arguments)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(s, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(s, column) }
    func int64OrNil(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// Text as GRDB decodes it (`String(cString:)`: up to a NUL byte, invalid UTF-8 repaired), so that
    /// exports read this way stay byte-identical to those read through GRDB.
    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(s, column) else { return "" }
        return String(cString: text)
    }

    func stringOrNil(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }

    /// The column's text bytes in place (no copy); valid until the next `step()`.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let base = sqlite3_column_text(s, column)  // before _bytes: it may convert the value
        let count = Int(sqlite3_column_bytes(s, column))
        return UnsafeBufferPointer(start: base, count: base == nil ? 0 : count)
    }

    /// The column's text bytes up to the first NUL byte, in place: the bytes `string(_:)` decodes.
    func cStringBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let b = bytes(column)
        guard let base = b.baseAddress else { return b }
        return UnsafeBufferPointer(start: base, count: strnlen(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), b.count))
    }

    /// The column's bytes as a blob, in place (empty for NULL); valid until the next `step()`.
    func blob(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let base = sqlite3_column_blob(s, column)?.assumingMemoryBound(to: UInt8.self)  // before _bytes, as for text
        return UnsafeBufferPointer(start: base, count: base == nil ? 0 : Int(sqlite3_column_bytes(s, column)))
    }

    /// The column's bytes as lowercase hex, as SQL `lower(hex(column))` gives them (NULL gives "").
    func lowerHex(_ column: Int32) -> String { LowerHex.string(blob(column)) }

    /// Whether the column's text equals `text` (compared in place).
    func textEquals(_ column: Int32, _ text: StaticString) -> Bool {
        let b = bytes(column)
        return text.withUTF8Buffer { t in t.count == b.count && t.elementsEqual(b) }
    }
}
