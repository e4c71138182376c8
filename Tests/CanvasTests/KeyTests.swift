import XCTest
@testable import Canvas

final class KeyTests: XCTestCase {
    func testParsesKeymapSpellings() {
        XCTAssertEqual(Key.parse("q"), .char("q"))
        XCTAssertEqual(Key.parse("G"), .char("G"))
        XCTAssertEqual(Key.parse("ctrl-d"), .ctrl("d"))
        XCTAssertEqual(Key.parse("C-u"), .ctrl("u"))
        XCTAssertEqual(Key.parse("^D"), .ctrl("d"))
        XCTAssertEqual(Key.parse("Enter"), .enter)
        XCTAssertEqual(Key.parse("esc"), .esc)
        XCTAssertEqual(Key.parse("shift-tab"), .backTab)
        XCTAssertEqual(Key.parse("pgdn"), .pageDown)
        XCTAssertEqual(Key.parse("f12"), .f(12))
        XCTAssertEqual(Key.parse("space"), .char(" "))
        XCTAssertNil(Key.parse("ctrl-"))
        XCTAssertNil(Key.parse("f99"))
        XCTAssertNil(Key.parse("hyper-x"))
    }

    func testLabelsForHelpAndHintBar() {
        XCTAssertEqual(Key.ctrl("d").label(), "C-d")
        XCTAssertEqual(Key.up.label(), "\u{2191}")
        XCTAssertEqual(Key.up.label(mode: .ascii), "Up")
        XCTAssertEqual(Key.enter.label(), "Enter")
        XCTAssertEqual(Key.char(" ").label(), "Space")
        XCTAssertEqual(Key.f(5).description, "F5")
    }

    func testLabelsParseBack() {
        let keys: [Key] = [.char("x"), .ctrl("d"), .enter, .esc, .tab, .backTab, .pageUp, .pageDown, .home, .end, .f(3), .char(" ")]
        for key in keys { XCTAssertEqual(Key.parse(key.label(mode: .ascii)), key, key.label()) }
    }
}
