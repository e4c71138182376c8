import Canvas
import PreferTerminal
import XCTest

/// Raw codes are ncurses' documented values (curses.h, octal): KEY_DOWN 0402 = 258, and so on.
final class KeyDecoderTests: XCTestCase {
    private func key(_ raw: RawInput) -> Key { KeyDecoder.key(for: raw) }

    func testPrintableCharactersIncludingMultibyteArriveAsOneCharacter() {
        XCTAssertEqual(key(.character(0x61)), .char("a"))
        XCTAssertEqual(key(.character(0x20)), .char(" "))
        XCTAssertEqual(key(.character(0xE9)), .char("é"))
        XCTAssertEqual(key(.character(0x4E2D)), .char("中"))
        XCTAssertEqual(key(.character(0x1F44D)), .char("👍"))
    }

    func testEnterBackspaceAndTabInAllTheirSpellings() {
        XCTAssertEqual(key(.character(10)), .enter)
        XCTAssertEqual(key(.character(13)), .enter)
        XCTAssertEqual(key(.keyCode(343)), .enter)       // KEY_ENTER 0527
        XCTAssertEqual(key(.character(127)), .backspace)
        XCTAssertEqual(key(.character(8)), .backspace)
        XCTAssertEqual(key(.keyCode(263)), .backspace)   // KEY_BACKSPACE 0407
        XCTAssertEqual(key(.character(9)), .tab)
        XCTAssertEqual(key(.keyCode(353)), .backTab)     // KEY_BTAB 0541
    }

    func testNavigationAndFunctionKeys() {
        XCTAssertEqual(key(.keyCode(258)), .down)
        XCTAssertEqual(key(.keyCode(259)), .up)
        XCTAssertEqual(key(.keyCode(260)), .left)
        XCTAssertEqual(key(.keyCode(261)), .right)
        XCTAssertEqual(key(.keyCode(262)), .home)
        XCTAssertEqual(key(.keyCode(360)), .end)         // KEY_END 0550
        XCTAssertEqual(key(.keyCode(339)), .pageUp)      // KEY_PPAGE 0523
        XCTAssertEqual(key(.keyCode(338)), .pageDown)    // KEY_NPAGE 0522
        XCTAssertEqual(key(.keyCode(330)), .delete)      // KEY_DC 0512
        XCTAssertEqual(key(.keyCode(265)), .f(1))        // KEY_F0 0410 + 1
        XCTAssertEqual(key(.keyCode(276)), .f(12))
        XCTAssertEqual(key(.keyCode(410)), .resize)      // KEY_RESIZE 0632
    }

    func testControlLettersExceptTabEnterAndBackspace() {
        XCTAssertEqual(key(.character(1)), .ctrl("a"))
        XCTAssertEqual(key(.character(4)), .ctrl("d"))
        XCTAssertEqual(key(.character(21)), .ctrl("u"))
        XCTAssertEqual(key(.character(26)), .ctrl("z"))
    }

    func testEscapeAloneAndAltCombinations() {
        XCTAssertEqual(KeyDecoder.event(.character(27), next: nil), KeyEvent(.esc))
        XCTAssertEqual(KeyDecoder.event(.character(27), next: .character(0x78)), KeyEvent(.char("x"), alt: true))
        XCTAssertEqual(KeyDecoder.event(.character(27), next: .keyCode(259)), KeyEvent(.up, alt: true))
        XCTAssertEqual(KeyDecoder.event(.character(27), next: .character(27)), KeyEvent(.esc, alt: true))
        XCTAssertEqual(KeyDecoder.event(.character(0x61), next: .character(0x62)), KeyEvent(.char("a")))
    }

    func testUndecodableInputIsUnknownRatherThanText() {
        XCTAssertEqual(key(.character(0)), .unknown(0))
        XCTAssertEqual(key(.character(0x1C)), .unknown(0x1C))
        XCTAssertEqual(key(.character(0x85)), .unknown(0x85))      // C1 control (NEL)
        XCTAssertEqual(key(.character(0xD800)), .unknown(0xD800))  // lone surrogate: no scalar
        XCTAssertEqual(key(.keyCode(0o777)), .unknown(0o777))
    }
}
