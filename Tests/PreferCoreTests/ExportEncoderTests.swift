import Foundation
import XCTest
@testable import PreferCore

final class ExportEncoderTests: XCTestCase {
    typealias F = ExportFixtures

    func testTRLPlainRowShape() throws {
        let rows = try F.objects(F.pair(), ExportOptions(format: .trl))
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(Set(rows[0].keys), ["prompt", "chosen", "rejected"])
        XCTAssertEqual(rows[0]["prompt"] as? String, "What is 2+2?")
        XCTAssertEqual(rows[0]["chosen"] as? String, "4")
        XCTAssertEqual(rows[0]["rejected"] as? String, "5")
    }

    func testKeysAreWrittenInTheFixedOrder() throws {
        let line = String(decoding: try F.rows(F.pair(), ExportOptions(format: .reward, withMetadata: true))[0], as: UTF8.self)
        let keys = ["prompt", "chosen", "rejected", "id", "n_judgments", "agreement", "strength", "margin", "score_chosen", "score_rejected"]
        let positions = try keys.map { try XCTUnwrap(line.range(of: "\"\($0)\":")?.lowerBound, "key \($0) missing") }
        XCTAssertEqual(positions, positions.sorted())
    }

    func testHHConcatenationReproducesTheTranscriptSingleTurn() throws {
        let row = try F.objects(F.pair(prompt: [F.user("Hi")], chosen: "Hello!", rejected: "Go away."),
                                ExportOptions(format: .trl, template: .hh))[0]
        let prompt = try XCTUnwrap(row["prompt"] as? String)
        XCTAssertEqual(prompt + (try XCTUnwrap(row["chosen"] as? String)), "\n\nHuman: Hi\n\nAssistant: Hello!")
        XCTAssertEqual(prompt + (try XCTUnwrap(row["rejected"] as? String)), "\n\nHuman: Hi\n\nAssistant: Go away.")
    }

    func testHHConcatenationReproducesTheTranscriptMultiTurn() throws {
        let prompt = [F.user("Name a colour."), F.assistant("Blue."), F.user("Another?")]
        let row = try F.objects(F.pair(prompt: prompt, chosen: "Red.", rejected: "No."), ExportOptions(format: .trl, template: .hh))[0]
        let transcript = "\n\nHuman: Name a colour.\n\nAssistant: Blue.\n\nHuman: Another?\n\nAssistant: Red."
        XCTAssertEqual((row["prompt"] as? String ?? "") + (row["chosen"] as? String ?? ""), transcript)
        XCTAssertEqual(row["prompt"] as? String, "\n\nHuman: Name a colour.\n\nAssistant: Blue.\n\nHuman: Another?\n\nAssistant:")
        XCTAssertEqual(row["rejected"] as? String, " No.")
    }

    func testPlainTemplateWithMultiTurnPromptIsAnErrorNamingTheItem() throws {
        let pair = F.pair(id: 7, prompt: [F.user("a"), F.assistant("b"), F.user("c")])
        XCTAssertThrowsError(try ExportEncoder(options: ExportOptions(format: .trl)).encode(pair)) { error in
            let e = error as? ExportEncodingError
            XCTAssertEqual(e?.reason, .multiTurnPlain)
            let text = e?.description ?? ""
            XCTAssertTrue(text.contains("item 7"), text)
            XCTAssertTrue(text.contains("--prompt-template hh"), text)
            XCTAssertTrue(text.contains("--format trl-conversational"), text)
        }
    }

    func testPlainTemplateWithSystemMessageIsAnError() {
        let pair = F.pair(prompt: [Message(role: "system", content: "Be brief."), F.user("Hi")])
        for format in [ExportFormat.trl, .reward, .kto] {
            XCTAssertThrowsError(try ExportEncoder(options: ExportOptions(format: format)).encode(pair)) { error in
                XCTAssertEqual((error as? ExportEncodingError)?.reason, .multiTurnPlain)
                // hh has no system role, so only the conversational format is suggested.
                XCTAssertTrue("\(error)".contains("--format trl-conversational"), "\(error)")
                XCTAssertFalse("\(error)".contains("--prompt-template hh"), "\(error)")
            }
        }
    }

