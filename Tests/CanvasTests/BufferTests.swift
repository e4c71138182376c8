import XCTest
@testable import Canvas

final class BufferTests: XCTestCase {
    func testWritesByDisplayWidthWithContinuationCells() {
        var b = Buffer(width: 6, height: 1)
        let end = b.set(0, 0, "a中b")
        XCTAssertEqual(end, 4)
        XCTAssertEqual(b[1, 0].symbol, "中")
        XCTAssertTrue(b[2, 0].isContinuation)
        XCTAssertEqual(b[3, 0].symbol, "b")
        XCTAssertEqual(b.lines(), ["a中b"])
    }

    func testWideCharacterStraddlingTheRightEdgeBecomesASpace() {
        var b = Buffer(width: 5, height: 1, fill: Cell("."))
        b.set(0, 0, "abcd中")
        XCTAssertEqual(b.lines(trimTrailing: false), ["abcd "])
        XCTAssertFalse(b.cells.contains { $0.isContinuation })
    }

    func testClipsAtAGivenRightEdge() {
        var b = Buffer(width: 8, height: 1, fill: Cell("."))
        let end = b.set(1, 0, "中文字", right: 6)
        XCTAssertEqual(end, 6)
        XCTAssertEqual(b.lines(), [".中文 .."], "the third wide char would cross column 6: a space instead")
    }

    func testOverwritingHalfAWideCharacterClearsTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.set(0, 0, "中文")
        b.set(1, 0, "x")
        XCTAssertEqual(b.lines(), [" x文"])
        b.set(2, 0, "y")
        XCTAssertEqual(b.lines(), [" xy"])
        XCTAssertFalse(b.cells.contains { $0.isContinuation })
    }

    func testFamilyEmojiFromSanitisedTextIsOneWideCell() {
        var b = Buffer(width: 4, height: 1)
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        b.set(0, 0, Sanitizer.plainText(family + "!"))
        XCTAssertEqual(b[0, 0].symbol, family)
        XCTAssertTrue(b[1, 0].isContinuation)
        XCTAssertEqual(b[2, 0].symbol, "!")
    }

    func testCombiningMarkJoinsThePreviousCell() {
        var b = Buffer(width: 3, height: 1)
        b.set(0, 0, "e\u{301}x")
        XCTAssertEqual(b[0, 0].symbol, "e\u{301}")
        XCTAssertEqual(b[1, 0].symbol, "x")
    }

    func testControlThatSlippedThroughIsDrawnAsQuestionMark() {
        var b = Buffer(width: 4, height: 1)
        b.set(0, 0, "a\u{1B}b")
        XCTAssertEqual(b.lines(), ["a?b"])
    }

    func testWritesOutsideTheBufferAreIgnored() {
        var b = Buffer(width: 3, height: 2)
        b.set(0, 5, "hidden")
        b.set(-1, 0, "中ab")
        XCTAssertEqual(b.lines(), [" ab", ""])
    }

    func testFillAndStyledDump() {
        var b = Buffer(width: 4, height: 2)
        let header = Style(fg: .palette(252), bg: .palette(236), bold: true)
        b.fill(Rect(x: 0, y: 0, width: 4, height: 1), with: .blank(header))
        b.set(0, 0, "Hi", style: header)
        b.set(0, 1, "中", style: Style(fg: .ansi(.red)))
        XCTAssertEqual(b.styledDump(), """
        styles:
        a = fg:252 bg:236 bold
        b = fg:red
        c = plain
        rows:
        aaaa
        bbcc

        """)
    }

    func testDiffListsOnlyChangedCellsAndSkipsContinuations() {
        var old = Buffer(width: 4, height: 2)
        old.set(0, 0, "abcd")
        var new = old
        new.set(1, 0, "中")
        new.set(3, 1, "z")
        let changes = new.diff(from: old)
        XCTAssertEqual(changes.map { [$0.x, $0.y] }, [[1, 0], [3, 1]])
        XCTAssertEqual(changes.first?.cell.symbol, "中")
        XCTAssertEqual(new.diff(from: new), [])
    }

    func testDiffAfterWideBecomesNarrowRedrawsTheFreedCell() {
        var old = Buffer(width: 3, height: 1)
        old.set(0, 0, "中")
        var new = Buffer(width: 3, height: 1)
        new.set(0, 0, "a")
        XCTAssertEqual(new.diff(from: old).map(\.x), [0, 1])
    }

    func testDiffAgainstDifferentSizeReturnsEverything() {
        let small = Buffer(width: 2, height: 1)
        let big = Buffer(width: 3, height: 2)
        XCTAssertEqual(big.diff(from: small).count, 6)
    }
}
