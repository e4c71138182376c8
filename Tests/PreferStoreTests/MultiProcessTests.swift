import Foundation
import XCTest
@testable import PreferCore
@testable import PreferStore

/// Several `prefer` processes on one NEW database file at once (DESIGN.md §6): nothing may be lost.
final class MultiProcessTests: XCTestCase {
    func testEightProcessesWritingToOneFreshDatabaseLoseNothing() throws {
        let dir = try TempDir()
        let path = dir.path("shared.sqlite")
        let tool = productsDirectory.appendingPathComponent("prefer-store-stress")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: tool.path), "prefer-store-stress not built at \(tool.path)")
        let perProcess = 40
        let procs = (0..<8).map { i -> Process in
            let p = Process()
            p.executableURL = tool
            p.arguments = [path, "ann\(i)", String(perProcess)]
            return p
        }
        // All eight create, migrate, import and write at the same time.
        for p in procs { try p.run() }
        for p in procs {
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "a writer process failed")
        }
        let store = try SQLiteStore(path: path)
        let s = try store.status(overlap: 8)
        XCTAssertEqual(s.items, 1, "the shared item was imported once, the rest were duplicates")
        XCTAssertEqual(s.batches.count, 8)
        let history = try store.judgmentHistory(itemID: 1)
        XCTAssertEqual(history.count, 8 * perProcess)
        for i in 0..<8 {
            let mine = history.filter { $0.annotator == "ann\(i)" }
            XCTAssertEqual(mine.count, perProcess)
            // Each process's rows form one chain: every row but the first supersedes the previous one.
            XCTAssertEqual(mine.dropFirst().compactMap(\.supersedes), mine.dropLast().map(\.id))
        }
        XCTAssertEqual(try store.currentJudgments(annotator: nil).count, 8)
        XCTAssertEqual(s.itemsComplete, 1)
    }
}
