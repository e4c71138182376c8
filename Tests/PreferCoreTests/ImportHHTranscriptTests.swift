import XCTest
@testable import PreferCore

/// HH-RLHF transcript parsing, splitting and rendering on hand-made edge cases.
final class ImportHHTranscriptTests: XCTestCase {
    func testMessagesFromTranscript() {
        XCTAssertEqual(HHTranscript.messages(from: "\n\nHuman: Hi\n\nAssistant: Hello\n\nHuman: Bye"),
                       [Message(role: "user", content: "Hi"), Message(role: "assistant", content: "Hello"), Message(role: "user", content: "Bye")])
        XCTAssertNil(HHTranscript.messages(from: "Hi there"))
        XCTAssertNil(HHTranscript.messages(from: "preamble\n\nHuman: Hi"))
    }

    func testRenderFormat() {
        XCTAssertEqual(HHTranscript.render(prompt: [Message(role: "user", content: "X"), Message(role: "assistant", content: "Y"), Message(role: "user", content: "Z")]),
                       "\n\nHuman: X\n\nAssistant: Y\n\nHuman: Z\n\nAssistant:")
    }

    /// Splits and checks the export contract: the rendered prompt plus " " plus each response gives the original back.
    private func assertSplit(_ chosen: String, _ rejected: String, prompt: [Message], responses: [String],
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let s = try XCTUnwrap(HHTranscript.split(chosen: chosen, rejected: rejected), file: file, line: line)
        XCTAssertEqual(s.prompt, prompt, file: file, line: line)
        XCTAssertEqual([s.chosen, s.rejected], responses, file: file, line: line)
        XCTAssertEqual(HHTranscript.render(prompt: s.prompt) + " " + s.chosen, chosen, file: file, line: line)
        XCTAssertEqual(HHTranscript.render(prompt: s.prompt) + " " + s.rejected, rejected, file: file, line: line)
    }

    func testChosenThatIsAPrefixOfRejectedGivesAnEmptyChosenResponse() throws {
        // As in rows of the real file where the chosen answer is empty.
        try assertSplit("\n\nHuman: list of words\n\nAssistant: ", "\n\nHuman: list of words\n\nAssistant: Ok",
                        prompt: [Message(role: "user", content: "list of words")], responses: ["", "Ok"])
    }

    func testResponsesSharingTheirFirstWordsAreNotCutMidTurn() throws {
        // The common prefix runs into "Sure, I" but the split stays at the start of the Assistant turn.
        try assertSplit("\n\nHuman: Help?\n\nAssistant: Sure, I can help.", "\n\nHuman: Help?\n\nAssistant: Sure, I will not.",
                        prompt: [Message(role: "user", content: "Help?")], responses: ["Sure, I can help.", "Sure, I will not."])
    }

    func testSplitBacksUpToAnAssistantTurnThatAnswersAHumanTurn() throws {
        // Both share a first Assistant turn, then differ in a second consecutive Assistant turn: the prompt must end with the user.
        try assertSplit("\n\nHuman: Q\n\nAssistant: part one\n\nAssistant: good end", "\n\nHuman: Q\n\nAssistant: part one\n\nAssistant: bad end",
                        prompt: [Message(role: "user", content: "Q")],
                        responses: ["part one\n\nAssistant: good end", "part one\n\nAssistant: bad end"])
    }

    func testPromptTurnWithoutSpaceCannotRoundTrip() {
        let result = HHTranscript.splitChecked(chosen: "\n\nHuman:Q\n\nAssistant: a", rejected: "\n\nHuman:Q\n\nAssistant: b")
        XCTAssertEqual(result.failure, .promptDoesNotRoundTrip)
        XCTAssertNil(HHTranscript.split(chosen: "\n\nHuman:Q\n\nAssistant: a", rejected: "\n\nHuman:Q\n\nAssistant: b"))
    }

    func testDialoguesThatDivergeBeforeAnyAssistantTurn() {
        let result = HHTranscript.splitChecked(chosen: "\n\nHuman: A\n\nAssistant: x", rejected: "\n\nHuman: B\n\nAssistant: x")
        XCTAssertEqual(result.failure, .noSharedUserTurn)
    }
}

private extension Result {
    var failure: Failure? { if case .failure(let f) = self { return f }; return nil }
}
