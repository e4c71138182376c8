import Foundation
import XCTest
@testable import PreferCore

/// Every accepted row shape, read from the fixture files.
final class ImportShapeTests: XCTestCase {
    private func fixture(_ name: String, options: ImportOptions = .init()) throws -> (items: [ImportedItem], errors: [ImportRowError], reader: ImportReader) {
        try ImportTestSupport.readAll(ImportTestSupport.fixtures.appendingPathComponent(name).path, options: options)
    }

    func testPairsWithModelsIdsLabelsGoldAndMetadata() throws {
        let r = try fixture("pairs.jsonl")
        XCTAssertEqual(r.errors.map(\.description), [])
        XCTAssertEqual(r.reader.shape, .pairs)
        XCTAssertEqual(r.reader.format, "jsonl")
        XCTAssertEqual(r.items.count, 3)
        let first = r.items[0]
        XCTAssertEqual(first.externalID, "q1")
        XCTAssertEqual(first.prompt, [Message(role: "user", content: "What is 2+2?")])
        XCTAssertEqual(first.responses, [ImportedResponse(text: "4", model: "m-small"), ImportedResponse(text: "Four, of course.", model: "m-large")])
        XCTAssertEqual(first.sourceLabel, SourceLabel(preferred: 1, other: 0))
        XCTAssertEqual(first.metadata, ["category": .string("math")])
        XCTAssertNil(first.gold)
        XCTAssertEqual(first.line, 1)
        // The blank line 2 is skipped but counted.
        XCTAssertEqual(r.items[1].line, 3)
        XCTAssertEqual(r.items[1].externalID, "7")
        XCTAssertEqual(r.items[1].sourceLabel, SourceLabel(preferred: 0, other: 1), "label 0 means the first response")
        XCTAssertEqual(r.items[2].sourceLabel, SourceLabel(preferred: nil, other: 1))
        XCTAssertEqual(r.items[2].gold, .tie)
        XCTAssertEqual(r.items[2].metadata, [:], "winner and gold are consumed, not metadata")
        XCTAssertEqual(r.reader.rowsRead, 3)
    }

    func testResponsesAsStringsAndAsObjects() throws {
        let r = try fixture("responses.jsonl")
        XCTAssertEqual(r.errors.map(\.description), [])
        XCTAssertEqual(r.reader.shape, .responses)
        XCTAssertEqual(r.items[0].responses.map(\.text), ["one", "two", "three"])
        XCTAssertNil(r.items[0].sourceLabel)
        let second = r.items[1]
        XCTAssertEqual(second.prompt, [Message(role: "system", content: "Be brief."), Message(role: "user", content: "Pick a fruit.")])
        XCTAssertEqual(second.responses[0], ImportedResponse(text: "apple", model: "m1"))
        XCTAssertEqual(second.responses[1], ImportedResponse(text: "pear", model: "m2", metadata: ["temperature": .number(0.7)]))
        XCTAssertEqual(second.sourceLabel, SourceLabel(preferred: 0, other: 1))
    }

    func testTRLStandardKeepsChosenFirstAndReadsGoldChosen() throws {
        let r = try fixture("trl_standard.jsonl")
        XCTAssertEqual(r.reader.shape, .trl)
        let item = try XCTUnwrap(r.items.first)
        XCTAssertEqual(item.prompt, [Message(role: "user", content: "The sky is")])
        XCTAssertEqual(item.responses.map(\.text), [" blue.", " green."])
        XCTAssertEqual(item.sourceLabel, SourceLabel(preferred: 0, other: 1))
        XCTAssertEqual(item.gold, .a)
        XCTAssertEqual(item.metadata, ["source": .string("toy")])
    }

    func testTRLConversationalAndMessagesSynonym() throws {
        let r = try fixture("trl_conversational.jsonl")
        XCTAssertEqual(r.errors.map(\.description), [])
        XCTAssertEqual(r.reader.shape, .trl)
        XCTAssertEqual(r.items[0].prompt, [Message(role: "user", content: "What color is the sky?")])
        XCTAssertEqual(r.items[0].responses.map(\.text), ["It is blue.", "It is green."])
        XCTAssertEqual(r.items[1].prompt.map(\.role), ["user", "assistant", "user"])
        XCTAssertEqual(r.items[1].prompt.last?.content, "How are you?")
        XCTAssertEqual(r.items[1].metadata, [:], "messages is read as the prompt")
    }

    func testImplicitPromptTranscriptAndConversational() throws {
        let r = try fixture("hh.jsonl")
        XCTAssertEqual(r.errors.map(\.description), [])
        XCTAssertEqual(r.reader.shape, .hh)
        let first = r.items[0]
        XCTAssertEqual(first.prompt, [Message(role: "user", content: "Hi there"), Message(role: "assistant", content: "Hello! How can I help?"),
                                      Message(role: "user", content: "Tell me a joke.")])
        XCTAssertEqual(first.responses.map(\.text), ["Why did the chicken cross the road?", "No."])
        XCTAssertEqual(first.sourceLabel, SourceLabel(preferred: 0, other: 1))
        XCTAssertEqual(r.items[1].prompt, [Message(role: "user", content: "Capital of France?")])
        XCTAssertEqual(r.items[1].responses.map(\.text), ["Paris.", "Lyon."])
    }

