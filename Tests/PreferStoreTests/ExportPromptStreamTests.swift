import Foundation
import XCTest
import GRDB
@testable import PreferCore
@testable import PreferStore

/// The stored prompt as export streams it: the same messages JSONDecoder reads from `prompt_json`, and a
/// clear error naming the item when the stored text is not a message list.
final class ExportPromptStreamTests: XCTestCase {
    /// A store whose items have exactly these `prompt_json` texts (ids 1, 2, ...), each with two responses.
    private func store(_ dir: TempDir, prompts: [String]) throws -> SQLiteStore {
        let store = try SQLiteStore(path: dir.path("p.sqlite"), create: true)
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO import_batch (file_name, file_path, sha256, format, shape, imported_at, imported_by)
                VALUES ('p.jsonl', '/p.jsonl', 'sha', 'jsonl', 'pairs', '2026-01-01T00:00:00Z', 'test')
                """)
            let batch = db.lastInsertedRowID
            for (k, prompt) in prompts.enumerated() {
                let id = Int64(k + 1)
                try db.execute(sql: """
                    INSERT INTO item (id, external_id, batch_id, source_line, prompt_json, content_hash, content_key, queue_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, "x\(id)", batch, id, prompt, "h\(id)", id, id])
                try db.execute(sql: "INSERT INTO response (id, item_id, position, text) VALUES (?, ?, 0, 'a'), (?, ?, 1, 'b')",
                               arguments: [2 * id - 1, id, 2 * id, id])
            }
        }
        return store
    }

    func testPromptsMatchJSONDecoderIncludingEscapesAndOrder() throws {
        let dir = try TempDir()
        let messages: [[Message]] = [
            [Message(role: "user", content: "plain")],
            [Message(role: "system", content: "be \"terse\"\n\\ok"), Message(role: "user", content: "tab\there \u{1} é 😀 \u{2028}"),
             Message(role: "assistant", content: ""), Message(role: "user", content: "last")],
            [],
        ]
        let texts = messages.map(\.canonicalJSON) + ["[{\"role\":\"user\",\"content\":\"x\",\"extra\":1}]"]
        let s = try store(dir, prompts: texts)
        var seen: [Int64: [Message]] = [:]
        try s.streamExportItems([1, 2, 3, 4]) { seen[$0.id] = $0.prompt }
        for (k, text) in texts.enumerated() {
            let expected = try JSONDecoder().decode([Message].self, from: Data(text.utf8))
            XCTAssertEqual(seen[Int64(k + 1)], expected, "item \(k + 1)")
        }
    }

    func testUnreadablePromptNamesTheItem() throws {
        for bad in ["not json", "{\"role\":\"user\",\"content\":\"x\"}", "[{\"role\":\"user\"}]", "[{\"role\":1,\"content\":\"x\"}]", "[\"x\"]"] {
            let dir = try TempDir()
            let s = try store(dir, prompts: ["[]", bad])
            XCTAssertThrowsError(try s.streamExportItems([1, 2]) { _ in }, bad) { error in
                XCTAssertTrue("\(error)".contains("item 2"), "\(error)")
            }
        }
    }

    /// The scanner reads the usual stored form itself and leaves everything else to SQLite; what it reads
    /// must equal what JSONDecoder reads.
    func testScannerReadsTheUsualFormAsJSONDecoderAndLeavesTheRestToSQLite() throws {
        func scanned(_ text: String) -> [Message]? {
            var t = text
            return t.withUTF8 { StoredPromptScanner.messages($0) }
        }
        let usual = [
            "[]", " [ ] ", "[{\"role\":\"user\",\"content\":\"hi\"}]", "[{\"content\":\"hi\",\"role\":\"user\"}]",
            "[ {\"role\" : \"user\" ,\n\t\"content\" : \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\" } ]",
            "[{\"role\":\"user\",\"content\":\"\\u00e9\\u20AC\\ud83d\\ude00\\u2028 é😀\"},{\"role\":\"assistant\",\"content\":\"\"}]",
        ] + [[Message(role: "system", content: "x\u{1}\u{7F}\u{2029}\"\\")], [Message(role: "user", content: "q")]].map(\.canonicalJSON)
        for text in usual {
            let expected = try JSONDecoder().decode([Message].self, from: Data(text.utf8))
            XCTAssertEqual(scanned(text), expected, text)
        }
        let leftToSQLite = [
            "", "not json", "{}", "[1]", "[\"x\"]", "[{\"role\":\"user\"}]", "[{\"role\":\"user\",\"content\":\"x\",\"extra\":1}]",
            "[{\"role\":\"user\",\"role\":\"user\",\"content\":\"x\"}]", "[{\"role\":1,\"content\":\"x\"}]",
            "[{\"rol\\u0065\":\"user\",\"content\":\"x\"}]", "[{\"role\":\"user\",\"content\":\"a\\u0000b\"}]",
            "[{\"role\":\"user\",\"content\":\"\\ud83d\"}]", "[{\"role\":\"user\",\"content\":\"\\ude00\"}]",
            "[{\"role\":\"user\",\"content\":\"tab\there\"}]", "[{\"role\":\"user\",\"content\":\"\\x\"}]",
            "[{\"role\":\"user\",\"content\":\"x\"}] x", "[{\"role\":\"user\",\"content\":\"x\"},]", "\u{0C}[]",
        ]
        for text in leftToSQLite { XCTAssertNil(scanned(text), text) }
    }
}
