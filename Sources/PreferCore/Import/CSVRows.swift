import Foundation

/// CSV with a header row (RFC 4180 quoting, `CSVRecordStream`); record numbers count the header as line 1.
final class CSVRows: RowSource {
    /// Cells that may hold JSON (message lists, response lists); read as JSON when they parse as a list or object.
    private static let jsonCells: Set<String> = ["prompt", "messages", "responses", "chosen", "rejected", "response_a", "response_b"]
    /// Optional cells where an empty value means "absent".
    private static let optionalCells: Set<String> = ["id", "model_a", "model_b", "gold", "winner", "label"]

    private let file: String
    private let records: CSVRecordStream
    private var header: [String] = []
    private let maxRecordBytes: Int
    private var record = 1

    init(source: ByteSource, file: String, maxRecordBytes: Int) throws {
        self.file = file
        self.maxRecordBytes = maxRecordBytes
        records = CSVRecordStream(source: source, maxRecordBytes: maxRecordBytes)
        // An empty file has no header row: the reader reports "empty file" at the first row.
        header = try read()?.map(\.trimmingWhitespace) ?? []
    }

    func next() throws -> RawRow? {
        while let (cells, line) = try nextRecord() {
            if let row = row(cells, line: line) { return row }
        }
        return nil
    }

    /// Splits the next records into `batch` (cleared first) until it holds `maxRows` or `maxBytes`; returns false
    /// when the file has no more. The records become rows later, on any thread, through `withRow`.
    func nextBatch(into batch: inout LineBatch, maxRows: Int, maxBytes: Int) throws -> Bool {
        batch.removeAll()
        while batch.count < maxRows && batch.byteCount < maxBytes {
            guard let (cells, line) = try nextRecord() else { return false }
            batch.append(record: cells, line: line)
        }
        return true
    }

    /// The next record's cells and number; nil at the end of the file.
    private func nextRecord() throws -> (cells: [String], line: Int)? {
        guard !header.isEmpty, let cells = try read() else { return nil }
        record += 1
        return (cells, record)
    }

    /// Record `i` of a batch this source filled, as a row (nil for a blank one). Thread-safe.
    func withRow<T>(_ i: Int, of batch: LineBatch, _ body: (RawRow?) -> T) -> T {
        guard let (cells, line) = batch.record(i) else { preconditionFailure("not a CSV record") }
        return body(row(cells, line: line))
    }

    /// A record as a row, nil for a blank one.
    private func row(_ cells: [String], line record: Int) -> RawRow? {
        if cells.allSatisfy({ $0.isEmpty }) { return nil }
        let raw = RawText.cells(cells)
        let size = cells.reduce(0) { $0 + $1.utf8.count }
        if size > maxRecordBytes {
            return .problem(RowProblem(nil, "record is \(size) bytes, over the limit of \(maxRecordBytes) bytes"), line: record, raw: .none)
        }
        if cells.count != header.count {
            return .problem(RowProblem(nil, "record has \(cells.count) fields, the header has \(header.count)"), line: record, raw: raw)
        }
        return .fields(fields(cells), line: record, raw: raw)
    }

    /// The next record's cells; file-level problems become `ImportFileError`s naming the record.
    private func read() throws -> [String]? {
        do {
            return try records.next()
        } catch let failure as CSVRecordStream.Failure {
            throw ImportFileError(file: file, message: "\(failure.message) (record \(record + 1))")
        }
    }

    private func fields(_ cells: [String]) -> FieldList {
        var out = FieldList(capacity: cells.count)
        for (name, cell) in zip(header, cells) {
            if cell.isEmpty && Self.optionalCells.contains(name) { continue }
            if Self.jsonCells.contains(name), let json = Self.jsonContainer(cell) {
                out.set(name, json)
            } else {
                out.set(name, .string(cell))
            }
        }
        return out
    }

    /// The cell as JSON when it is a JSON list or object.
    private static func jsonContainer(_ cell: String) -> JSONValue? {
        guard let first = cell.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
              first == UInt8(ascii: "[") || first == UInt8(ascii: "{") else { return nil }
        return JSONValue.parse(cell)
    }

    /// The record written back as one CSV line, for error reports. Bytes, not Characters: "\r\n" is one
    /// Character, equal to neither "\r" nor "\n".
    static func encode(_ cells: [String]) -> String {
        cells.map { cell in
            cell.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }
}
