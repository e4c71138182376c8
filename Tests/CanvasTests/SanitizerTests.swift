import XCTest
@testable import Canvas

final class SanitizerTests: XCTestCase {
    func plain(_ s: String, _ mode: GlyphMode = .unicode) -> String { Sanitizer.plainText(s, mode: mode) }

    func testJoinersInsidePersianAndHindiWordsStayTextElsewhereTheyAreMarkers() {
        let persian = "می\u{200C}خواهم"           // "I want": ZWNJ between YEH and KHAH is ordinary spelling
        let hindi = "क्\u{200D}ष"                 // KA, VIRAMA, ZWJ, SSA: a half form
        XCTAssertEqual(Sanitizer.plainText(persian), persian)
        XCTAssertEqual(Sanitizer.plainText(hindi), hindi)
        XCTAssertEqual(Sanitizer.sanitize(persian).filter { $0.kind == .marker }, [])
        // Between Latin letters, next to a space or at the edge of Arabic-script text they still show.
        XCTAssertEqual(Sanitizer.plainText("pass\u{200C}word"), "pass⟨ZWNJ⟩word")
        XCTAssertEqual(Sanitizer.plainText("pay\u{200D}pal"), "pay⟨ZWJ⟩pal")
        XCTAssertEqual(Sanitizer.plainText("می\u{200C} خواهم"), "می⟨ZWNJ⟩ خواهم")
        XCTAssertEqual(Sanitizer.plainText("a\u{200C}خ"), "a⟨ZWNJ⟩خ")
        XCTAssertEqual(Sanitizer.plainText("\u{200C}خ"), "⟨ZWNJ⟩خ")
    }

    func testStripsWholeCSIAndShowsOneMarker() {
        XCTAssertEqual(plain("a\u{1B}[38;5;196mb"), "a\u{241B}b")
        XCTAssertEqual(plain("a\u{9B}2Jb"), "a\u{241B}b", "8-bit CSI")
    }

    func testStripsOSCTerminatedByBELorSTorEightBitST() {
        XCTAssertEqual(plain("a\u{1B}]0;title\u{07}b"), "a\u{241B}b")
        XCTAssertEqual(plain("a\u{1B}]0;title\u{1B}\\b"), "a\u{241B}b")
        XCTAssertEqual(plain("a\u{1B}]0;title\u{9C}b"), "a\u{241B}b")
        XCTAssertEqual(plain("a\u{9D}0;title\u{07}b"), "a\u{241B}b")
    }

    func testStripsDCSAPCPMSOSInBothForms() {
        for intro in ["\u{1B}P", "\u{1B}_", "\u{1B}^", "\u{1B}X", "\u{90}", "\u{9F}", "\u{9E}", "\u{98}"] {
            XCTAssertEqual(plain("a\(intro)payload\u{1B}\\b"), "a\u{241B}b", intro.unicodeScalars.map { String($0.value, radix: 16) }.joined())
        }
    }

    func testUnterminatedSequenceSwallowsToEndButNotMoreThanTheLimit() {
        XCTAssertEqual(plain("keep\u{1B}]0;never ends"), "keep\u{241B}")
        let long = String(repeating: "x", count: Sanitizer.maxUnterminatedLength + 10)
        let shown = plain("keep\u{1B}]" + long)
        XCTAssertEqual(shown, "keep\u{241B}" + String(repeating: "x", count: 10))
    }

    func testTwoAndThreeCharacterEscapes() {
        XCTAssertEqual(plain("a\u{1B}cb"), "a\u{241B}b", "RIS")
        XCTAssertEqual(plain("a\u{1B}7b\u{1B}8c"), "a\u{241B}b\u{241B}c")
        XCTAssertEqual(plain("a\u{1B}(Bb\u{1B}#8c"), "a\u{241B}b\u{241B}c")
        XCTAssertEqual(plain("end\u{1B}"), "end\u{241B}")
    }

    func testC0ControlsBecomeControlPictures() {
        XCTAssertEqual(plain("a\u{0}b\u{8}c\rd\u{7F}e"), "a\u{2400}b\u{2408}c\u{240D}d\u{2421}e")
    }

    func testNewlineAndTabAreKeptAndCRLFIsANewline() {
        XCTAssertEqual(plain("a\tb\nc\r\nd"), "a\tb\nc\nd")
    }

    func testSingleLineModeShowsNewlinesAndFlattensTabs() {
        XCTAssertEqual(Sanitizer.plainText("name\r\nrm\t-rf", singleLine: true), "name\u{240A}rm -rf")
        XCTAssertEqual(Sanitizer.plainText("a\nb", mode: .ascii, singleLine: true), "a^Jb")
    }

    func testC1ControlsBecomeHexMarkers() {
        XCTAssertEqual(plain("a\u{85}b\u{9C}c"), "a\u{27E8}85\u{27E9}b\u{27E8}9C\u{27E9}c")
    }

    func testBidiAndZeroWidthBecomeNamedMarkers() {
        XCTAssertEqual(plain("a\u{202E}b\u{2066}c\u{200B}d\u{FEFF}e\u{061C}f"),
                       "a⟨RLO⟩b⟨LRI⟩c⟨ZWSP⟩d⟨BOM⟩e⟨ALM⟩f")
    }

    func testZWJIsKeptInsideEmojiSequencesOnly() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        XCTAssertEqual(plain(family), family)
        XCTAssertEqual(plain("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"), "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "rainbow flag")
        XCTAssertEqual(plain("a\u{200D}b"), "a⟨ZWJ⟩b")
        XCTAssertEqual(plain("\u{1F468}\u{200D}x"), "\u{1F468}⟨ZWJ⟩x", "a joiner to a letter is shown")
    }

    func testPiecesSeparateMarkersFromText() {
        XCTAssertEqual(Sanitizer.sanitize("ab\u{1B}[2J\u{7}cd"),
                       [SanitizedPiece(.text, "ab"), SanitizedPiece(.marker, "\u{241B}\u{2407}"), SanitizedPiece(.text, "cd")])
    }

    func testASCIIModeUsesCaretAndCodePointMarkers() {
        XCTAssertEqual(plain("a\u{1B}[2Jb\u{0}c\u{7F}d", .ascii), "a^[b^@c^?d")
        XCTAssertEqual(plain("x\u{202E}y\u{85}z", .ascii), "x<U+202E>y<85>z")
        XCTAssertEqual(plain("caf\u{E9} 中 e\u{301}", .ascii), "caf? ? e")
        XCTAssertEqual(plain("\u{1F468}\u{200D}\u{1F469}", .ascii), "??")
    }
}
