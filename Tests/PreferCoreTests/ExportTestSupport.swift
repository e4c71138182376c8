import Foundation
import XCTest
@testable import PreferCore

/// Shared helpers for the Export* tests.
enum ExportFixtures {
    static func user(_ s: String) -> Message { Message(role: "user", content: s) }
    static func assistant(_ s: String) -> Message { Message(role: "assistant", content: s) }

    /// A valid single-turn pair.
    static func pair(id: Int64 = 1, prompt: [Message] = [user("What is 2+2?")], chosen: String = "4", rejected: String = "5",
                     bothBad: Bool = false) -> ExportPair {
        ExportPair(itemID: id, externalID: "ext-\(id)", prompt: prompt, chosen: chosen, rejected: rejected, bothBad: bothBad,
                   strength: 2.5, margin: 0.75, nJudgments: 3, agreement: 0.5, scoreChosen: 4, scoreRejected: 2.5)
    }

    /// Encodes with the given options and returns the rows' bytes; fails the test on a drop.
    static func rows(_ pair: ExportPair, _ options: ExportOptions, file: StaticString = #filePath, line: UInt = #line) throws -> [[UInt8]] {
        switch try ExportEncoder(options: options).encode(pair) {
        case .rows(let rows): return rows
        case .dropped(let reason):
            XCTFail("unexpected drop: \(reason)", file: file, line: line)
            return []
        }
    }

    /// Encodes and parses every row with JSONSerialization.
    static func objects(_ pair: ExportPair, _ options: ExportOptions, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        try rows(pair, options, file: file, line: line).map { bytes in
            let any = try JSONSerialization.jsonObject(with: Data(bytes))
            return try XCTUnwrap(any as? [String: Any], "row is not a JSON object", file: file, line: line)
        }
    }

    /// The messages of a parsed JSON list as (role, content) pairs, failing on any other shape.
    static func messages(_ value: Any?, file: StaticString = #filePath, line: UInt = #line) throws -> [Message] {
        let list = try XCTUnwrap(value as? [[String: Any]], "not a list of objects", file: file, line: line)
        return try list.map { obj in
            XCTAssertEqual(Set(obj.keys), ["role", "content"], file: file, line: line)
            return Message(role: try XCTUnwrap(obj["role"] as? String, file: file, line: line),
                           content: try XCTUnwrap(obj["content"] as? String, file: file, line: line))
        }
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prefer-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
