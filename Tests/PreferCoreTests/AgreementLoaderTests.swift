import XCTest
@testable import PreferCore

/// `RatingTable.load`: CSV and JSONL parsing, level checks, and errors that name file, line and column.
final class AgreementLoaderTests: XCTestCase {
    private func loadError(_ text: String, ext: String = "csv", level: MeasurementLevel = .nominal,
                           file: StaticString = #filePath, line: UInt = #line) throws -> RatingsLoadError {
        let path = try AgreementFixtures.file(text, ext: ext)
        do {
            _ = try RatingTable.load(path: path, level: level)
            XCTFail("expected an error", file: file, line: line)
            return RatingsLoadError(file: "", message: "")
        } catch let e as RatingsLoadError {
            XCTAssertEqual(e.file, path, file: file, line: line)
            return e
        }
    }

    func testCSVColumnsInAnyOrderWithQuotedFieldsAndExtraColumns() throws {
        let csv = "\u{FEFF}note,value,Annotator,item\r\n"
            + "\"a, b\",good,ann1,\"q\"\"1\"\r\n"
            + "\"multi\nline\",bad,ann2,\"q\"\"1\"\r\n"
            + "x,good,ann1,q2\r\n"
            + "y,,ann2,q2\r\n"  // empty value: no rating
            + "\r\n"
            + "z,good,ann2,q2"
        let (t, labels) = try RatingTable.load(path: try AgreementFixtures.file(csv), level: .nominal)
        XCTAssertEqual(t.items, ["q\"1", "q2"])
        XCTAssertEqual(t.annotators, ["ann1", "ann2"])
        XCTAssertEqual(labels, ["bad", "good"])
        XCTAssertEqual(t.ratingCount, 4)
        XCTAssertEqual(t.values(ofItem: 0), [1, 0])
        XCTAssertEqual(t.values(ofItem: 1), [1, 1])
    }

    func testOldMacLineEndsAndQuotedFieldAtEndOfFile() throws {
        let csv = "item,annotator,value\r1,a,\"x\"\r1,b,\"y\"\r2,a,x\r2,b,\"x\""
        let (t, labels) = try RatingTable.load(path: try AgreementFixtures.file(csv), level: .nominal)
        XCTAssertEqual(labels, ["x", "y"])
        XCTAssertEqual(t.ratingCount, 4)
        XCTAssertEqual(t.values(ofItem: 1), [0, 0])
    }

    func testNominalNumericLabelsSortNumerically() throws {
        let csv = "item,annotator,value\n1,a,10\n1,b,9\n2,a,2\n2,b,10\n"
        let (_, labels) = try RatingTable.load(path: try AgreementFixtures.file(csv), level: .nominal)
        XCTAssertEqual(labels, ["2", "9", "10"])
    }

    func testOrdinalReadsNumbersAndJSONLAcceptsStringsAndNumbers() throws {
        let jsonl = """
            {"item": "i1", "annotator": "a", "value": 3}
            {"item": "i1", "annotator": "b", "value": "2.5"}

            {"item": 7, "annotator": "a", "value": 1, "other": [1, 2]}
            {"item": 7, "annotator": "b", "value": 1.0}
            """
        let (t, labels) = try RatingTable.load(path: try AgreementFixtures.file(jsonl, ext: "jsonl"), level: .ordinal)
        XCTAssertNil(labels)
        XCTAssertEqual(t.items, ["i1", "7"])
        XCTAssertEqual(t.categories, [1, 2.5, 3])
        XCTAssertEqual(t.values(ofItem: 0), [3, 2.5])
    }

    func testMissingColumnNamesHeaderLineAndColumn() throws {
        let e = try loadError("item,rater,value\n1,a,1\n")
        XCTAssertEqual(e.line, 1)
        XCTAssertEqual(e.column, "annotator")
        XCTAssertTrue(e.description.contains(":1: column 'annotator'"))
    }

    func testValueThatDoesNotFitTheLevel() throws {
        let e = try loadError("item,annotator,value\n1,a,1\n1,b,2\n2,a,high\n", level: .interval)
        XCTAssertEqual(e.line, 4)
        XCTAssertEqual(e.column, "value")
        XCTAssertTrue(e.message.contains("'high' is not a number"))
        let neg = try loadError("item,annotator,value\n1,a,1\n1,b,-2\n", level: .ratio)
        XCTAssertEqual(neg.line, 3)
        XCTAssertTrue(neg.message.contains("negative"))
        let inf = try loadError("item,annotator,value\n1,a,inf\n1,b,2\n", level: .ordinal)
        XCTAssertEqual(inf.line, 2)
    }

    func testEmptyFileHeaderOnlyAndOneAnnotator() throws {
        XCTAssertEqual(try loadError("").message, "file is empty")
        XCTAssertEqual(try loadError("item,annotator,value\n").message, "no ratings in file")
        XCTAssertTrue(try loadError("item,annotator,value\n1,a,1\n2,a,2\n").message.contains("only one annotator (a)"))
    }

    func testDuplicateRatingNamesBothLines() throws {
        let e = try loadError("item,annotator,value\n1,a,1\n1,b,1\n2,a,1\n1,a,2\n")
        XCTAssertEqual(e.line, 5)
        XCTAssertTrue(e.message.contains("first on line 2"), e.message)
    }

    func testMalformedInputNamesTheLine() throws {
        XCTAssertEqual(try loadError("item,annotator,value\n1,a,1\n1,\"b,1\n").line, 3)
        XCTAssertEqual(try loadError("item,annotator,value\n1,a,1\n1,\"b\"x,1\n").line, 3)
        let short = try loadError("item,annotator,value\n1,a,1\n1,b\n")
        XCTAssertEqual(short.line, 3)
        XCTAssertEqual(short.column, "value")
        let json = try loadError("{\"item\": 1, \"annotator\": \"a\", \"value\": 1}\n{\"item\": 1,\n", ext: "jsonl")
        XCTAssertEqual(json.line, 2)
        let key = try loadError("{\"item\": 1, \"value\": 1}\n", ext: "jsonl")
        XCTAssertEqual(key.column, "annotator")
        let bool = try loadError("{\"item\": 1, \"annotator\": \"a\", \"value\": true}\n", ext: "jsonl")
        XCTAssertEqual(bool.column, "value")
    }

    func testUnreadableFile() {
        XCTAssertThrowsError(try RatingTable.load(path: "/nonexistent/ratings.csv", level: .nominal)) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/ratings.csv: cannot read file"))
        }
    }

    /// The loaded table gives the same coefficients as the table built in memory.
    func testLoadedKrippendorffDataGivesPublishedAlpha() throws {
        var csv = "item,annotator,value\n"
        for (a, row) in AgreementFixtures.krippendorff2011.enumerated() {
            for (u, v) in row.enumerated() { if let v { csv += "u\(u),obs\(a),\(Int(v))\n" } }
        }
        let (t, _) = try RatingTable.load(path: try AgreementFixtures.file(csv), level: .interval)
        XCTAssertEqual(KrippendorffAlpha.compute(t, level: .interval).value ?? .nan, 0.8491071428571428, accuracy: 1e-12)
    }
}
