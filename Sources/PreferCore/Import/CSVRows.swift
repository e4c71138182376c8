import CSV
import Foundation

/// CSV with a header row (RFC 4180 quoting, via CSV.swift); record numbers count the header as line 1.
final class CSVRows: RowSource {
    /// Cells that may hold JSON (message lists, response lists); read as JSON when they parse as a list or object.
    private static let jsonCells: Set<String> = ["prompt", "messages", "responses", "chosen", "rejected", "response_a", "response_b"]
    /// Optional cells where an empty value means "absent".
    private static let optionalCells: Set<String> = ["id", "model_a", "model_b", "gold", "winner", "label"]

    private let file: String
    private let stream: ValidatingInputStream
    private let reader: CSVReader?
    private let header: [String]
    private let maxRecordBytes: Int
    private var record = 1

    init(source: ByteSource, file: String, maxRecordBytes: Int) throws {
        self.file = file
        self.maxRecordBytes = maxRecordBytes
        stream = ValidatingInputStream(source: source)
        // An empty file has no header row; CSV.swift refuses it, and the reader reports "empty file" at the first row.
        reader = try? CSVReader(stream: stream, hasHeaderRow: true)
        header = (reader?.headerRow ?? []).map { $0.trimmingWhitespace }
        try checkStream()
    }

    func next() throws -> RawRow? {
        guard let reader else { return nil }
        while let cells = reader.next() {
            try checkStream()
            record += 1
            if cells.allSatisfy({ $0.isEmpty }) { continue }
            let raw = RawText.text(Self.encode(cells))
            let size = cells.reduce(0) { $0 + $1.utf8.count }
            if size > maxRecordBytes {
                return .problem(RowProblem(nil, "record is \(size) bytes, over the limit of \(maxRecordBytes) bytes"), line: record, raw: .none)
            }
            if cells.count != header.count {
                return .problem(RowProblem(nil, "record has \(cells.count) fields, the header has \(header.count)"), line: record, raw: raw)
            }
            return .fields(fields(cells), line: record, raw: raw)
        }
        try checkStream()
        if let error = reader.error { throw ImportFileError(file: file, message: "cannot read CSV: \(error)") }
        return nil
    }

    /// Throws the file-level problems the stream met: read errors, truncated gzip, invalid UTF-8.
    private func checkStream() throws {
        if let failure = stream.failure { throw failure }
        if let offset = stream.invalidByteOffset {
            throw ImportFileError(file: file, message: "invalid UTF-8 at byte offset \(offset) in the file (record \(record + 1) or after)")
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

    /// The record written back as one CSV line, for error reports.
    static func encode(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }
}
