import Canvas
import PreferTerminal
import XCTest

final class TerminalCapabilitiesTests: XCTestCase {
    private func tier(_ env: [String: String] = [:], hasColors: Bool = true, colors: Int) -> ColorTier {
        TerminalCapabilities.colorTier(environment: env, hasColors: hasColors, colors: colors)
    }

    func testNoColorForcesMonoOnlyWhenSetAndNonEmpty() {
        XCTAssertEqual(tier(["NO_COLOR": "1"], colors: 256), .mono)
        // no-color.org: "when present and not an empty string".
        XCTAssertEqual(tier(["NO_COLOR": ""], colors: 256), .palette256)
    }

    func testTierFollowsWhatTheTerminalReports() {
        XCTAssertEqual(tier(hasColors: false, colors: 256), .mono)
        XCTAssertEqual(tier(colors: 0), .mono)
        XCTAssertEqual(tier(colors: 8), .ansi8)
        XCTAssertEqual(tier(colors: 16), .ansi8)
        XCTAssertEqual(tier(colors: 256), .palette256)
        // ncurses can only emit what terminfo declares: COLORTERM does not raise the tier.
        XCTAssertEqual(tier(["COLORTERM": "truecolor"], colors: 256), .palette256)
        XCTAssertEqual(tier(["COLORTERM": "truecolor"], colors: 8), .ansi8)
    }

    func testOnlyAUTF8LocaleGetsUnicodeGlyphs() {
        XCTAssertEqual(TerminalCapabilities.glyphMode(codeset: "UTF-8"), .unicode)
        XCTAssertEqual(TerminalCapabilities.glyphMode(codeset: "utf8"), .unicode)
        XCTAssertEqual(TerminalCapabilities.glyphMode(codeset: "ANSI_X3.4-1968"), .ascii)
        XCTAssertEqual(TerminalCapabilities.glyphMode(codeset: "ISO-8859-1"), .ascii)
        XCTAssertNil(TerminalCapabilities.localeWarning(codeset: "UTF-8"))
        let warning = TerminalCapabilities.localeWarning(codeset: "ANSI_X3.4-1968") ?? ""
        XCTAssertTrue(warning.contains("ANSI_X3.4-1968") && warning.contains("UTF-8"), warning)
    }

    func testColourNumbersKeepTheTerminalDefaultAndDowngrade() {
        XCTAssertEqual(TerminalCapabilities.colorNumber(.default, tier: .palette256), -1)
        XCTAssertEqual(TerminalCapabilities.colorNumber(.ansi(.red), tier: .palette256), 1)
        XCTAssertEqual(TerminalCapabilities.colorNumber(.palette(196), tier: .palette256), 196)
        XCTAssertEqual(TerminalCapabilities.colorNumber(.palette(196), tier: .ansi8), 1)
        // xterm cube index 16 + 36*r + 6*g + b: pure red is level (5, 0, 0) = 196.
        XCTAssertEqual(TerminalCapabilities.colorNumber(.rgb(255, 0, 0), tier: .palette256), 196)
        XCTAssertEqual(TerminalCapabilities.colorNumber(.rgb(255, 0, 0), tier: .truecolor), 196)
        XCTAssertEqual(TerminalCapabilities.colorNumber(.ansi(.blue), tier: .mono), -1)
    }
}
