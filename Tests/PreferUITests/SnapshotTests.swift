import XCTest
import Canvas
import PreferCore
@testable import PreferUI

/// Rendered screens compared with golden files at 80x24 and 120x40.
final class SnapshotTests: XCTestCase {
    static let sizes = [(80, 24), (120, 40)]
    private let config = Fixture.config(rubric: Fixture.rubric, rationale: .weak)

    private func snap(_ name: String, _ state: AnnotateState, theme: Theme = .snapshotColour, sizes: [(Int, Int)] = sizes,
                      file: StaticString = #filePath, line: UInt = #line) {
        for (w, h) in sizes {
            var s = state
            s.resize(width: w, height: h)
            Golden.assertMatches(s.render(width: w, height: h, theme: theme, mode: .unicode), "\(name)-\(w)x\(h)", file: file, line: line)
        }
    }

    func testNormalItem() {
        snap("normal", Fixture.state(config))
    }

    func testTwoTurnItemAfterAChoiceWithFieldsMissing() {
        var s = Fixture.state(config, item: Fixture.item(prompt: [
            Message(role: "user", content: "Name a prime number."),
            Message(role: "assistant", content: "7"),
            Message(role: "user", content: "Another one, bigger than 100?"),
        ], left: "101 is prime.", right: "Sure: 103 is a prime number, and so is 107."))
        XCTAssertEqual(s.press(.char("3")), [])
        snap("two-turn-missing", s)
    }

    func testCJKAndEmoji() {
        snap("cjk-emoji", Fixture.state(config, item: Fixture.item(
            prompt: [Message(role: "user", content: "日本の首都はどこですか？ 答えを短く。🙂")],
            left: "日本の首都は東京です。🗼 東京は人口が最も多い都市でもあります。👨‍👩‍👧 家族連れにも人気。",
            right: "東京です。한국어도 됩니다: 서울은 한국의 수도입니다. 😀😀😀 ｆｕｌｌｗｉｄｔｈ text")))
    }

    func testLongCodeBlockIsClippedNotWrapped() {
        let code = """
        Here is the function:
        ```python
        def very_long_function_name(argument_one, argument_two, argument_three, argument_four, argument_five):
            return [x * y for x, y in zip(argument_one, argument_two) if x > argument_three and y < argument_four]
        ```
        It multiplies pairs.
        """
        var s = Fixture.state(config, item: Fixture.item(left: code, right: "Use numpy instead."))
        s.press(.char("d"))
        snap("long-code", s)
    }

    func testHostileCorpus() {
        let small = HostileCorpus.cases.filter { $0.text.count < 1_000 }
        let text = small.map(\.text).joined(separator: "\n")
        let s = Fixture.state(config, item: Fixture.item(prompt: [Message(role: "user\u{1B}[31m", content: text)],
                                                         left: text, right: small.reversed().map(\.text).joined(separator: " ")))
        snap("hostile", s)
    }

    func testGuidelinesView() {
        var s = Fixture.state(config)
        s.press(.char("g"))
        snap("guidelines", s)
    }

    func testHelpOverlay() {
        var s = Fixture.state(config)
        s.press(.char("?"))
        snap("help", s)
    }

    func testTooSmall() {
        snap("too-small", Fixture.state(config), sizes: [(59, 15)])
    }

    func testDoneScreen() {
        snap("done", Fixture.state(config, item: nil))
    }

    func testMonoTheme() {
        var s = Fixture.state(config)
        s.press(.tab, .tab, .char("4"))
        snap("mono", s, theme: .builtinMono)
    }

    func testTooSmallMessageNamesBothSizes() {
        let text = Fixture.state(config).text(59, 15)
        XCTAssertTrue(text.contains("terminal too small: need at least 60x16, have 59x15"))
        XCTAssertFalse(Fixture.state(config).text(60, 16).contains("too small"))
    }
}
