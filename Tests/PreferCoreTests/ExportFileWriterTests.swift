import Foundation
import XCTest
@testable import PreferCore

final class ExportFileWriterTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try ExportFixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Lines of varied length, some longer than a small buffer.
    private let lines: [String] = (0..<50).map { i in "{\"n\":\(i),\"s\":\"" + String(repeating: "é", count: i * 3) + "\"}" }

    func testCommitWritesEveryLineAndReportsTheFileHash() throws {
        let target = folder.appendingPathComponent("out.jsonl")
        let writer = try JSONLFileWriter(target: target)
        for line in lines { try writer.writeLine(Array(line.utf8)) }
        XCTAssertFalse(exists(target), "the target must not appear before commit")
        let written = try writer.commit()
        let data = try Data(contentsOf: target)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), lines.map { $0 + "\n" }.joined())
        XCTAssertEqual(written.sha256, SHA256.hex(of: data))
        XCTAssertEqual(written.rows, lines.count)
        XCTAssertEqual(written.bytes, Int64(data.count))
        XCTAssertFalse(exists(writer.temporaryURL))
        XCTAssertEqual(writer.temporaryURL.deletingLastPathComponent().path, target.deletingLastPathComponent().path)
    }

    func testTinyBufferGivesTheSameBytesAndHash() throws {
        var results: [(Data, String)] = []
        for capacity in [1 << 20, 16, 1] {
            let target = folder.appendingPathComponent("out-\(capacity).jsonl")
            let writer = try JSONLFileWriter(target: target, bufferCapacity: capacity)
            for line in lines { try writer.writeLine(Array(line.utf8)) }
            let written = try writer.commit()
            results.append((try Data(contentsOf: target), written.sha256))
        }
        XCTAssertEqual(results[1].0, results[0].0)
        XCTAssertEqual(results[2].0, results[0].0)
        XCTAssertEqual(results[1].1, results[0].1)
        XCTAssertEqual(results[2].1, results[0].1)
        XCTAssertEqual(results[0].1, SHA256.hex(of: results[0].0))
    }

    func testAbortLeavesNoTargetAndNoTemporaryFile() throws {
        let target = folder.appendingPathComponent("out.jsonl")
        let writer = try JSONLFileWriter(target: target, bufferCapacity: 8)
        for line in lines { try writer.writeLine(Array(line.utf8)) }
        XCTAssertTrue(exists(writer.temporaryURL))
        writer.abort()
        XCTAssertFalse(exists(target))
        XCTAssertFalse(exists(writer.temporaryURL))
        XCTAssertThrowsError(try writer.commit())
    }

    func testDroppingAnUncommittedWriterRemovesTheTemporaryFile() throws {
        let target = folder.appendingPathComponent("out.jsonl")
        var temporary: URL?
        do {
            let writer = try JSONLFileWriter(target: target, bufferCapacity: 8)
            try writer.writeLine(Array("{}".utf8))
            temporary = writer.temporaryURL
        }
        XCTAssertFalse(exists(try XCTUnwrap(temporary)))
        XCTAssertFalse(exists(target))
    }

    func testAbortKeepsAnOldTargetAndCommitReplacesIt() throws {
        let target = folder.appendingPathComponent("out.jsonl")
        try Data("old\n".utf8).write(to: target)
        let aborted = try JSONLFileWriter(target: target)
        try aborted.writeLine(Array("{\"new\":1}".utf8))
        aborted.abort()
        XCTAssertEqual(try Data(contentsOf: target), Data("old\n".utf8))
        let committed = try JSONLFileWriter(target: target)
        try committed.writeLine(Array("{\"new\":1}".utf8))
        _ = try committed.commit()
        XCTAssertEqual(try Data(contentsOf: target), Data("{\"new\":1}\n".utf8))
    }

    func testEmptyFileCommitsWithTheEmptyHash() throws {
        let target = folder.appendingPathComponent("empty.jsonl")
        let written = try JSONLFileWriter(target: target).commit()
        XCTAssertEqual(written.rows, 0)
        XCTAssertEqual(try Data(contentsOf: target).count, 0)
        XCTAssertEqual(written.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testALineWithARawNewlineIsRefused() throws {
        let writer = try JSONLFileWriter(target: folder.appendingPathComponent("out.jsonl"))
        XCTAssertThrowsError(try writer.writeLine(Array("{}\n{}".utf8)))
        XCTAssertEqual(writer.rows, 0)
    }

    func testMissingFolderIsAClearError() {
        let target = folder.appendingPathComponent("no/such/dir/out.jsonl")
        XCTAssertThrowsError(try JSONLFileWriter(target: target)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("no/such/dir/out.jsonl.tmp-"), text)
            XCTAssertTrue(text.contains("No such file"), text)
        }
    }
}
