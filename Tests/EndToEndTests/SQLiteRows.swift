import Foundation
import PreferStore

/// Reads rows from a project database for assertions (through the store module's SQLite connection).
enum SQLiteRows {
    static func query(_ path: String, _ sql: String) throws -> [[String: Any]] {
        try SQLiteStore(path: path).rawRows(sql)
    }
}
