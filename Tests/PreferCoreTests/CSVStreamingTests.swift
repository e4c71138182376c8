import XCTest
@testable import PreferCore

/// CSV import reads records through a window of the file (`CSVRecordStream`, 1 MiB at a time): records that
/// cross the window's edge, with quoted commas, quotes and line breaks and any of LF, CRLF or CR, must come out
/// whole, numbered by record.
final class CSVStreamingTests: XCTestCase {
    /// RFC 4180 quoting, as any CSV writer does it.
    private func quoted(_ cell: String) -> String {
        cell.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }

    /// A CSV text of `records` random records with `ending`, and the cells written.
    private func sample(records: Int, ending: String) -> (text: String, rows: [[String]]) {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["plain", "comma, inside", "quote \"here\"", "line\nbreak", "crlf\r\nbreak", "cr\ronly", "é 😀 中文", "", "x"]
        var rows: [[String]] = []
        var text = "prompt,response_a,response_b" + ending
        for n in 1...records {
            let a = (0..<Int.random(in: 1...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined(separator: " ")
            let row = ["q\(n) " + pieces[n % pieces.count], "A\(n) " + a, "B\(n)"]
            rows.append(row)
            text += row.map(quoted).joined(separator: ",") + ending
        }
        return (text, rows)
    }

    func testRecordsAcrossWindowEdgesComeOutWhole() throws {
        for ending in ["\n", "\r\n", "\r"] {
            for chunk in [7, 64, 4096] {
                let (text, rows) = sample(records: 300, ending: ending)
                let path = try ImportTestSupport.write(Array(text.utf8), name: "s.csv")
                let stream = CSVRecordStream(source: try ByteSource(path: path), maxRecordBytes: 1 << 20, chunk: chunk)
                var read: [[String]] = []
                while let cells = try stream.next() { read.append(cells) }
                XCTAssertEqual(read.first, ["prompt", "response_a", "response_b"])
                XCTAssertEqual(Array(read.dropFirst()), rows, "ending \(ending.debugDescription), \(chunk)-byte reads")
            }
        }
    }

    func testImportAcrossTheMegabyteWindowNumbersRecords() throws {
        let (text, rows) = sample(records: 12_000, ending: "\r\n")
        XCTAssertGreaterThan(text.utf8.count, 1 << 20)
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(Array(text.utf8), name: "big.csv"))
        XCTAssertEqual(r.errors.count, 0, r.errors.first?.description ?? "")
        XCTAssertEqual(r.items.map { [$0.prompt.first?.content ?? ""] + $0.responses.map(\.text) }, rows)
        XCTAssertEqual(r.items.last?.line, rows.count + 1, "records are numbered, the header is 1")
    }

    func testARejectedRecordKeepsItsTextForTheRejectsFile() throws {
        let text = "prompt,response_a,response_b\np,a,b\n\"two\nlines\",\"x, y\"\n"
        let r = try ImportTestSupport.readAll(try ImportTestSupport.write(Array(text.utf8), name: "r.csv"))
        XCTAssertEqual(r.errors.first?.rawLine, "\"two\nlines\",\"x, y\"")
    }

    func testErrorReportsQuoteCellsWithLineBreaks() {
        XCTAssertEqual(CSVRows.encode(["a\r\nb", "c,d", "e\"f", "g"]), "\"a\r\nb\",\"c,d\",\"e\"\"f\",g")
    }

    func testAQuoteNeverClosedIsAFileErrorNamingTheRecord() throws {
        let text = "prompt,response_a,response_b\np,a,b\n\"open,a,b\nq,a,b\n"
        let error = ImportTestSupport.fileError(try ImportTestSupport.write(Array(text.utf8), name: "open.csv"))
        XCTAssertEqual(error?.message, "quoted field is never closed (record 3)")
    }

    func testInvalidUTF8AfterTheFirstWindowHasItsFileOffset() throws {
        var bytes = Array("prompt,response_a,response_b\n".utf8)
        let long = Array("p,\(String(repeating: "a", count: 2000)),b\n".utf8)
        while bytes.count < 1_500_000 { bytes += long }
        let offset = bytes.count + 2
        bytes += Array("q,".utf8) + [0xFF] + Array(",b\n".utf8)
        let error = ImportTestSupport.fileError(try ImportTestSupport.write(bytes, name: "bad.csv"))
        XCTAssertEqual(error?.message.hasPrefix("invalid UTF-8 at byte offset \(offset) in the file"), true, error?.message ?? "")
    }
}
