import Foundation
import XCTest
@testable import PreferCore

/// Bad input gives a precise error (file, line, field) and never a crash.
final class ImportBadInputTests: XCTestCase {
    private let good = #"{"prompt": "p", "response_a": "a", "response_b": "b"}"#

    /// The row errors of a file, by description.
    private func errors(_ text: String, name: String = "data.jsonl", options: ImportOptions = .init()) throws -> [String] {
        try ImportTestSupport.readAll(try ImportTestSupport.write(text, name: name), options: options).errors.map(\.description)
    }

    /// The message of the file error of a file.
    private func fileError(_ bytes: [UInt8], name: String = "data.jsonl", options: ImportOptions = .init()) throws -> String? {
        ImportTestSupport.fileError(try ImportTestSupport.write(bytes, name: name), options: options)?.message
    }

    func testWrongTypeNamesFileLineFieldAndKind() throws {
        let text = good + "\n" + good + "\n" + #"{"prompt": "p", "chosen": 42, "rejected": "r"}"# + "\n"
        let path = try ImportTestSupport.write(text)
        let r = try ImportTestSupport.readAll(path, options: ImportOptions(shape: .trl))
        XCTAssertEqual(r.errors.count, 3)
        XCTAssertEqual(r.errors[2].description, "\(path):3: field \"chosen\": expected a string or a list of messages, got a number")
        XCTAssertEqual(r.errors[2].line, 3)
        XCTAssertEqual(r.errors[2].field, "chosen")
        XCTAssertEqual(r.errors[2].rawLine, #"{"prompt": "p", "chosen": 42, "rejected": "r"}"#)
    }

    func testInvalidJSONReportsItsLineAndKeepsGoing() throws {
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(good + "\n{\"prompt\": \"p\",\n" + good + "\n"))
        XCTAssertEqual(r.items.map(\.line), [1, 3])
        XCTAssertEqual(r.errors.count, 1)
        XCTAssertEqual(r.errors[0].line, 2)
        XCTAssertNil(r.errors[0].field)
        XCTAssertTrue(r.errors[0].message.hasPrefix("invalid JSON"), r.errors[0].message)
    }

    func testRowThatIsNotAnObject() throws {
        let e = try errors(good + "\n[1, 2]\n")
        XCTAssertEqual(e.count, 1)
        XCTAssertTrue(e[0].hasSuffix(":2: expected a JSON object, got a list"), e[0])
    }