    func testHHWithSystemOrToolMessageIsAnErrorSuggestingConversational() {
        let withSystem = F.pair(prompt: [Message(role: "system", content: "Be brief."), F.user("Hi")])
        let withTool = F.pair(prompt: [F.user("Weather?"), F.assistant("calling"), Message(role: "tool", content: "{\"t\":3}")])
        for pair in [withSystem, withTool] {
            XCTAssertThrowsError(try ExportEncoder(options: ExportOptions(format: .trl, template: .hh)).encode(pair)) { error in
                XCTAssertEqual((error as? ExportEncodingError)?.reason, .roleNotInTemplate)
                XCTAssertTrue("\(error)".contains("trl-conversational"), "\(error)")
            }
        }
    }

    func testTRLConversationalRowShape() throws {
        let prompt = [Message(role: "system", content: "Be brief."), F.user("Hi")]
        let row = try F.objects(F.pair(prompt: prompt, chosen: "Hello.", rejected: "What?"), ExportOptions(format: .trlConversational))[0]
        XCTAssertEqual(Set(row.keys), ["prompt", "chosen", "rejected"])
        XCTAssertEqual(try F.messages(row["prompt"]), prompt)
        XCTAssertEqual(try F.messages(row["chosen"]), [F.assistant("Hello.")])
        XCTAssertEqual(try F.messages(row["rejected"]), [F.assistant("What?")])
    }

    func testConversationalPromptMayEndWithAToolTurn() throws {
        let prompt = [F.user("Weather?"), F.assistant("calling"), Message(role: "tool", content: "sunny")]
        let row = try F.objects(F.pair(prompt: prompt), ExportOptions(format: .trlConversational))[0]
        XCTAssertEqual(try F.messages(row["prompt"]), prompt)
    }

    func testKTOStandardRows() throws {
        let rows = try F.objects(F.pair(), ExportOptions(format: .kto))
        XCTAssertEqual(rows.count, 2)
        for row in rows { XCTAssertEqual(Set(row.keys), ["prompt", "completion", "label"]) }
        XCTAssertEqual(rows[0]["prompt"] as? String, "What is 2+2?")
        XCTAssertEqual(rows[0]["completion"] as? String, "4")
        XCTAssertEqual(rows[0]["label"] as? Bool, true)
        XCTAssertEqual(rows[1]["completion"] as? String, "5")
        XCTAssertEqual(rows[1]["label"] as? Bool, false)
        // A JSON boolean, not the number 1 (JSONSerialization would bridge both to Bool).
        XCTAssertTrue(String(decoding: try F.rows(F.pair(), ExportOptions(format: .kto))[0], as: UTF8.self).hasSuffix("\"label\":true}"))
    }

    func testKTOConversationalRows() throws {
        let rows = try F.objects(F.pair(), ExportOptions(format: .kto, conversational: true))
        XCTAssertEqual(try F.messages(rows[0]["prompt"]), [F.user("What is 2+2?")])
        XCTAssertEqual(try F.messages(rows[0]["completion"]), [F.assistant("4")])
        XCTAssertEqual(try F.messages(rows[1]["completion"]), [F.assistant("5")])
        XCTAssertEqual(rows.map { $0["label"] as? Bool }, [true, false])
    }

    func testKTOWithHHTemplateRendersTextPromptAndSpacedCompletion() throws {
        let rows = try F.objects(F.pair(prompt: [F.user("Hi")], chosen: "Yo"), ExportOptions(format: .kto, template: .hh))
        XCTAssertEqual(rows[0]["prompt"] as? String, "\n\nHuman: Hi\n\nAssistant:")
        XCTAssertEqual(rows[0]["completion"] as? String, " Yo")
    }

    func testKTOBothBadGivesTwoFalseRowsOnlyWithKeepBothBad() throws {
        let pair = F.pair(bothBad: true)
        let rows = try F.objects(pair, ExportOptions(format: .kto, keepBothBad: true))
        XCTAssertEqual(rows.map { $0["label"] as? Bool }, [false, false])
        XCTAssertEqual(rows.map { $0["completion"] as? String }, ["4", "5"])
        XCTAssertEqual(try ExportEncoder(options: ExportOptions(format: .kto)).encode(pair), .dropped(.bothBad))
    }

