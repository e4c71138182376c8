import Foundation
import XCTest
@testable import Canvas

/// Display width against Python's wcwidth (fixture from scripts/gen_width_fixture.py).
final class DisplayWidthTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable { let text: String; let width: Int; let codepoints: String }
        let cases: [Case]
    }

    func testWidthsMatchWcwidthFixture() throws {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(widthFixtureJSON.utf8))
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 200)
        var mismatches: [String] = []
        for c in fixture.cases where DisplayWidth.of(c.text) != c.width {
            mismatches.append("\(c.codepoints): wcwidth \(c.width), ours \(DisplayWidth.of(c.text))")
        }
        XCTAssertEqual(mismatches, [], mismatches.joined(separator: "\n"))
    }

    func testClusterWidths() {
        XCTAssertEqual(DisplayWidth.of(Character("a")), 1)
        XCTAssertEqual(DisplayWidth.of(Character("中")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("e\u{301}")), 1, "combining mark adds nothing")
        XCTAssertEqual(DisplayWidth.of(Character("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}")), 2, "ZWJ family is one glyph")
        XCTAssertEqual(DisplayWidth.of(Character("\u{1F1FA}\u{1F1F8}")), 2, "flag")
        XCTAssertEqual(DisplayWidth.of(Character("\u{2764}")), 1, "text presentation heart")
        XCTAssertEqual(DisplayWidth.of(Character("\u{2764}\u{FE0F}")), 2, "VS16 makes it wide")
        XCTAssertEqual(DisplayWidth.of(Character("\u{2460}")), 1, "East Asian Ambiguous counts as narrow")
        XCTAssertEqual(DisplayWidth.of(Character("\u{200B}")), 0)
    }
}

extension DisplayWidthTests {
    /// Deliberate difference: wcwidth gives 1 for a text-presentation emoji with a skin tone
    /// (☝🏽); terminals that join the pair draw one wide glyph, so we count 2.
    func testEmojiWithSkinToneIsWideEvenForTextPresentationBase() {
        XCTAssertEqual(DisplayWidth.of(Character("\u{261D}\u{1F3FD}")), 2)
    }

    func testSpacingMarksTakeAColumn() {
        XCTAssertEqual(DisplayWidth.of("\u{0915}\u{093F}"), 2, "Devanagari KA + vowel sign I (Mc)")
        XCTAssertEqual(DisplayWidth.of("\u{0915}\u{094D}"), 1, "virama is a nonspacing mark")
    }
}