    func testInvalidUTF8GivesTheByteOffsetInTheFile() throws {
        var bytes = Array((good + "\n").utf8)
        let lineStart = bytes.count
        bytes += Array(#"{"prompt": "caf"#.utf8) + [0xC3, 0x28] + Array(#"", "response_a": "a", "response_b": "b"}"#.utf8) + [0x0A]
        let path = try ImportTestSupport.write(bytes, name: "data.jsonl")
        let r = try ImportTestSupport.readAll(path)
        XCTAssertEqual(r.items.count, 1)
        XCTAssertEqual(r.errors.first?.description, "\(path):2: invalid UTF-8 at byte offset \(lineStart + 15) in the file")
    }

    func testInvalidUTF8InsideGzipCountsUncompressedBytes() throws {
        let bytes = Array((good + "\n").utf8) + [0xFF] + Array(good.utf8)
        let path = try ImportTestSupport.gzip(bytes, name: "data.jsonl.gz")
        let r = try ImportTestSupport.readAll(path)
        XCTAssertEqual(r.errors.first?.message, "invalid UTF-8 at byte offset \(good.utf8.count + 1) in the file")
    }

    func testInvalidUTF8InCSVIsAFileErrorWithOffset() throws {
        let bytes = Array("prompt,response_a,response_b\np,a,b\nq,".utf8) + [0xE2, 0x82] + Array(",c\n".utf8)
        let message = try fileError(bytes, name: "data.csv")
        XCTAssertEqual(message?.hasPrefix("invalid UTF-8 at byte offset 37 in the file"), true, message ?? "")
    }

    func testMissingAndEmptyFields() throws {
        let e = try errors(good + "\n" + #"{"prompt": "p", "response_a": "a"}"# + "\n" + #"{"prompt": "  ", "response_a": "a", "response_b": "b"}"# + "\n"
                           + #"{"response_a": "a", "response_b": "b"}"# + "\n", options: ImportOptions(shape: .pairs))
        XCTAssertEqual(e.count, 3)
        XCTAssertTrue(e[0].hasSuffix(":2: field \"response_b\": missing (the pairs shape needs prompt, response_a, response_b)"), e[0])
        XCTAssertTrue(e[1].hasSuffix(":3: field \"prompt\": is empty"), e[1])
        XCTAssertTrue(e[2].hasSuffix(":4: field \"prompt\": missing (the pairs shape needs prompt, response_a, response_b)"), e[2])
    }

    func testIdenticalResponsesAreAnError() throws {
        XCTAssertTrue(try errors(#"{"prompt": "p", "response_a": "same", "response_b": "same"}"#)[0]
            .hasSuffix(":1: field \"response_b\": same text as response_a"))
        XCTAssertTrue(try errors(#"{"prompt": "p", "responses": ["x", "y", "x"]}"#)[0]
            .hasSuffix(":1: field \"responses[2]\": same text as responses[0]"))
        XCTAssertTrue(try errors(#"{"prompt": "p", "chosen": "x", "rejected": "x"}"#)[0]
            .hasSuffix(":1: field \"rejected\": same text as chosen"))
        XCTAssertTrue(try errors(#"{"chosen": "\n\nHuman: a\n\nAssistant: b", "rejected": "\n\nHuman: a\n\nAssistant: b"}"#)[0]
            .hasSuffix(":1: field \"rejected\": same text as chosen"))
    }

    func testResponsesNeedAtLeastTwo() throws {
        XCTAssertTrue(try errors(#"{"prompt": "p", "responses": ["only"]}"#)[0].hasSuffix(":1: field \"responses\": expected at least 2 responses, got 1"))
    }

    func testBadMessageInPromptNamesTheElement() throws {
        let e = try errors(#"{"prompt": [{"role": "user", "content": "hi"}, {"role": "user"}], "response_a": "a", "response_b": "b"}"#)
        XCTAssertTrue(e[0].hasSuffix(":1: field \"prompt[1]\": expected a string \"content\", got nothing"), e[0])
    }

    func testUnknownLabelAndGoldValues() throws {
        XCTAssertTrue(try errors(#"{"prompt": "p", "response_a": "a", "response_b": "b", "winner": "C"}"#)[0]
            .hasSuffix(":1: field \"winner\": expected A, B, tie, model_a, model_b, 0 or 1, got \"C\""))
        XCTAssertTrue(try errors(#"{"prompt": "p", "response_a": "a", "response_b": "b", "gold": "chosen"}"#)[0]
            .hasSuffix(":1: field \"gold\": expected A, B or tie, got \"chosen\""))
    }

    func testHHRowWithoutSpaceAfterTheLastAssistantIsARowError() throws {
        let e = try errors(#"{"chosen": "\n\nHuman: a\n\nAssistant:b1", "rejected": "\n\nHuman: a\n\nAssistant:b2"}"#)
        XCTAssertTrue(e[0].hasSuffix(":1: field \"chosen\": the text after the last shared \"Assistant:\" does not start with a space, so the response cannot be separated exactly"), e[0])
    }

    func testHHRowThatIsNotATranscript() throws {
        let e = try errors(#"{"chosen": "just text", "rejected": "other text"}"#)
        XCTAssertTrue(e[0].hasSuffix(":1: field \"chosen\": expected a dialogue starting with \"\\n\\nHuman:\" (HH-RLHF form) or a list of messages"), e[0])
    }

    func testLineOverTheSizeLimitIsARowErrorAndReadingContinues() throws {
        let long = #"{"prompt": ""# + String(repeating: "x", count: 5000) + #"", "response_a": "a", "response_b": "b"}"#
        let path = try ImportTestSupport.write(good + "\n" + long + "\n" + good + "\n")
        let r = try ImportTestSupport.readAll(path, options: ImportOptions(maxLineBytes: 1000))
        XCTAssertEqual(r.items.map(\.line), [1, 3])
        XCTAssertEqual(r.errors.first?.description, "\(path):2: line is \(long.utf8.count) bytes, over the limit of 1000 bytes")
        XCTAssertNil(r.errors.first?.rawLine)
    }

    func testVeryLongLineIsSkippedWithoutBeingBuffered() throws {
        // Longer than the internal read buffer, so the splitter has to discard it piece by piece.
        let long = String(repeating: "y", count: 3_000_000)
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(long + "\n" + good), options: ImportOptions(maxLineBytes: 100_000))
        XCTAssertEqual(r.errors.first?.message, "line is 3000000 bytes, over the limit of 100000 bytes")
        XCTAssertEqual(r.items.map(\.line), [2])
    }

    func testLongLineWithinTheLimitIsRead() throws {
        let text = String(repeating: "z", count: 2_500_000)
        let row = #"{"prompt": "\#(text)", "response_a": "a", "response_b": "b"}"#
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(row + "\n"))
        XCTAssertEqual(r.items.first?.prompt.first?.content.count, 2_500_000)
    }

    func testEmptyFileAndBlankOnlyFile() throws {
        XCTAssertEqual(try fileError([]), "empty file: no rows")
        XCTAssertEqual(try fileError(Array("\n  \n\n".utf8)), "empty file: no rows")
        XCTAssertEqual(try fileError([], name: "data.csv"), "empty file: no rows")
        XCTAssertEqual(try fileError(Array("prompt,response_a,response_b\n".utf8), name: "data.csv"), "empty file: no rows")
    }

    func testUnknownShapeSaysWhatWasFoundAndWhatIsAccepted() throws {
        let message = try fileError(Array(#"{"question": "q", "answer": "a"}"#.utf8))
        XCTAssertEqual(message, "unknown shape: line 1 has fields answer, question; accepted shapes: pairs (prompt, response_a, response_b); "
                       + "responses (prompt, responses); trl (prompt, chosen, rejected); hh (chosen, rejected (no prompt))")
    }

    func testTruncatedGzip() throws {
        var rows = ""
        for i in 0..<2000 { rows += #"{"prompt": "p\#(i)", "response_a": "a\#(i)", "response_b": "b\#(i)"}"# + "\n" }
        let full = try Data(contentsOf: URL(fileURLWithPath: try ImportTestSupport.gzip(Array(rows.utf8), name: "x.jsonl.gz")))
        let cut = try ImportTestSupport.write(Array(full.prefix(full.count / 2)), name: "cut.jsonl.gz")
        let error = ImportTestSupport.fileError(cut)
        XCTAssertEqual(error?.message.hasPrefix("truncated gzip"), true, error?.message ?? "")
        // A gzip cut inside its 8-byte trailer is truncated too.
        let trailer = try ImportTestSupport.write(Array(full.prefix(full.count - 3)), name: "trailer.jsonl.gz")
        XCTAssertEqual(ImportTestSupport.fileError(trailer)?.message.hasPrefix("truncated gzip"), true)
    }

    func testMissingFileAndDirectory() {
        XCTAssertThrowsError(try ImportReader(path: "/nonexistent/data.jsonl")) { error in
            XCTAssertEqual((error as? ImportFileError)?.description, "/nonexistent/data.jsonl: cannot open: No such file or directory")
        }
        XCTAssertThrowsError(try ImportReader(path: NSTemporaryDirectory())) { error in
            XCTAssertEqual((error as? ImportFileError)?.message, "cannot open: is a directory")
        }
    }

    func testCSVRecordWithWrongFieldCount() throws {
        let e = try errors("prompt,response_a,response_b\np,a,b\nq,a\n", name: "data.csv")
        XCTAssertTrue(e[0].hasSuffix(":3: record has 2 fields, the header has 3"), e[0])
    }

    func testRowErrorsAfterTheFirstRowDoNotChangeTheShape() throws {
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(good + "\n" + #"{"prompt": "p", "chosen": "c", "rejected": "r"}"# + "\n"))
        XCTAssertEqual(r.reader.shape, .pairs)
        XCTAssertEqual(r.errors.first?.field, "response_a")
    }

    func testCorruptGzipData() throws {
        var rows = ""
        for i in 0..<500 { rows += #"{"prompt": "p\#(i)", "response_a": "a\#(i)", "response_b": "b\#(i)"}"# + "\n" }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try ImportTestSupport.gzip(Array(rows.utf8), name: "x.jsonl.gz"))))
        for k in 100..<140 { bytes[k] ^= 0x5A }
        let message = ImportTestSupport.fileError(try ImportTestSupport.write(bytes, name: "bad.jsonl.gz"))?.message
        XCTAssertEqual(message?.hasPrefix("corrupt gzip: "), true, message ?? "")
    }

    func testByteOrderMarkBeforeTheFirstRowIsIgnored() throws {
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write([0xEF, 0xBB, 0xBF] + Array((good + "\n").utf8), name: "bom.jsonl"))
        XCTAssertEqual(r.errors.map(\.description), [])
        XCTAssertEqual(r.items.count, 1)
    }

    func testDeepNestingAndGarbageLinesAreRowErrors() throws {
        var lines = [String(repeating: "[", count: 100_000), #"{"prompt": "p", "response_a": "a", "response_b": "b", "x": "#
                     + String(repeating: "{\"k\":", count: 5000) + "1" + String(repeating: "}", count: 5000) + "}"]
        // Deterministic pseudo-random printable garbage.
        var state: UInt64 = 42
        for _ in 0..<200 {
            var line = ""
            for _ in 0..<80 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line.append(Character(Unicode.Scalar(UInt8(32 + (state >> 33) % 95))))
            }
            lines.append(line)
        }
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(good + "\n" + lines.joined(separator: "\n") + "\n"))
        XCTAssertEqual(r.items.count + r.errors.count, lines.count + 1)
        XCTAssertEqual(r.errors.count, lines.count)
        XCTAssertEqual(r.errors[0].line, 2)
    }
}
