import XCTest
import Canvas
import PreferCore
@testable import PreferUI

/// Focus, scrolling, layout, sync, diff, fold and overlays.
final class PaneKeyTests: XCTestCase {
    static let long = (1...100).map { "line \($0) of the answer" }.joined(separator: "\n")

    func testTabCyclesFocusAndBackTabReverses() {
        var s = Fixture.state()
        XCTAssertEqual(s.focus, .left)
        var seen: [AnnotateFocus] = []
        for _ in 0..<5 { s.press(.tab); seen.append(s.focus) }
        XCTAssertEqual(seen, [.right, .form, .rationale, .prompt, .left])
        s.press(.backTab)
        XCTAssertEqual(s.focus, .prompt)
    }

    func testScrollKeysMoveTheFocusedPaneWithinBounds() {
        var s = Fixture.state(item: Fixture.item(left: Self.long), width: 80, height: 24)
        s.press(.char("k"))
        XCTAssertEqual(s.offsets[.left], 0, "cannot scroll above the top")
        s.press(.char("j"), .down)
        XCTAssertEqual(s.offsets[.left], 2)
        s.press(.up)
        XCTAssertEqual(s.offsets[.left], 1)
        s.press(.end)
        let bottom = s.offsets[.left] ?? 0
        XCTAssertGreaterThan(bottom, 80)
        XCTAssertTrue(s.text(80, 24).contains("line 100 of the answer"))
        s.press(.char("j"))
        XCTAssertEqual(s.offsets[.left], bottom, "cannot scroll past the last page")
        s.press(.home)
        XCTAssertEqual(s.offsets[.left], 0)
        s.press(.pageDown)
        let page = s.offsets[.left] ?? 0
        XCTAssertGreaterThan(page, 1)
        s.press(.ctrl("d"))
        XCTAssertEqual(s.offsets[.left], 2 * page)
        s.press(.pageUp, .ctrl("u"))
        XCTAssertEqual(s.offsets[.left], 0)
        XCTAssertNil(s.offsets[.right].flatMap { $0 == 0 ? nil : $0 }, "B did not move")
    }

    func testLayoutFollowsWidthAndToggles() {
        var s = Fixture.state(width: 120, height: 40)
        func titlesOnOneRow(_ st: AnnotateState) -> Bool {
            st.text(120, 40).split(separator: "\n").contains { $0.contains("\u{25B6} A ") && $0.contains("\u{2500} B \u{2500}") }
        }
        XCTAssertTrue(titlesOnOneRow(s), "side by side at 120 columns")
        s.press(.char("v"))
        XCTAssertFalse(titlesOnOneRow(s), "stacked after the toggle")
        s.press(.char("v"))
        XCTAssertTrue(titlesOnOneRow(s))
        let narrow = Fixture.state(width: 99, height: 30)
        XCTAssertFalse(narrow.text(99, 30).split(separator: "\n").contains { $0.contains("\u{25B6} A ") && $0.contains("\u{2500} B \u{2500}") },
                       "stacked below 100 columns")
    }

    func testSyncedScrollingMovesBothResponses() {
        var s = Fixture.state(item: Fixture.item(left: Self.long, right: Self.long))
        s.press(.char("y"))
        XCTAssertTrue(s.synced)
        s.press(.char("j"), .char("j"), .char("j"))
        XCTAssertEqual(s.offsets[.left], 3)
        XCTAssertEqual(s.offsets[.right], 3)
        XCTAssertTrue(s.text().contains("B [sync]"))
        s.press(.char("y"), .char("j"))
        XCTAssertEqual(s.offsets[.left], 4)
        XCTAssertEqual(s.offsets[.right], 3)
    }

    func testDiffHighlightsOnlyTheChangedWords() throws {
        var s = Fixture.state(item: Fixture.item(left: "the cat sat on the mat", right: "the dog sat on the mat"))
        let theme = Theme.builtinMono
        func style(of word: String, in buf: Buffer, after column: Int) -> Style? {
            for y in 0..<buf.height {
                let row = buf.lines(trimTrailing: false)[y]
                guard let r = row.range(of: word, range: row.index(row.startIndex, offsetBy: column)..<row.endIndex) else { continue }
                return buf[row.distance(from: row.startIndex, to: r.lowerBound), y].style
            }
            return nil
        }
        var buf = s.render(width: 120, height: 40, theme: theme, mode: .unicode)
        XCTAssertEqual(style(of: "cat", in: buf, after: 0), theme[.text])
        s.press(.char("d"))
        XCTAssertTrue(s.diffOn)
        buf = s.render(width: 120, height: 40, theme: theme, mode: .unicode)
        XCTAssertEqual(style(of: "cat", in: buf, after: 0), theme[.diffRemoved])
        XCTAssertEqual(style(of: "sat", in: buf, after: 0), theme[.text])
        XCTAssertEqual(style(of: "dog", in: buf, after: 60), theme[.diffAdded])
        XCTAssertEqual(style(of: "mat", in: buf, after: 60), theme[.text])
        s.press(.char("d"))
        buf = s.render(width: 120, height: 40, theme: theme, mode: .unicode)
        XCTAssertEqual(style(of: "dog", in: buf, after: 60), theme[.text])
    }