    func testOpenAIRowShape() throws {
        let prompt = [Message(role: "system", content: "Be brief."), F.user("Hi")]
        let row = try F.objects(F.pair(prompt: prompt, chosen: "Hello.", rejected: "What?"), ExportOptions(format: .openai))[0]
        XCTAssertEqual(Set(row.keys), ["input", "preferred_output", "non_preferred_output"])
        let input = try XCTUnwrap(row["input"] as? [String: Any])
        XCTAssertEqual(Set(input.keys), ["messages"])
        XCTAssertEqual(try F.messages(input["messages"]), prompt)
        XCTAssertEqual(try F.messages(row["preferred_output"]), [F.assistant("Hello.")])
        XCTAssertEqual(try F.messages(row["non_preferred_output"]), [F.assistant("What?")])
    }

    func testRewardRowHasMarginAndScoresOnlyWhenScoresExist() throws {
        let row = try F.objects(F.pair(), ExportOptions(format: .reward))[0]
        XCTAssertEqual(Set(row.keys), ["prompt", "chosen", "rejected", "margin", "score_chosen", "score_rejected"])
        XCTAssertEqual(row["margin"] as? Double, 0.75)
        XCTAssertEqual(row["score_chosen"] as? Double, 4)
        XCTAssertEqual(row["score_rejected"] as? Double, 2.5)
        var unscored = F.pair()
        unscored.scoreChosen = nil; unscored.scoreRejected = nil
        XCTAssertEqual(Set(try F.objects(unscored, ExportOptions(format: .reward))[0].keys), ["prompt", "chosen", "rejected", "margin"])
    }

    func testMetadataKeysInEveryFormat() throws {
        for format in ExportFormat.allCases {
            for row in try F.objects(F.pair(id: 9), ExportOptions(format: format, withMetadata: true)) {
                XCTAssertEqual(row["id"] as? String, "ext-9", "\(format)")
                XCTAssertEqual(row["n_judgments"] as? Int, 3, "\(format)")
                XCTAssertEqual(row["agreement"] as? Double, 0.5, "\(format)")
                XCTAssertEqual(row["strength"] as? Double, 2.5, "\(format)")
            }
            for row in try F.objects(F.pair(), ExportOptions(format: format)) {
                XCTAssertNil(row["id"], "\(format)")
                XCTAssertNil(row["n_judgments"], "\(format)")
            }
        }
        var anonymous = F.pair(id: 12)
        anonymous.externalID = nil; anonymous.agreement = nil
        let row = try F.objects(anonymous, ExportOptions(format: .trl, withMetadata: true))[0]
        XCTAssertEqual(row["id"] as? String, "12")
        XCTAssertTrue(row["agreement"] is NSNull)
    }

    func testLineSeparatorsAreEscapedAndTheRowStillParses() throws {
        let tricky = "a\u{2028}b\u{2029}c \"q\" \\ tab\t nl\n cr\r bell\u{07} é 你好 🙂"
        let bytes = try F.rows(F.pair(prompt: [F.user(tricky)], chosen: tricky + "!"), ExportOptions(format: .trl))[0]
        let text = try XCTUnwrap(String(validating: bytes, as: UTF8.self), "not valid UTF-8")
        XCTAssertFalse(text.unicodeScalars.contains("\u{2028}"))
        XCTAssertFalse(text.unicodeScalars.contains("\u{2029}"))
        XCTAssertFalse(bytes.contains(0x0A))
        XCTAssertTrue(text.contains("\\u2028"))
        let row = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        XCTAssertEqual(row["prompt"] as? String, tricky)
        XCTAssertEqual(row["chosen"] as? String, tricky + "!")
    }

