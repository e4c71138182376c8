import Foundation
import XCTest
@testable import PreferCore

/// The reader's streaming behaviour: prefetching changes nothing observable, errors arrive in file order.
final class ImportReaderTests: XCTestCase {
    /// A file mixing good rows, row errors, over-long and blank lines, large enough to span several prefetch batches.
    private func mixedFile() throws -> String {
        var text = ""
        for i in 0..<3000 {
            if i % 100 == 99 {
                text += #"{"prompt": "\#(String(repeating: "long ", count: 60))", "response_a": "a", "response_b": "b"}"# + "\n"
                continue
            }
            switch i % 7 {
            case 3: text += "{broken\n"
            case 5: text += "\n"
            default: text += #"{"id": "\#(i)", "prompt": "p\#(i)", "response_a": "a\#(i)", "response_b": "b\#(i)"}"# + "\n"
            }
        }
        return try ImportTestSupport.write(text)
    }

    private func describe(_ path: String, prefetch: Bool) throws -> (rows: [String], shape: ImportShape?, sha: String, count: Int) {
        let reader = try ImportReader(path: path, options: ImportOptions(maxLineBytes: 250, prefetch: prefetch))
        var rows: [String] = []
        while let row = try reader.next() {
            switch row {
            case .success(let item): rows.append("\(item.line) \(item.externalID ?? "") \(item.contentHash)")
            case .failure(let error): rows.append(error.description)
            }
        }
        XCTAssertNil(try reader.next(), "the end stays the end")
        return (rows, reader.shape, reader.sha256, reader.rowsRead)
    }

    func testPrefetchingGivesTheSameRowsAsReadingOnTheCallingThread() throws {
        let path = try mixedFile()
        let serial = try describe(path, prefetch: false)
        let prefetched = try describe(path, prefetch: true)
        XCTAssertEqual(serial.rows, prefetched.rows)
        XCTAssertEqual(serial.rows.count, 3000 - 424, "424 of the 3000 lines are blank")
        XCTAssertEqual(serial.rows.filter { $0.contains("invalid JSON") }.count, 424)
        XCTAssertEqual(serial.rows.filter { $0.contains("over the limit of 250 bytes") }.count, 30)
        XCTAssertEqual(serial.shape, .pairs)
        XCTAssertEqual(prefetched.shape, .pairs)
        XCTAssertEqual(serial.sha, prefetched.sha)
        XCTAssertEqual(serial.sha, SHA256.hex(of: try Data(contentsOf: URL(fileURLWithPath: path))))
        XCTAssertEqual(serial.count, prefetched.count)
    }

    func testPrefetchingCSVGivesTheSameRowsAsReadingOnTheCallingThread() throws {
        // CSV records are split on the reading thread and made into items on all cores: the same rows, errors
        // (wrong field counts, over-long records, bad JSON cells are plain text) and numbers as one thread.
        var text = "id,prompt,response_a,response_b\n"
        for i in 0..<3000 {
            switch i % 9 {
            case 2: text += "\(i),only three,cells\n"
            case 4: text += ",,,\n"
            case 6: text += "\(i),\"multi\nline \"\"quoted\"\", prompt\",a\(i),b\(i)\n"
            case 8: text += "\(i),\(String(repeating: "long ", count: 60)),a,b\n"
            default: text += "\(i),p\(i),a\(i),\"b\(i), with comma\"\n"
            }
        }
        let path = try ImportTestSupport.write(Array(text.utf8), name: "mixed.csv")
        let serial = try describe(path, prefetch: false)
        let prefetched = try describe(path, prefetch: true)
        XCTAssertEqual(serial.rows, prefetched.rows)
        XCTAssertEqual(serial.rows.count, 3000 - 333, "333 records are blank")
        XCTAssertEqual(serial.rows.filter { $0.contains("record has 3 fields, the header has 4") }.count, 334)
        XCTAssertEqual(serial.rows.filter { $0.contains("over the limit of 250 bytes") }.count, 333)
        XCTAssertTrue(serial.rows.contains { $0.hasPrefix("3000 2998 ") }, "records are numbered, the header is 1")
        XCTAssertEqual(serial.sha, prefetched.sha)
        XCTAssertEqual(serial.count, prefetched.count)
    }

    func testAbandoningAReaderMidFileStopsCleanly() throws {
        let path = try mixedFile()
        for _ in 0..<20 {
            let reader = try ImportReader(path: path)
            _ = try reader.next()
        }
        // Reaching here without a hang or crash is the behaviour; the file can still be read in full afterwards.
        XCTAssertEqual(try describe(path, prefetch: true).count, 3000 - 424)
    }

    func testRowsBeforeATruncationArriveBeforeTheFileError() throws {
        var rows = ""
        for i in 0..<5000 { rows += #"{"prompt": "p\#(i)", "response_a": "a\#(i)", "response_b": "b\#(i)"}"# + "\n" }
        let full = try Data(contentsOf: URL(fileURLWithPath: try ImportTestSupport.gzip(Array(rows.utf8), name: "x.jsonl.gz")))
        let cut = try ImportTestSupport.write(Array(full.prefix(full.count * 3 / 4)), name: "cut.jsonl.gz")
        for prefetch in [false, true] {
            let reader = try ImportReader(path: cut, options: ImportOptions(prefetch: prefetch))
            var items = 0
            XCTAssertThrowsError(try { while let row = try reader.next() { if case .success = row { items += 1 } } }()) { error in
                XCTAssertEqual((error as? ImportFileError)?.message.hasPrefix("truncated gzip"), true)
            }
            XCTAssertGreaterThan(items, 1000)
            XCTAssertLessThan(items, 5000)
        }
    }

    func testReadsFromAPipe() throws {
        let fifo = try ImportTestSupport.write("", name: "rows.jsonl") + ".fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let text = #"{"prompt": "p", "response_a": "a", "response_b": "b"}"# + "\n"
        let writer = Thread { try? Data(text.utf8).write(to: URL(fileURLWithPath: fifo)) }
        writer.start()
        let r = try ImportTestSupport.readAll(fifo)
        XCTAssertEqual(r.errors.map(\.description), [])
        XCTAssertEqual(r.items.first?.responses.map(\.text), ["a", "b"])
        XCTAssertEqual(r.reader.sha256, SHA256.hex(of: text))
    }
}
