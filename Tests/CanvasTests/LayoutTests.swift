import XCTest
@testable import Canvas

final class LayoutTests: XCTestCase {
    let area = Rect(x: 0, y: 0, width: 100, height: 30)

    func testFixedAndMinParts() {
        let parts = area.split(.vertical, [.fixed(1), .min(5), .fixed(1)])
        XCTAssertEqual(parts.map(\.height), [1, 28, 1])
        XCTAssertEqual(parts.map(\.y), [0, 1, 29])
    }

    func testPercentagesAndSharedRemainder() {
        let parts = area.split(.horizontal, [.percent(30), .min(10), .min(10)])
        XCTAssertEqual(parts.map(\.width), [30, 35, 35])
        XCTAssertEqual(parts.map(\.x), [0, 30, 65])
    }

    func testTooSmallShrinksLastPartsFirst() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 1).split(.horizontal, [.fixed(6), .fixed(6), .min(2)])
        XCTAssertEqual(parts.map(\.width), [6, 4, 0])
    }

    func testInsetAndCentered() {
        XCTAssertEqual(area.inset(by: 1), Rect(x: 1, y: 1, width: 98, height: 28))
        XCTAssertEqual(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 2).isEmpty, true)
        XCTAssertEqual(area.centered(width: 40, height: 10), Rect(x: 30, y: 10, width: 40, height: 10))
        XCTAssertEqual(area.centered(width: 200, height: 10).width, 100, "an overlay never exceeds its area")
    }

    func testIntersection() {
        let r = Rect(x: 90, y: 25, width: 20, height: 20).intersection(area)
        XCTAssertEqual(r, Rect(x: 90, y: 25, width: 10, height: 5))
        XCTAssertTrue(Rect(x: 200, y: 0, width: 5, height: 5).intersection(area).isEmpty)
    }
}
