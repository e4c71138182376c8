import XCTest
import Canvas
import PreferCore
@testable import PreferUI

/// The rationale field: keys are text, editing keys, UTF-8 and wide characters, the cursor.
final class TextEditingTests: XCTestCase {
    private func editing() -> AnnotateState {
        var s = Fixture.state()
        s.press(.char("r"))
        return s
    }

    func testCommandLettersAreTextInsideTheField() {
        var s = editing()
        XCTAssertEqual(s.context, .text)
        var effects: [AnnotateEffect] = []
        for ch in "quit now? 1 x s g" { effects += s.handle(KeyEvent(.char(ch)), now: Fixture.t0) }
        XCTAssertEqual(effects, [], "no quit, no choice, no skip while typing")
        XCTAssertEqual(s.rationale.text, "quit now? 1 x s g")
        XCTAssertNil(s.overlay)
    }

    func testEscLeavesTheFieldAndEnterSubmits() throws {
        var s = editing()
        s.type("ok")
        s.press(.esc)
        XCTAssertEqual(s.focus, .form)
        s.press(.char("r"))
        XCTAssertEqual(s.press(.enter), [], "Enter without a choice does not submit")
        s.press(.esc, .esc)          // field -> form -> panes
        let sub = try XCTUnwrap(submitted(s.press(.char("7"))))
        XCTAssertEqual(sub.rationale, "ok")
    }

    func testNewlineWithCtrlJAndAltEnter() {
        var s = editing()
        s.type("one")
        s.press(.ctrl("j"))
        s.type("two")
        s.press(.enter, alt: true)
        s.type("three")
        XCTAssertEqual(s.rationale.text, "one\ntwo\nthree")
    }

    func testUTF8AndWideCharactersEditAsWholeGraphemes() {
        var s = editing()
        s.type("héllo 世界 👩‍👩‍👧 e\u{301}")
        XCTAssertEqual(s.rationale.text.count, 12)
        s.press(.backspace)          // the combining e + accent goes as one
        XCTAssertEqual(s.rationale.text, "héllo 世界 👩‍👩‍👧 ")
        s.press(.left, .left)        // before the family emoji
        s.press(.delete)
        XCTAssertEqual(s.rationale.text, "héllo 世界  ")
        s.press(.left, .backspace)   // deletes 界
        XCTAssertEqual(s.rationale.text, "héllo 世  ")
        s.press(.home)
        s.type("¡")
        XCTAssertEqual(s.rationale.text, "¡héllo 世  ")
    }

    func testReadlineKeys() {
        var s = editing()
        s.type("alpha beta gamma")
        s.press(.ctrl("w"))
        XCTAssertEqual(s.rationale.text, "alpha beta ")
        s.press(.ctrl("a"))
        s.press(.right, .right)
        s.press(.ctrl("k"))
        XCTAssertEqual(s.rationale.text, "al")
        s.type("pine")
        s.press(.left, .left, .ctrl("u"))
        XCTAssertEqual(s.rationale.text, "ne")
        s.press(.ctrl("e"))
        s.type("!")
        XCTAssertEqual(s.rationale.text, "ne!")
        s.press(.end, .backspace)
        XCTAssertEqual(s.rationale.text, "ne")
    }

    func testUpAndDownMoveBetweenLinesByDisplayColumn() {
        var input = TextInput("世界ab\nxyzw")
        input.moveUp()               // from the end of "xyzw" (column 4) to after 界 (column 4)
        input.insert("!")
        XCTAssertEqual(input.text, "世界!ab\nxyzw")
        input.moveLeft()             // before "!": column 4
        input.moveDown()             // column 4 of "xyzw" is its end
        input.insert("?")
        XCTAssertEqual(input.text, "世界!ab\nxyzw?")
        input.moveUp()
        input.moveToLineStart()
        input.moveDown()             // column 0
        input.insert("^")
        XCTAssertEqual(input.text, "世界!ab\n^xyzw?")
    }

    func testControlCharactersAreNotInserted() {
        var input = TextInput()
        for ch in ["a", "\u{1B}", "\u{07}", "\u{9B}", "b"] { input.insert(Character(ch)) }
        XCTAssertEqual(input.text, "ab")
    }

    func testLayoutWrapsWideCharactersWithoutSplittingThem() {
        let laid = TextInput("ab世界cd").layout(width: 5)
        XCTAssertEqual(laid.rows, ["ab世", "界cd"])
        XCTAssertEqual(laid.cursorRow, 1)
        XCTAssertEqual(laid.cursorColumn, 4)
        XCTAssertEqual(TextInput("abcde").layout(width: 5).cursorRow, 1, "a full row puts the cursor on the next")
    }

    func testCursorFollowsTypingInTheField() throws {
        var s = editing()
        let before = try XCTUnwrap(s.cursor)
        s.type("世a")
        let after = try XCTUnwrap(s.cursor)
        XCTAssertEqual(after.x - before.x, 3, "a wide character takes two columns")
        XCTAssertEqual(after.y, before.y)
        s.press(.esc)
        XCTAssertNil(s.cursor, "no cursor outside text fields")
    }

    func testBidiControlInTheRationaleIsShownAsAMarker() {
        var s = editing()
        s.type("a\u{202E}b")
        XCTAssertTrue(s.text().contains("a\u{27E8}RLO\u{27E9}b"))
        XCTAssertEqual(s.rationale.text, "a\u{202E}b", "stored raw")
    }
}
