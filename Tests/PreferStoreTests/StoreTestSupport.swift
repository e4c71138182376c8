import Foundation
import GRDB
import PreferCore
@testable import PreferStore

/// A fresh temporary folder per test, removed afterwards.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("prefer-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A two-response item for tests.
func pairItem(_ n: Int, gold: GoldAnswer? = nil, label: SourceLabel? = nil) -> ImportedItem {
    ImportedItem(externalID: "item-\(n)", prompt: [Message(role: "user", content: "question \(n)")],
                 responses: [ImportedResponse(text: "answer A \(n)", model: "m1"), ImportedResponse(text: "answer B \(n)", model: "m2")],
                 metadata: ["n": .number(Double(n))], gold: gold, sourceLabel: label, line: n)
}

func batch(_ name: String, sha: String = UUID().uuidString) -> BatchInfo {
    BatchInfo(fileName: name, filePath: "/data/" + name, sha256: sha, format: "jsonl", shape: "pairs", importedBy: "tester", seed: 7)
}

/// Directory holding the built executables (next to the test bundle).
var productsDirectory: URL {
    let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
    return (bundle.map { URL(fileURLWithPath: $0.bundlePath) } ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
}

/// A database file at an older schema (migrated only up to `migration`), filled by `fill` and closed: what a
/// project made by an earlier prefer looks like, for migration tests. The batch row every item needs is there.
func database(at migration: String, in dir: TempDir, fill: (Database) throws -> Void) throws -> String {
    let path = dir.path("old.sqlite")
    let old = try DatabaseQueue(path: path)
    try Migrations.migrator().migrate(old, upTo: migration)
    try old.write { db in
        try db.execute(sql: """
            INSERT INTO import_batch (id, file_name, file_path, sha256, format, shape, imported_at, imported_by)
                VALUES (1, 'f', '/f', 'x', 'jsonl', 'pairs', 't', 'me')
            """)
        try fill(db)
    }
    try old.close()
    return path
}