    func testFoldToggleShowsTheWholeSystemPrompt() {
        var s = Fixture.state()
        XCTAssertTrue(s.text().contains("3 more lines, press f to unfold"))
        XCTAssertFalse(s.text().contains("Be kind."))
        s.press(.char("f"))
        XCTAssertTrue(s.text().contains("Be kind."))
        XCTAssertFalse(s.text().contains("more lines"))
    }

    func testShortSystemPromptIsNotFolded() {
        let s = Fixture.state(item: Fixture.item(prompt: [Message(role: "system", content: "Be brief."), Message(role: "user", content: "Hi")]))
        XCTAssertTrue(s.text().contains("Be brief."))
        XCTAssertFalse(s.text().contains("more lines"))
    }

    func testHelpOverlayOpensScrollsAndCloses() {
        var s = Fixture.state(width: 80, height: 24)
        s.press(.char("?"))
        XCTAssertEqual(s.overlay, .help)
        XCTAssertTrue(s.text(80, 24).contains("Keys - Esc closes"))
        s.press(.char("j"))
        XCTAssertEqual(s.overlayOffset, 1)
        XCTAssertEqual(s.press(.char("q")), [], "q closes the overlay, it does not quit")
        XCTAssertNil(s.overlay)
        s.press(.char("?"), .char("?"))
        XCTAssertNil(s.overlay)
        s.press(.char("?"), .esc)
        XCTAssertNil(s.overlay)
    }

    func testGuidelinesViewShowsMarkdownAndCloses() {
        var s = Fixture.state(width: 80, height: 24)
        s.press(.char("g"))
        XCTAssertEqual(s.overlay, .guidelines)
        let text = s.text(80, 24)
        XCTAssertTrue(text.contains("Annotation guidelines"))
        XCTAssertTrue(text.contains("\u{2022} Penalise made-up facts."))
        XCTAssertFalse(text.contains("**"), "bold markers are rendered, not shown")
        XCTAssertEqual(s.press(.char("1")), [], "choice keys are inert while reading")
        s.press(.esc)
        XCTAssertNil(s.overlay)
    }

    func testPromptPaneScrollsOnItsOwn() {
        var s = Fixture.state(width: 80, height: 24)
        s.press(.backTab)
        XCTAssertEqual(s.focus, .prompt)
        s.press(.char("j"), .char("j"))
        XCTAssertEqual(s.offsets[.prompt], 2)
        XCTAssertEqual(s.offsets[.left] ?? 0, 0)
        XCTAssertTrue(s.text(80, 24).contains("\u{25B6} Prompt"))
    }

    func testGuidelinesScrollStopsAtTheEnd() {
        let long = (1...30).map { "- rule number \($0)" }.joined(separator: "\n")
        var s = AnnotateState(projectName: "demo", annotator: "alice", config: Fixture.config(), guidelines: "# Annotation guidelines\n" + long,
                              progress: .init(judged: 0, assigned: 1))
        s.resize(width: 60, height: 16)
        s.load(Fixture.item(), now: Fixture.t0)
        s.press(.char("g"))
        for _ in 0..<50 { s.press(.char("j")) }
        // 31 lines in a 12-row view: the last page starts at line 20 (0-based 19).
        XCTAssertEqual(s.overlayOffset, 19)
        XCTAssertTrue(s.text(60, 16).contains("rule number 30"))
        s.press(.char("k"))
        XCTAssertEqual(s.overlayOffset, 18)
        s.press(.home)
        XCTAssertEqual(s.overlayOffset, 0)
        XCTAssertTrue(s.text(60, 16).contains("Annotation guidelines"))
    }

    func testFormScrollsToTheSelectedFieldOnASmallTerminal() {
        let rubric = (1...8).map { Criterion(id: "c\($0)", question: "Question number \($0)", required: $0 == 8) }
        var s = Fixture.state(Fixture.config(rubric: rubric), width: 60, height: 16)
        XCTAssertFalse(s.text(60, 16).contains("Question number 8"), "not enough room for every row")
        s.press(.char("1"))          // required c8 is missing: focus goes there
        XCTAssertEqual(s.selectedField, .score(7, .left))
        XCTAssertTrue(s.text(60, 16).contains("*Question number 8"))
    }

    func testResizeKeepsTypedInput() {
        var s = Fixture.state()
        s.press(.char("r"))
        s.type("half-written thought")
        s.resize(width: 60, height: 16)
        s.resize(width: 200, height: 60)
        XCTAssertEqual(s.rationale.text, "half-written thought")
        XCTAssertEqual(s.focus, .rationale)
        XCTAssertTrue(s.text(200, 60).contains("half-written thought"))
    }
}
