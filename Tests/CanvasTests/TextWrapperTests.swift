import XCTest
@testable import Canvas

final class TextWrapperTests: XCTestCase {
    func texts(_ lines: [Line]) -> [String] { lines.map(\.text) }

    func testBreaksAtSpacesAndDropsTheBreakingSpace() {
        XCTAssertEqual(texts(TextWrapper.layout("the quick brown fox jumps", width: 10)), ["the quick", "brown fox", "jumps"])
    }

    func testHardBreaksAWordLongerThanTheWidth() {
        XCTAssertEqual(texts(TextWrapper.layout("ab abcdefghijkl", width: 5)), ["ab", "abcde", "fghij", "kl"])
    }

    func testNeverSplitsAWideCharacterAtTheEdge() {
        let lines = TextWrapper.layout("中文中文中", width: 5)
        XCTAssertEqual(texts(lines), ["中文", "中文", "中"])
        XCTAssertTrue(lines.allSatisfy { $0.width <= 5 })
    }

    func testKeepsGraphemeClustersWhole() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        let lines = TextWrapper.layout("a" + family + family, width: 3)
        XCTAssertEqual(texts(lines), ["a" + family, family])
    }

    func testNewlinesAndBlankLinesArePreserved() {
        XCTAssertEqual(texts(TextWrapper.layout("one\n\ntwo\n", width: 10)), ["one", "", "two", ""])
    }

    func testTabsExpandToMultiplesOfFour() {
        XCTAssertEqual(texts(TextWrapper.layout("a\tbc\td", width: 20)), ["a   bc  d"])
    }

    func testLongLineWithoutSpacesWraps() {
        let lines = TextWrapper.layout(String(repeating: "x", count: 10_000), width: 80)
        XCTAssertEqual(lines.count, 125)
        XCTAssertTrue(lines.allSatisfy { $0.width == 80 })
    }

    func testFencedCodeKeepsIndentationAndIsClippedNotWrapped() {
        let text = "intro text\n```\n    let veryLongName = compute(argument)\n  x\n```\nafter"
        let styles = TextStyles(text: .plain, marker: Style(dim: true), code: Style(fg: .ansi(.cyan)))
        let lines = TextWrapper.layout(text, width: 16, styles: styles)
        XCTAssertEqual(texts(lines), ["intro text", "```", "    let veryLon\u{2192}", "  x", "```", "after"])
        XCTAssertEqual(lines[2].spans.map(\.style), [styles.code, styles.marker])
        XCTAssertEqual(lines[5].spans.map(\.style), [styles.text])
    }

    func testCodeClipMarkerIsASCIIInASCIIMode() {
        let lines = TextWrapper.layout("```\n0123456789\n```", width: 5, mode: .ascii)
        XCTAssertEqual(lines[1].text, "0123>")
    }

    func testClipReplacesAWideCharacterAtTheCutWithASpace() {
        let line = TextWrapper.clip([Span("ab中文")], width: 4, marker: Span(">"))
        XCTAssertEqual(line.text, "ab >")
        XCTAssertEqual(line.width, 4)
    }

    func testShortCodeLineIsNotMarked() {
        XCTAssertEqual(TextWrapper.clip([Span("abc")], width: 4, marker: Span(">")).text, "abc")
    }
}

final class MarkdownTests: XCTestCase {
    let styles = TextStyles(text: .plain, marker: Style(dim: true), code: Style(fg: .ansi(.cyan)), heading: Style(bold: true, underline: true))

    func testHeadingUsesHeadingStyleWithoutHashes() {
        let lines = Markdown.render("## Scoring rules", width: 40, styles: styles)
        XCTAssertEqual(lines.map(\.text), ["Scoring rules"])
        XCTAssertEqual(lines[0].spans.map(\.style), [styles.heading])
    }

    func testListItemsGetAHangingIndent() {
        let lines = Markdown.render("- prefer the answer that is correct first\n2. then style", width: 20, styles: styles)
        XCTAssertEqual(lines.map(\.text), ["\u{2022} prefer the answer", "  that is correct", "  first", "2. then style"])
    }

    func testBoldSpans() {
        let lines = Markdown.render("a **strong** b", width: 40, styles: styles)
        XCTAssertEqual(lines[0].spans.map(\.text), ["a ", "strong", " b"])
        XCTAssertEqual(lines[0].spans.map(\.style.bold), [false, true, false])
        XCTAssertEqual(Markdown.render("2 ** 3", width: 40, styles: styles)[0].text, "2 ** 3", "an unpaired ** stays")
    }

    func testCodeBlockInsideMarkdownIsClipped() {
        let lines = Markdown.render("```\n- not a list item that wraps\n```", width: 10, styles: styles)
        XCTAssertEqual(lines.map(\.text), ["```", "- not a l\u{2192}", "```"])
    }

    func testHostileTextInGuidelinesIsSanitised() {
        let lines = Markdown.render("# Title\u{1B}]0;pwn\u{7}\n- item\u{202E}", width: 30, styles: styles)
        XCTAssertEqual(lines.map(\.text), ["Title\u{241B}", "\u{2022} item\u{27E8}RLO\u{27E9}"])
    }
}
