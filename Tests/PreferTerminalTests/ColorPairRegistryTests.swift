import PreferTerminal
import XCTest

final class ColorPairRegistryTests: XCTestCase {
    func testDefaultOnDefaultIsPairZeroAndAllocatesNothing() {
        var registry = ColorPairRegistry(colorPairs: 256)
        XCTAssertEqual(registry.assign(fg: -1, bg: -1), .init(pair: 0, isNew: false))
        XCTAssertEqual(registry.count, 0)
    }

    func testEachCombinationGetsOnePairOnDemand() {
        var registry = ColorPairRegistry(colorPairs: 256)
        XCTAssertEqual(registry.assign(fg: 1, bg: -1), .init(pair: 1, isNew: true))
        XCTAssertEqual(registry.assign(fg: 2, bg: -1), .init(pair: 2, isNew: true))
        XCTAssertEqual(registry.assign(fg: 1, bg: -1), .init(pair: 1, isNew: false))
        XCTAssertEqual(registry.assign(fg: -1, bg: 1), .init(pair: 3, isNew: true))
    }

    func testNeverGoesAbovePair255EvenWhenTheTerminalOffersMore() {
        var registry = ColorPairRegistry(colorPairs: 65_536)
        var numbers: Set<Int16> = []
        for fg in Int32(0)..<20 { for bg in Int32(0)..<20 { numbers.insert(registry.assign(fg: fg, bg: bg).pair) } }
        XCTAssertEqual(registry.count, 255)
        XCTAssertEqual(numbers.max(), 255)
        XCTAssertGreaterThanOrEqual(numbers.min() ?? -1, 0)
    }

    func testCapacityFollowsATerminalWithFewPairs() {
        var registry = ColorPairRegistry(colorPairs: 64)
        XCTAssertEqual(registry.capacity, 63)
        for fg in Int32(0)..<100 { XCTAssertLessThanOrEqual(registry.assign(fg: fg, bg: 0).pair, 63) }
        XCTAssertEqual(ColorPairRegistry(colorPairs: 0).capacity, 0)
    }

    func testFullRegistryReusesSameForegroundThenSameBackgroundThenDefault() {
        var registry = ColorPairRegistry(colorPairs: 3)
        XCTAssertEqual(registry.assign(fg: 1, bg: 2).pair, 1)
        XCTAssertEqual(registry.assign(fg: 3, bg: 4).pair, 2)
        XCTAssertEqual(registry.assign(fg: 1, bg: 9), .init(pair: 1, isNew: false))
        XCTAssertEqual(registry.assign(fg: 9, bg: 4), .init(pair: 2, isNew: false))
        XCTAssertEqual(registry.assign(fg: 9, bg: 9), .init(pair: 0, isNew: false))
        XCTAssertEqual(registry.count, 2)
    }
}
