import Foundation
import XCTest
@testable import PreferCore

/// Import reads JSONL lines with simdjson (through CJSONEvents); what it makes of a line must be what an
/// independent parser, Foundation's JSONSerialization, makes of it.
final class JSONRowParserTests: XCTestCase {
    private let lines = [
        #"{"prompt": "Hi", "response_a": "A", "response_b": "B"}"#,
        #"{"s": "quote \" backslash \\ slash \/ tab \t nl \n cr \r bs \b ff \f ctl \u0001 nul \u0000"}"#,
        #"{"u": "caf\u00e9 \u2028 \u2029 \ud83d\ude00 \u201ccurly\u201d", "raw": "café 😀 中文 עברית"}"#,
        #"{"n": [0, -1, 1.5, -2.25e-3, 1e300, 12345678901234567890, 9007199254740993, -0.0, 3E+2]}"#,
        #"{"b": true, "f": false, "z": null, "e": "", "ea": [], "eo": {}}"#,
        #"{"nested": {"a": [1, {"b": [true, null, "x"]}], "c": {"d": {"e": "deep"}}}, "k": "v"}"#,
        #"{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}"#,
        "  {\"ws\" :\t\"around\" }  ",
        #"{"": "empty key", "a b": 1, "ключ": "значение"}"#,
    ]

    func testFieldsMatchFoundation() throws {
        for line in lines {
            let fields = try parse(line)
            let reference = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
            XCTAssertEqual(fields.dictionary, reference.mapValues(JSONRowParser.value), line)
            XCTAssertEqual(Set(fields.keys), Set(reference.keys), line)
        }
    }

    func testNumbersBeyondSimdjsonAreReadByFoundation() throws {
        // Valid JSON that simdjson 3 rejects (integers past 64 bits, doubles past their range) imports as before.
        let fields = try parse(#"{"big": 123456789012345678901234567890, "neg": -98765432109876543210987, "id": "x"}"#)
        XCTAssertEqual(fields.dictionary["big"], .number(Double("123456789012345678901234567890")!))
        XCTAssertEqual(fields.dictionary["neg"], .number(Double("-98765432109876543210987")!))
        XCTAssertEqual(fields.dictionary["id"], .string("x"))
        XCTAssertThrowsError(try parse(#"{"big": 1234567890123456789012345678901, "x": }"#)) { error in
            XCTAssertTrue(((error as? RowProblem)?.message ?? "").hasPrefix("invalid JSON: "))
        }
    }

    func testRepeatedKeyKeepsTheLastValue() throws {
        XCTAssertEqual(try parse(#"{"a": 1, "b": 2, "a": 3}"#).dictionary, ["a": .number(3), "b": .number(2)])
        // More fields than the linear search handles: the hashed path must agree.
        let many = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let fields = try parse("{\(many), \"k7\": \"last\"}")
        XCTAssertEqual(fields.keys.count, 40)
        XCTAssertEqual(fields.dictionary["k7"], .string("last"))
        XCTAssertEqual(fields.dictionary["k39"], .number(39))
    }

    func testInvalidJSONIsARowProblem() {
        for bad in [#"{"a": 1"#, #"{"a": 1,}"#, #"{'a': 1}"#, #"{"a": 1} x"#, #"{"a": tru}"#, #"{"a": "\x"}"#,
                    #"{"a": 01}"#, "{\"a\": \"tab\tinside\"}", #"{"a": NaN}"#, "//c\n{}"] {
            XCTAssertThrowsError(try parse(bad), bad) { error in
                let message = (error as? RowProblem)?.message ?? ""
                XCTAssertTrue(message.hasPrefix("invalid JSON: "), "\(bad): \(message)")
            }
        }
    }

    func testALongLineThenShortOnesOnTheSameThread() throws {
        // The thread's buffers grow for the long line and are given back before the next short one.
        let long = String(repeating: "long text é ", count: 200_000)
        XCTAssertEqual(try parse("{\"t\": \"\(long)\", \"n\": [1, 2]}").dictionary["t"], .string(long))
        XCTAssertEqual(try parse(#"{"a": "short", "b": {"c": null}}"#).dictionary,
                       ["a": .string("short"), "b": .object(["c": .null])])
        XCTAssertEqual(try parse("{\"t\": \"\(long)\"}").dictionary["t"], .string(long))
    }

    func testDeepNestingParsesOnAWorkerThreadOrIsARowProblem() {
        @Sendable func nested(_ depth: Int) -> String { "{\"a\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}" }
        // Import parses on Dispatch worker threads (smaller stacks than the main thread's).
        let results = ParallelSlots<String>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            do {
                _ = try JSONRowParser.fields(bytes: nested(i == 0 ? 1000 : 5000))
                results.set(i, "ok")
            } catch {
                results.set(i, (error as? RowProblem)?.message ?? "\(error)")
            }
        }
        let out = results.drain()
        XCTAssertEqual(out.first, "ok")
        XCTAssertTrue(out.last?.hasPrefix("invalid JSON: ") ?? false, out.last ?? "")
    }

    func testInvalidJSONSaysWhere() {
        XCTAssertThrowsError(try parse(#"{"prompt": "p", "response_a": }"#)) { error in
            let message = (error as? RowProblem)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("invalid JSON: ") && message.contains("character 30"), message)
        }
        // Foundation accepts a trailing comma, simdjson does not: still rejected, with simdjson's reason.
        XCTAssertThrowsError(try parse(#"{"a": 1,}"#)) { error in
            XCTAssertEqual((error as? RowProblem)?.message.hasPrefix("invalid JSON: The JSON document has an improper structure"), true)
        }
    }

    func testTopLevelMustBeAnObject() {
        for (text, kind) in [("[1, 2]", "a list"), ("\"s\"", "a string"), ("42", "a number"), ("null", "null"), ("true", "a boolean")] {
            XCTAssertThrowsError(try parse(text), text) { error in
                XCTAssertEqual((error as? RowProblem)?.message, "expected a JSON object, got \(kind)")
            }
        }
    }

    func testParsesOnSeveralThreadsAtOnce() {
        // Each thread has its own parser and event list: results must not mix.
        let results = ParallelSlots<String>(count: 2000)
        DispatchQueue.concurrentPerform(iterations: 2000) { i in
            let fields = try? JSONRowParser.fields(bytes: "{\"i\": \"row \(i)\", \"pad\": \"\(String(repeating: "x", count: i % 300))\"}")
            if case .string(let s)? = fields?.dictionary["i"] { results.set(i, s) }
        }
        XCTAssertEqual(results.drain(), (0..<2000).map { "row \($0)" })
    }

    private func parse(_ line: String) throws -> FieldList { try JSONRowParser.fields(bytes: line) }
}

extension JSONRowParser {
    /// `fields` of a string's UTF-8 bytes.
    static func fields(bytes line: String) throws -> FieldList {
        var line = line
        return try line.withUTF8 { try fields(UnsafeRawBufferPointer($0)) }
    }
}
