import XCTest
@testable import PreferCore

final class ModelTests: XCTestCase {
    func testSHA256KnownVectors() {
        // FIPS 180-2 examples.
        XCTAssertEqual(SHA256.hex(of: "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(of: ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // FIPS 180-2 long message: a million "a", fed in uneven pieces.
        var h = SHA256()
        var fed = 0
        for piece in [1, 63, 64, 65, 4095, 995_712] {
            h.update(String(repeating: "a", count: piece))
            fed += piece
        }
        XCTAssertEqual(fed, 1_000_000)
        let digest = h.finalizeHex()
        XCTAssertEqual(digest, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testSevenPointScaleKeysAndLabels() {
        let s = ChoiceScale.sevenPoint
        XCTAssertEqual(s.values, [-3, -2, -1, 0, 1, 2, 3])
        XCTAssertEqual(s.value(forKey: 1), -3)
        XCTAssertEqual(s.value(forKey: 4), 0)
        XCTAssertEqual(s.value(forKey: 8), nil)
        XCTAssertEqual(s.label(for: -3), "A much better")
        XCTAssertEqual(s.label(for: -1), "A slightly better")
        XCTAssertEqual(s.label(for: 2), "B better")
        XCTAssertEqual(s.label(for: 0), "tie")
    }

    func testForcedChoiceHasNoTie() {
        let s = ChoiceScale(points: 2)!
        XCTAssertFalse(s.hasTie)
        XCTAssertEqual(s.values, [-1, 1])
        XCTAssertEqual(s.label(for: 1), "B better")
        XCTAssertNil(ChoiceScale(points: 4))
    }

    func testUnswapFlipsSignWhenFirstResponseShownRight() {
        let shownLeftFirst = Vote.unswap(choice: -2, left: 10, right: 11)
        XCTAssertEqual(shownLeftFirst.choice, -2)
        XCTAssertTrue(shownLeftFirst.firstShownLeft)
        let swapped = Vote.unswap(choice: -2, left: 11, right: 10)
        XCTAssertEqual(swapped.first, 10)
        XCTAssertEqual(swapped.choice, 2)
        XCTAssertFalse(swapped.firstShownLeft)
    }

    func testJSONQuoteEscapesLineSeparatorsAndControls() {
        XCTAssertEqual(JSONValue.quote("a\u{2028}b\u{2029}\u{1}\"\\"), "\"a\\u2028b\\u2029\\u0001\\\"\\\\\"")
        XCTAssertEqual(JSONValue.parse(#"{"b":[1,true,null],"a":"x"}"#)?.canonicalJSON, #"{"a":"x","b":[1,true,null]}"#)
    }
}
