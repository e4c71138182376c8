import XCTest
import Canvas
import PreferCore
@testable import PreferUI

/// Never an out-of-range crash: random sizes, random items, random keys.
final class RobustnessTests: XCTestCase {
    /// SplitMix64: a small seeded generator so failures reproduce.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let texts: [String] = HostileCorpus.cases.filter { $0.text.count < 20_000 }.map(\.text) + [
        "", " ", "\n\n\n", "日本語のテキスト👩‍👩‍👧", "```\nunterminated code fence " + String(repeating: "x", count: 300),
        String(repeating: "word ", count: 500), "e\u{301}\u{301}\u{301}", "\t\tindented\ttabs",
    ]
    static let keys: [Key] = [.char("1"), .char("4"), .char("x"), .char("s"), .char("j"), .char("k"), .char("d"), .char("y"),
                              .char("v"), .char("f"), .char("?"), .char("g"), .char("r"), .char("c"), .char("a"), .char("世"),
                              .tab, .backTab, .esc, .enter, .pageDown, .pageUp, .end, .home, .left, .right, .up, .down,
                              .backspace, .delete, .ctrl("w"), .ctrl("k"), .ctrl("j"), .char(" "), .char("5"), .resize]

    func testRandomSizesItemsAndKeysNeverCrashAndStayInBounds() {
        var rng = SeededGenerator(state: 20_261_128)
        let configs = [Fixture.config(), Fixture.config(points: 2, rubric: Fixture.rubric, flags: [], rationale: .always),
                       Fixture.config(points: 5, rubric: Fixture.rubric + Fixture.rubric.map {
                           Criterion(id: $0.id + "2", question: String(repeating: $0.question, count: 5), min: 0, max: 9, required: true)
                       }, rationale: .weak)]
        for round in 0..<250 {
            let config = configs[round % configs.count]
            let pick = { (r: inout SeededGenerator) in Self.texts[Int.random(in: 0..<Self.texts.count, using: &r)] }
            let prompt = (0..<Int.random(in: 0...3, using: &rng)).map { i in
                Message(role: ["system", "user", "assistant", "tool", "\u{1B}]0;x\u{07}"][i % 5], content: pick(&rng))
            }
            let item = round % 17 == 0 ? nil : Fixture.item(prompt: prompt, left: pick(&rng), right: pick(&rng))
            let width = Int.random(in: 1...200, using: &rng), height = Int.random(in: 1...60, using: &rng)
            var s = Fixture.state(config, item: item, width: width, height: height)
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                _ = s.handle(KeyEvent(Self.keys[Int.random(in: 0..<Self.keys.count, using: &rng)], alt: Bool.random(using: &rng)),
                             now: Fixture.t0)
            }
            let theme: Theme = Bool.random(using: &rng) ? .snapshotColour : .builtinMono
            let mode: GlyphMode = Bool.random(using: &rng) ? .unicode : .ascii
            let buf = s.render(width: width, height: height, theme: theme, mode: mode)
            XCTAssertEqual(buf.width, width)
            XCTAssertEqual(buf.height, height)
            HostileTextTests.assertSafe(buf, "round \(round) at \(width)x\(height)")
            if let cursor = s.cursor {
                XCTAssertTrue((0..<width).contains(cursor.x) && (0..<height).contains(cursor.y),
                              "round \(round): cursor \(cursor) outside \(width)x\(height)")
            }
        }
    }

    func testDegenerateSizes() {
        let s = Fixture.state()
        for (w, h) in [(0, 0), (1, 1), (0, 10), (10, 0), (60, 16), (59, 16), (60, 15), (1, 60), (200, 1)] {
            let buf = s.render(width: w, height: h, theme: .builtinMono, mode: .unicode)
            XCTAssertEqual(buf.width, max(0, w))
            XCTAssertEqual(buf.height, max(0, h))
        }
    }
}