    func testEveryDropReasonIsProducedAndCounted() throws {
        let cases: [(ExportPair, ExportOptions, DropReason)] = [
            (F.pair(chosen: "same", rejected: "same"), ExportOptions(format: .trl), .chosenEqualsRejected),
            (F.pair(chosen: " \n\t "), ExportOptions(format: .openai), .emptyCompletion),
            (F.pair(rejected: ""), ExportOptions(format: .kto), .emptyCompletion),
            (F.pair(prompt: []), ExportOptions(format: .trlConversational), .emptyPrompt),
            (F.pair(prompt: [F.user("a"), F.assistant("b")]), ExportOptions(format: .trlConversational), .promptNotEndingWithUser),
            (F.pair(prompt: [F.user("a"), F.assistant("b")]), ExportOptions(format: .trl), .promptNotEndingWithUser),
            (F.pair(bothBad: true), ExportOptions(format: .trl), .bothBad),
            (F.pair(bothBad: true), ExportOptions(format: .openai, keepBothBad: true), .bothBad),
        ]
        var counts = ExportCounts()
        for (pair, options, reason) in cases {
            let result = try ExportEncoder(options: options).encode(pair)
            XCTAssertEqual(result, .dropped(reason), "\(options.format)")
            counts.record(result)
        }
        XCTAssertEqual(Set(cases.map(\.2)), Set(DropReason.dropReasons), "a drop reason without a test")
        counts.record(try ExportEncoder(options: ExportOptions(format: .kto)).encode(F.pair()))
        let manifest = counts.manifestCounts
        XCTAssertEqual(manifest.exported, 1)
        XCTAssertEqual(manifest.rows, 2)
        XCTAssertEqual(manifest.dropped["empty_completion"], 2)
        XCTAssertEqual(manifest.dropped["chosen_equals_rejected"], 1)
        XCTAssertEqual(Set(manifest.dropped.keys), Set(DropReason.dropReasons.map(\.rawValue)))
        XCTAssertNil(manifest.dropped["multi_turn_prompt_with_plain_template"])
    }

    func testNumbersAreIntegersOrShortestRoundTrip() {
        XCTAssertEqual(JSONNumber.text(3), "3")
        XCTAssertEqual(JSONNumber.text(-0.0), "0")
        XCTAssertEqual(JSONNumber.text(0.1), "0.1")
        XCTAssertEqual(JSONNumber.text(2.0 / 3.0), "0.6666666666666666")
        XCTAssertEqual(JSONNumber.text(.nan), "null")
        XCTAssertEqual(JSONNumber.text(-.infinity), "null")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let x = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
            let text = JSONNumber.text(x)
            XCTAssertEqual(Double(text), x, text)
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data("[\(text)]".utf8)), text)
        }
    }

    /// Optional: Python's json module reads every row, and sees the keys in the documented order.
    func testPythonJSONLoadsEveryRow() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let python = path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw XCTSkip("python3 not found") }
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sample.jsonl")
        let writer = try JSONLFileWriter(target: file)
        let tricky = F.pair(prompt: [F.user("x\u{2028}y \u{1F} \"z\"")], chosen: "ok\u{2029}", rejected: "no\r\n")
        var expectedKeys: [[String]] = []
        for format in ExportFormat.allCases {
            for row in try F.rows(tricky, ExportOptions(format: format, withMetadata: true)) {
                try writer.writeLine(row)
            }
        }
        let meta = ["id", "n_judgments", "agreement", "strength"]
        expectedKeys += [["prompt", "chosen", "rejected"] + meta, ["prompt", "chosen", "rejected"] + meta]
        expectedKeys += [["prompt", "completion", "label"] + meta, ["prompt", "completion", "label"] + meta]
        expectedKeys += [["input", "preferred_output", "non_preferred_output"] + meta]
        expectedKeys += [["prompt", "chosen", "rejected"] + meta + ["margin", "score_chosen", "score_rejected"]]
        _ = try writer.commit()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", """
            import json, sys
            with open(sys.argv[1], encoding="utf-8") as f:
                for line in f:
                    print(json.dumps([k for k, _ in json.loads(line, object_pairs_hook=lambda p: p)]))
            """, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let keys = try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode([String].self, from: Data($0.utf8))
        }
        XCTAssertEqual(keys, expectedKeys)
    }
}
