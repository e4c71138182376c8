import XCTest
import Canvas
import PreferCore
@testable import PreferUI

/// Untrusted text never reaches a cell as a control, escape or bidi control; markers stay visible.
final class HostileTextTests: XCTestCase {
    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Asserts the buffer is safe to blit and every row fits its width.
    static func assertSafe(_ buf: Buffer, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for y in 0..<buf.height {
            for x in 0..<buf.width where buf[x, y].symbol.unicodeScalars.contains(where: forbidden) {
                XCTFail("\(context): forbidden scalar at \(x),\(y): \(buf[x, y].symbol.unicodeScalars.map { $0.value })", file: file, line: line)
                return
            }
        }
        for (y, row) in buf.lines().enumerated() where DisplayWidth.of(row) > buf.width {
            XCTFail("\(context): row \(y) is \(DisplayWidth.of(row)) wide in a \(buf.width)-wide buffer", file: file, line: line)
        }
    }

    func testEveryHostileCaseAsPromptAndResponses() {
        for hostile in HostileCorpus.cases where hostile.text.count < 20_000 {
            let s = Fixture.state(Fixture.config(rubric: Fixture.rubric),
                                  item: Fixture.item(prompt: [Message(role: "system", content: hostile.text), Message(role: "user", content: hostile.text)],
                                                     left: hostile.text, right: hostile.text))
            for (w, h) in [(80, 24), (120, 40)] {
                var sized = s
                sized.folded = false
                sized.resize(width: w, height: h)
                let buf = sized.render(width: w, height: h, theme: .snapshotColour, mode: .unicode)
                Self.assertSafe(buf, hostile.name)
                let text = buf.lines().joined(separator: "\n")
                for marker in hostile.markers {
                    XCTAssertTrue(text.contains(marker), "\(hostile.name): marker \(marker) visible at \(w)x\(h)")
                }
                for piece in hostile.survives where piece.count < 20 && !piece.contains("\t") {
                    XCTAssertTrue(text.contains(piece), "\(hostile.name): \(piece) visible at \(w)x\(h)")
                }
            }
        }
    }

    func testMegabyteResponseWithDiffScrollsAndStaysSafe() {
        guard let big = HostileCorpus.cases.last?.text else { return XCTFail("corpus empty") }
        var s = Fixture.state(item: Fixture.item(left: big, right: String(big.dropFirst(500))), width: 120, height: 40)
        s.press(.char("d"), .end, .char("y"))
        let buf = s.render(width: 120, height: 40, theme: .snapshotColour, mode: .unicode)
        Self.assertSafe(buf, "1 MB")
        XCTAssertTrue(s.diffOn)
        XCTAssertGreaterThan(s.offsets[.left] ?? 0, 10_000)
    }

    func testASCIIModeShowsOnlyASCII() {
        let text = HostileCorpus.cases.filter { $0.text.count < 1_000 }.map(\.text).joined(separator: "\n")
        let s = Fixture.state(item: Fixture.item(left: text, right: "日本 " + text))
        let buf = s.render(width: 120, height: 40, theme: .builtinMono, mode: .ascii)
        Self.assertSafe(buf, "ascii")
        for row in buf.lines() { XCTAssertTrue(row.unicodeScalars.allSatisfy(\.isASCII), row) }
    }
}

final class EmptyResponseTests: XCTestCase {
    func testAnEmptyResponseIsMarkedNotBlank() {
        let state = Fixture.state(item: Fixture.item(left: "", right: "a real answer"))
        let text = state.render(width: 120, height: 40, theme: .builtinMono, mode: .unicode).lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("⟨empty response⟩"), text)
        XCTAssertTrue(text.contains("a real answer"))
        let ascii = state.render(width: 120, height: 40, theme: .builtinMono, mode: .ascii).lines().joined(separator: "\n")
        XCTAssertTrue(ascii.contains("(empty response)"))
    }
}
