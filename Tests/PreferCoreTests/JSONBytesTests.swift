import XCTest
@testable import PreferCore

/// Export rows quote strings byte by byte; the bytes must equal `JSONValue.quote`, the String implementation
/// the rest of prefer (and earlier exports) use, or the same data would give a different file hash.
final class JSONBytesTests: XCTestCase {
    private func bytes(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        JSONBytes.quote(s, into: &out)
        return out
    }

    func testEveryEscapeMatchesJSONValueQuote() {
        var cases = ["", "plain", "\"", "\\", "a\"b\\c", "\n\r\t", "\u{7F}", "\u{2028}", "\u{2029}", "x\u{2028}y\u{2029}z",
                     "€ is E2 82 AC", "\u{2027}\u{202A}", "\u{E2}", "é😀中", "end\u{1F}", "\u{0}start"]
        cases += (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        for s in cases { XCTAssertEqual(bytes(s), Array(JSONValue.quote(s).utf8), s.debugDescription) }
    }

    func testControlCharactersUseLowercaseSixCharacterEscapes() {
        XCTAssertEqual(String(decoding: bytes("\u{1}\u{1B}\u{7F}"), as: UTF8.self), "\"\\u0001\\u001b\\u007f\"")
    }

    func testRandomStringsMatchJSONValueQuote() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "\"", "\\", "\n", "\u{1}", "\u{7F}", "\u{2028}", "\u{2029}", "€", "😀", " ", "\u{E9}"]
        for _ in 0..<500 {
            let s = String((0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
            XCTAssertEqual(bytes(s), Array(JSONValue.quote(s).utf8), s.debugDescription)
        }
    }

    func testSpecialCharacterAtEveryOffsetOfALongPlainText() {
        for special in ["\"", "\\", "\n", "\u{1}", "\u{7F}", "\u{2028}", "€", "é"] {
            for offset in 0...40 {
                let s = String(repeating: "p", count: offset) + special + String(repeating: "q", count: 40 - offset)
                XCTAssertEqual(bytes(s), Array(JSONValue.quote(s).utf8), s.debugDescription)
            }
        }
    }

    func testWordTestFlagsExactlyTheBytesTheByteLoopStopsAt() {
        func stops(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2 }
        let plain = UInt64(0x61) &* 0x0101_0101_0101_0101  // "aaaaaaaa"
        for position in 0..<8 {
            for b in 0...255 {
                let shift = UInt64(8 * position)
                let w = plain & ~(UInt64(0xFF) << shift) | UInt64(b) << shift
                XCTAssertEqual(JSONBytes.needsLook(w), stops(UInt8(b)), "byte \(b) at \(position)")
            }
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let w = UInt64.random(in: .min ... .max, using: &rng)
            let expected = (0..<8).contains { stops(UInt8(truncatingIfNeeded: w >> UInt64(8 * $0))) }
            XCTAssertEqual(JSONBytes.needsLook(w), expected, String(w, radix: 16))
        }
    }
}
