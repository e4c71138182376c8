import XCTest
@testable import Canvas

/// Every hostile string, sanitised, wrapped and rendered page by page into a buffer, must leave no
/// control, escape, bidi or stray zero-width character in any cell, show its markers, keep the
/// surrounding text and fit the width.
final class HostileCorpusTests: XCTestCase {
    static func isForbidden(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || [0x200E, 0x200F, 0x061C, 0x200B, 0x200C, 0x2060, 0xFEFF, 0x2028, 0x2029].contains(v)
    }

    /// A ZWJ is allowed only inside a cell whose grapheme is an emoji sequence.
    static func cellIsClean(_ symbol: String) -> Bool {
        let scalars = Array(symbol.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            if isForbidden(s.value) { return false }
            if s.value == 0x200D {
                guard i > 0, i + 1 < scalars.count, scalars[i + 1].properties.isEmoji, scalars[i + 1].value > 0x7F else { return false }
            }
        }
        return true
    }

    func testCorpusIsLargeEnough() {
        XCTAssertGreaterThanOrEqual(HostileCorpus.cases.count, 20)
        XCTAssertGreaterThanOrEqual(HostileCorpus.cases.last?.text.utf8.count ?? 0, 1_000_000)
    }

    func testEveryCaseRendersSafely() {
        for width in [40, 13] {
            for hostile in HostileCorpus.cases {
                let lines = TextWrapper.layout(hostile.text, width: width)
                let joined = lines.map(\.text).joined(separator: "\n")
                for (n, line) in lines.enumerated() where line.width > width {
                    XCTFail("\(hostile.name): line \(n) is \(line.width) wide at width \(width)")
                }
                for marker in hostile.markers {
                    XCTAssertTrue(joined.contains(marker), "\(hostile.name): marker \(marker) missing")
                }
                let unwrapped = lines.map(\.text).joined()
                for text in hostile.survives where width >= 40 {
                    XCTAssertTrue(unwrapped.contains(text) || joined.contains(text), "\(hostile.name): lost \"\(text)\"")
                }
                render(lines, width: width, name: hostile.name)
            }
        }
    }

    /// Renders the lines a page at a time, as a scrolling pane does.
    func render(_ lines: [Line], width: Int, name: String) {
        let height = 24
        var page = 0
        while page * height < lines.count {
            var buffer = Buffer(width: width, height: height)
            for row in 0..<height where page * height + row < lines.count {
                buffer.set(0, row, line: lines[page * height + row])
            }
            if let bad = buffer.cells.first(where: { !Self.cellIsClean($0.symbol) }) {
                XCTFail("\(name): unsafe cell \(bad.symbol.unicodeScalars.map { String($0.value, radix: 16) })")
                return
            }
            page += 1
        }
    }

    func testEscapesNeverSurviveAsText() {
        for hostile in HostileCorpus.cases.dropLast() {
            let text = Sanitizer.plainText(hostile.text)
            XCTAssertFalse(text.unicodeScalars.contains { Self.isForbidden($0.value) && $0 != "\n" && $0 != "\t" }, hostile.name)
            XCTAssertFalse(text.contains("pwn") || text.contains("ZXZpbA==") || text.contains("evil.example"), hostile.name)
        }
    }

    func testASCIIModeLeavesOnlyPrintableASCII() {
        for hostile in HostileCorpus.cases.dropLast() {
            let lines = TextWrapper.layout(hostile.text, width: 20, mode: .ascii)
            for line in lines {
                XCTAssertTrue(line.text.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) }, "\(hostile.name): \(line.text)")
                XCTAssertLessThanOrEqual(line.width, 20)
            }
        }
    }

    func testMarkersAreDimInTheDefaultStyles() {
        let lines = TextWrapper.layout("a\u{1B}[2Jb", width: 10)
        XCTAssertEqual(lines.first?.spans.map(\.style.dim), [false, true, false])
    }
}
