import Foundation
import XCTest
@testable import PreferCore

/// The whole Anthropic HH-RLHF harmless-base test split: every row imports and renders back exactly.
final class ImportHHRealFileTests: XCTestCase {
    private func realFile() throws -> String {
        let url = ImportTestSupport.sharedData.appendingPathComponent("hh_rlhf/harmless-base_test.jsonl.gz")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) is absent") }
        return url.path
    }

    /// The original rows, read independently of the import code (JSONSerialization over gunzipped text).
    private func originalRows(_ path: String) throws -> [(chosen: String, rejected: String)] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -dc \"$0\"", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line)) as? [String: String])
            return (try XCTUnwrap(o["chosen"]), try XCTUnwrap(o["rejected"]))
        }
    }

    func testEveryRowImportsAndRoundTripsExactly() throws {
        let path = try realFile()
        let originals = try originalRows(path)
        XCTAssertEqual(originals.count, 2312)
        let result = try ImportTestSupport.readAll(path)
        XCTAssertEqual(result.errors.map(\.description), [])
        XCTAssertEqual(result.items.count, 2312)
        XCTAssertEqual(result.reader.shape, .hh)
        XCTAssertEqual(result.reader.format, "jsonl.gz")
        for (item, original) in zip(result.items, originals) {
            let rendered = HHTranscript.render(prompt: item.prompt)
            XCTAssertEqual(rendered + " " + item.responses[0].text, original.chosen, "line \(item.line)")
            XCTAssertEqual(rendered + " " + item.responses[1].text, original.rejected, "line \(item.line)")
            XCTAssertEqual(item.prompt.last?.role, "user", "line \(item.line)")
            XCTAssertEqual(item.sourceLabel, SourceLabel(preferred: 0, other: 1))
            XCTAssertEqual(item.metadata, [:])
            // The split sits at a turn boundary: the prompt text ends right before "\n\nAssistant:".
            XCTAssertTrue(original.chosen.hasPrefix(rendered + " "), "line \(item.line)")
            XCTAssertTrue(rendered.hasSuffix("\n\nAssistant:"))
            XCTAssertTrue(item.prompt.allSatisfy { $0.role == "user" || $0.role == "assistant" })
        }
    }

    func testSplitNeverCutsInsideAWord() throws {
        let path = try realFile()
        for original in try originalRows(path) {
            let split = try XCTUnwrap(HHTranscript.split(chosen: original.chosen, rejected: original.rejected))
            let promptText = HHTranscript.render(prompt: split.prompt)
            // The cut is followed by the space after "Assistant:", never by a letter of a running word.
            let rest = original.chosen.dropFirst(promptText.count)
            XCTAssertTrue(rest.hasPrefix(" "))
            XCTAssertEqual(String(rest.dropFirst()), split.chosen)
        }
    }

    func testSHA256IsOfTheCompressedBytes() throws {
        let path = try realFile()
        let result = try ImportTestSupport.readAll(path)
        let stored = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(result.reader.sha256, SHA256.hex(of: stored))
        XCTAssertEqual(result.reader.rowsRead, 2312)
    }
}
