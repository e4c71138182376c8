import XCTest
@testable import PreferUI

final class WordDiffTests: XCTestCase {
    private func words(_ s: String) -> [Substring] { s.split(separator: " ") }

    func testClassicLCSExample() {
        // CLRS 15.4: X = ABCBDAB, Y = BDCABA have an LCS of length 4, so 3 and 2 elements differ.
        let r = WordDiff.diff(words("A B C B D A B"), words("B D C A B A"))
        XCTAssertEqual(r.left.count, 3)
        XCTAssertEqual(r.right.count, 2)
        XCTAssertFalse(r.approximate)
    }

    func testOneChangedWord() {
        let r = WordDiff.diff(words("the cat sat on the mat"), words("the dog sat on the mat"))
        XCTAssertEqual(r.left, [1])
        XCTAssertEqual(r.right, [1])
    }

    func testInsertionAndIdentity() {
        let r = WordDiff.diff(words("a b c"), words("a b x c"))
        XCTAssertEqual(r.left, [])
        XCTAssertEqual(r.right, [2])
        XCTAssertEqual(WordDiff.diff(words("same words"), words("same words")).left, [])
        XCTAssertEqual(WordDiff.diff([], words("new")).right, [0])
    }

    func testHugeDifferentTextsFallBackToApproximation() {
        let a = (0..<2_100).map { Substring("a\($0)") } + ["shared"]
        let b = ["shared"] + (0..<2_100).map { Substring("b\($0)") }
        let r = WordDiff.diff(a, b)
        XCTAssertTrue(r.approximate)
        XCTAssertFalse(r.left.contains(2_100), "a word present on both sides is not highlighted")
        XCTAssertEqual(r.left.count, 2_100)
    }

    func testWordsBeyondTheCapAreNotCompared() {
        let a = Array(repeating: Substring("w"), count: WordDiff.maxWords + 5)
        let r = WordDiff.diff(a, a + ["extra"])
        XCTAssertTrue(r.truncated)
        XCTAssertEqual(r.right, [], "the extra word lies beyond the cap")
    }

    func testDiffToggleSaysWhenItWasLimited() {
        let big = (0..<(WordDiff.maxWords + 1)).map { "w\($0)" }.joined(separator: " ")
        var s = Fixture.state(item: Fixture.item(left: big, right: big + " tail"))
        s.press(.char("d"))
        XCTAssertTrue(s.status?.message.contains("only the first 20000 words compared") == true)
    }
}
