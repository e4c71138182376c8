import XCTest
@testable import PreferCore

/// The used-judgment set of a streamed export: what it holds decides which judgments the dataset hash takes.
final class JudgmentIDSetTests: XCTestCase {
    func testHoldsExactlyTheInsertedIds() {
        var set = JudgmentIDSet()
        XCTAssertNil(set.range)
        let ids: [Int64] = [5, 64, 63, 1_000_003, 5, 0, -7]
        for id in ids { set.insert(id) }
        XCTAssertEqual(set.count, 6, "5 twice counts once")
        XCTAssertEqual(set.range, -7...1_000_003)
        for id in Set(ids) { XCTAssertTrue(set.contains(id), "\(id)") }
        for id: Int64 in [1, 4, 6, 62, 65, 1_000_002, 1_000_004, 2_000_000, -6, -8] { XCTAssertFalse(set.contains(id), "\(id)") }
    }
}
