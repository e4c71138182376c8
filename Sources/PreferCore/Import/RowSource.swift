/// A row as read from a file, before interpretation.
enum RawRow {
    case fields(FieldList, line: Int, raw: RawText)
    case problem(RowProblem, line: Int, raw: RawText)
}

/// The row's original text, decoded only when an error needs it.
enum RawText {
    /// Bytes in the reader's buffer, valid until the next row is read.
    case bytes(UnsafeRawBufferPointer)
    case text(String)
    /// A CSV record's cells, written back as one CSV line only if an error report needs it.
    case cells([String])
    case none

    /// The text (lossily decoded if it is not valid UTF-8).
    var string: String? {
        switch self {
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .text(let s): return s
        case .cells(let cells): return CSVRows.encode(cells)
        case .none: return nil
        }
    }
}

/// Something that yields raw rows: JSONL lines or CSV records.
protocol RowSource: AnyObject {
    /// The next row, nil at the end; throws `ImportFileError`.
    func next() throws -> RawRow?
    /// Copies the next rows, not yet parsed, into `batch` (cleared first) until it holds `maxRows` rows or
    /// `maxBytes` bytes; false when the file has no more. Reading stays in file order on one thread.
    func nextBatch(into batch: inout LineBatch, maxRows: Int, maxBytes: Int) throws -> Bool
    /// Row `i` of a batch this source filled (nil for a blank one), seen by `body`. Safe from several threads.
    func withRow<T>(_ i: Int, of batch: LineBatch, _ body: (RawRow?) -> T) -> T
}
