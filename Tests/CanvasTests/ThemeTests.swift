import XCTest
@testable import Canvas

final class ThemeTests: XCTestCase {
    func decode(_ dict: [String: Any]) throws -> Theme { try Theme.decode(from: dict, file: "Themes/x.yaml") }

    func error(_ dict: [String: Any]) -> String {
        do { _ = try decode(dict); return "no error" } catch { return String(describing: error) }
    }

    func testDecodesColoursInAllThreeSpellingsAndAttributes() throws {
        let theme = try decode(["name": "t", "roles": [
            "header": ["fg": 252, "bg": "#1a2B3c", "bold": true],
            "error": ["fg": "red", "reverse": true],
            "text": ["fg": "default", "bg": "brightBlack"],
        ]])
        XCTAssertEqual(theme.name, "t")
        XCTAssertEqual(theme[.header], Style(fg: .palette(252), bg: .rgb(0x1A, 0x2B, 0x3C), bold: true))
        XCTAssertEqual(theme[.error], Style(fg: .ansi(.red), reverse: true))
        XCTAssertEqual(theme[.text], Style(bg: .palette(8)))
        XCTAssertEqual(theme[.selection], Theme.builtinMono[.selection], "missing roles fall back to mono")
    }

    /// Yams hands nested mappings over as `[AnyHashable: Any]`.
    func testAcceptsAnyHashableKeyedMappingsAsYamsProducesThem() throws {
        let header: [AnyHashable: Any] = ["fg": 252, "bold": true]
        let roles: [AnyHashable: Any] = ["header": header]
        let theme = try decode(["name": "y", "roles": roles])
        XCTAssertEqual(theme[.header], Style(fg: .palette(252), bold: true))
    }

    func testErrorsNameFileAndKeyPath() {
        XCTAssertEqual(error(["name": "t", "roles": ["header": ["fg": "purpel"]]]),
                       "Themes/x.yaml: roles.header.fg: unknown colour \"purpel\"")
        XCTAssertEqual(error(["name": "t", "roles": ["header": ["fg": 300]]]),
                       "Themes/x.yaml: roles.header.fg: colour index 300 out of range 0-255")
        XCTAssertEqual(error(["name": "t", "roles": ["headr": ["fg": 1]]]), "Themes/x.yaml: roles.headr: unknown role")
        XCTAssertEqual(error(["name": "t", "roles": ["header": ["blod": true]]]),
                       "Themes/x.yaml: roles.header.blod: unknown key (expected fg, bg, bold, dim, italic, underline, reverse)")
        XCTAssertEqual(error(["name": "t", "roles": ["header": ["bold": "yes"]]]), "Themes/x.yaml: roles.header.bold: expected true or false")
        XCTAssertEqual(error(["name": "t", "roles": ["header": "red"]]), "Themes/x.yaml: roles.header: not a mapping")
        XCTAssertEqual(error(["roles": [:] as [String: Any]]), "Themes/x.yaml: name: missing or not a string")
        XCTAssertEqual(error(["name": "t"]), "Themes/x.yaml: roles: missing or not a mapping")
        XCTAssertEqual(error(["name": "t", "roles": [:] as [String: Any], "colours": 1]),
                       "Themes/x.yaml: colours: unknown key (expected name, description, roles)")
        XCTAssertEqual(error(["name": "t", "roles": ["header": ["fg": true]]]),
                       "Themes/x.yaml: roles.header.fg: expected a colour name, 0-255 or \"#rrggbb\"")
    }

    func testColourParsing() {
        XCTAssertEqual(Color.parse("#ff8000"), .rgb(255, 128, 0))
        XCTAssertNil(Color.parse("#ff80"))
        XCTAssertNil(Color.parse("256"))
        XCTAssertEqual(Color.parse("brightRed"), .palette(9))
        XCTAssertEqual(Color.rgb(255, 128, 0).description, "#ff8000")
    }

    func testDowngradeTo256UsesTheXtermCubeAndGreyRamp() {
        // Known xterm indices: #ff0000 is 196, #87afff is 111, #808080 is grey 244.
        XCTAssertEqual(Color.rgb(255, 0, 0).downgraded(to: .palette256), .palette(196))
        XCTAssertEqual(Color.rgb(0x87, 0xAF, 0xFF).downgraded(to: .palette256), .palette(111))
        XCTAssertEqual(Color.rgb(0x80, 0x80, 0x80).downgraded(to: .palette256), .palette(244))
        XCTAssertEqual(Color.palette(42).downgraded(to: .palette256), .palette(42))
    }

    func testDowngradeTo8PicksTheNearestBasicColour() {
        XCTAssertEqual(Color.palette(196).downgraded(to: .ansi8), .ansi(.red))
        XCTAssertEqual(Color.palette(9).downgraded(to: .ansi8), .ansi(.red), "bright red is red")
        XCTAssertEqual(Color.palette(21).downgraded(to: .ansi8), .ansi(.blue))
        XCTAssertEqual(Color.rgb(0, 200, 200).downgraded(to: .ansi8), .ansi(.cyan))
        XCTAssertEqual(Color.palette(236).downgraded(to: .ansi8), .ansi(.black))
        XCTAssertEqual(Color.palette(252).downgraded(to: .ansi8), .ansi(.white))
    }

    func testMonoKeepsOnlyBoldUnderlineReverse() {
        let s = Style(fg: .ansi(.red), bg: .palette(236), bold: true, dim: true, italic: true, underline: true, reverse: true)
        XCTAssertEqual(s.downgraded(to: .mono), Style(bold: true, underline: true, reverse: true))
        XCTAssertEqual(s.downgraded(to: .truecolor), s)
        let theme = Theme(name: "c", styles: [.header: Style(fg: .rgb(1, 2, 3))]).downgraded(to: .mono)
        XCTAssertEqual(theme[.header], .plain)
    }

    func testBuiltinMonoHasNoColoursAndMarksSelection() {
        for role in ThemeRole.allCases {
            XCTAssertEqual(Theme.builtinMono[role].fg, .default, role.rawValue)
            XCTAssertEqual(Theme.builtinMono[role].bg, .default, role.rawValue)
        }
        XCTAssertTrue(Theme.builtinMono[.selection].reverse)
        XCTAssertNotEqual(Theme.builtinMono[.choiceA], Theme.builtinMono[.choiceB], "A and B must look different without colour")
    }

    func testHeatmapRampAndRoles() {
        XCTAssertEqual((0...4).map { Heatmap.glyph(for: Double($0) / 4) }, [" ", "\u{2591}", "\u{2592}", "\u{2593}", "\u{2588}"])
        XCTAssertEqual(Heatmap.glyph(for: 7), "\u{2588}")
        XCTAssertEqual(Heatmap.glyph(for: .nan), " ")
        XCTAssertEqual(Heatmap.glyph(for: 1, mode: .ascii), "@")
        XCTAssertEqual([0.1, 0.5, 0.9].map(Heatmap.role(for:)), [.heatmapLow, .heatmapMid, .heatmapHigh])
    }
}