    func testCSVPairsWithQuotingAndJSONPromptCell() throws {
        let r = try fixture("pairs.csv")
        XCTAssertEqual(r.errors.map(\.description), [])
        XCTAssertEqual(r.reader.format, "csv")
        XCTAssertEqual(r.reader.shape, .pairs)
        XCTAssertEqual(r.items.count, 2)
        let first = r.items[0]
        XCTAssertEqual(first.line, 2, "the header is line 1")
        XCTAssertEqual(first.externalID, "p1")
        XCTAssertEqual(first.prompt, [Message(role: "user", content: "Write \"hello\", twice.")])
        XCTAssertEqual(first.responses, [ImportedResponse(text: "hello, hello", model: "m1"), ImportedResponse(text: "hello\nhello")])
        XCTAssertEqual(first.sourceLabel, SourceLabel(preferred: 1, other: 0))
        XCTAssertEqual(first.metadata, ["annotator_note": .string("first")])
        XCTAssertEqual(r.items[1].line, 3)
        XCTAssertEqual(r.items[1].prompt, [Message(role: "user", content: "Hi")])
        XCTAssertNil(r.items[1].sourceLabel)
    }

    func testForcedShapeOverridesDetection() throws {
        // A row with both pair fields and chosen/rejected: detection says pairs, forcing trl reads chosen/rejected.
        let path = try ImportTestSupport.write(#"{"prompt": "p", "response_a": "x", "response_b": "y", "chosen": "c", "rejected": "r"}"# + "\n")
        XCTAssertEqual(try ImportTestSupport.readAll(path).items.first?.responses.map(\.text), ["x", "y"])
        let forced = try ImportTestSupport.readAll(path, options: ImportOptions(shape: .trl))
        XCTAssertEqual(forced.reader.shape, .trl)
        XCTAssertEqual(forced.items.first?.responses.map(\.text), ["c", "r"])
        XCTAssertEqual(forced.items.first?.metadata, ["response_a": .string("x"), "response_b": .string("y")])
    }

    func testMTBenchLikeRowKeepsItsOtherFieldsAsMetadata() throws {
        let row = #"{"question_id": 81, "turn": 1, "judge": "author_2", "model_a": "gpt-4", "model_b": "claude-v1", "winner": "model_a", "prompt": "Write a travel blog.", "response_a": "Aloha!", "response_b": "Hawaii is great."}"#
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(row + "\n"))
        let item = try XCTUnwrap(r.items.first)
        XCTAssertEqual(item.metadata, ["question_id": .number(81), "turn": .number(1), "judge": .string("author_2")])
        XCTAssertEqual(item.responses.map(\.model), ["gpt-4", "claude-v1"])
        XCTAssertEqual(item.sourceLabel, SourceLabel(preferred: 0, other: 1))
    }

    func testGzipIsDetectedByMagicBytesNotExtension() throws {
        let text = #"{"prompt": "p", "response_a": "a", "response_b": "b"}"# + "\n"
        let path = try ImportTestSupport.gzip(Array(text.utf8), name: "rows.data")
        let r = try ImportTestSupport.readAll(path)
        XCTAssertEqual(r.reader.format, "jsonl.gz")
        XCTAssertEqual(r.items.first?.responses.map(\.text), ["a", "b"])
        XCTAssertEqual(r.reader.sha256, SHA256.hex(of: try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    func testGzippedCSV() throws {
        let path = try ImportTestSupport.gzip(Array("prompt,response_a,response_b\np,a,b\n".utf8), name: "rows.csv.gz")
        let r = try ImportTestSupport.readAll(path)
        XCTAssertEqual(r.reader.format, "csv.gz")
        XCTAssertEqual(r.items.first?.responses.map(\.text), ["a", "b"])
    }

    func testPlainFileSHA256AndLastLineWithoutNewline() throws {
        let text = #"{"prompt": "p", "response_a": "a", "response_b": "b"}"# + "\r\n" + #"{"prompt": "q", "response_a": "a", "response_b": "b"}"#
        let path = try ImportTestSupport.write(text)
        let r = try ImportTestSupport.readAll(path)
        XCTAssertEqual(r.items.map(\.line), [1, 2])
        XCTAssertEqual(r.reader.sha256, SHA256.hex(of: Data(text.utf8)))
    }

    func testTRLRowsWhoseCompletionsRepeatThePromptKeepTheFinalAnswers() throws {
        // The UltraFeedback-binarized layout: prompt as text, chosen/rejected as the whole conversation.
        let row = #"{"prompt": "2+2?", "chosen": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}], "#
            + #""rejected": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "5"}], "score_chosen": 9.0}"#
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(row + "\n"))
        XCTAssertEqual(r.errors.map(\.description), [])
        XCTAssertEqual(r.reader.shape, .trl)
        XCTAssertEqual(r.items.first?.prompt, [Message(role: "user", content: "2+2?")])
        XCTAssertEqual(r.items.first?.responses.map(\.text), ["4", "5"])
        XCTAssertEqual(r.items.first?.metadata, ["score_chosen": .number(9)])
    }

    func testCSVResponsesListCellAndTRLColumns() throws {
        let responses = try ImportTestSupport.readAll(try ImportTestSupport.write(
            "prompt,responses\nPick,\"[\"\"x\"\", {\"\"text\"\": \"\"y\"\", \"\"model\"\": \"\"m\"\"}]\"\n", name: "k.csv"))
        XCTAssertEqual(responses.errors.map(\.description), [])
        XCTAssertEqual(responses.items.first?.responses, [ImportedResponse(text: "x"), ImportedResponse(text: "y", model: "m")])
        let trl = try ImportTestSupport.readAll(try ImportTestSupport.write("prompt,chosen,rejected,gold\nThe sky is,blue,green,chosen\n", name: "t.csv"))
        XCTAssertEqual(trl.reader.shape, .trl)
        XCTAssertEqual(trl.items.first?.responses.map(\.text), ["blue", "green"])
        XCTAssertEqual(trl.items.first?.gold, .a)
    }
}
