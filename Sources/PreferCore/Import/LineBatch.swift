/// Rows read but not parsed yet, so that they can be parsed on other threads while the reader goes on: JSONL
/// lines copied out of the reader's buffer (one byte buffer plus where each line starts, its number and its file
/// offset), or CSV records already split into cells.
struct LineBatch: Sendable {
    enum Entry: Sendable {
        case text(start: Int, count: Int, line: Int, offset: Int64)
        /// A line over the size limit: its problem is known without its text.
        case tooLong(RowProblem, line: Int)
        /// A CSV record (its number counts the header as 1).
        case record(cells: [String], line: Int)
    }

    private(set) var bytes: [UInt8] = []
    private(set) var entries: [Entry] = []
    private var recordBytes = 0

    var count: Int { entries.count }
    var byteCount: Int { bytes.count + recordBytes }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        recordBytes = 0
    }

    mutating func append(record cells: [String], line: Int) {
        entries.append(.record(cells: cells, line: line))
        recordBytes += cells.reduce(0) { $0 + $1.utf8.count }
    }

    /// Entry `i` if it is a CSV record.
    func record(_ i: Int) -> (cells: [String], line: Int)? {
        if case .record(let cells, let line) = entries[i] { return (cells, line) }
        return nil
    }

    mutating func append(_ text: UnsafeRawBufferPointer, line: Int, offset: Int64) {
        entries.append(.text(start: bytes.count, count: text.count, line: line, offset: offset))
        bytes.append(contentsOf: text)
    }

    mutating func append(tooLong problem: RowProblem, line: Int) { entries.append(.tooLong(problem, line: line)) }

    /// A JSONL line of the batch: its bytes, or the problem of an over-long one.
    enum Line {
        case text(UnsafeRawBufferPointer, line: Int, offset: Int64)
        case tooLong(RowProblem, line: Int)
    }

    /// Entry `i`, a JSONL line; `body` sees its bytes while the batch's bytes are pinned.
    func withLine<T>(_ i: Int, _ body: (Line) -> T) -> T {
        switch entries[i] {
        case .tooLong(let problem, let line): return body(.tooLong(problem, line: line))
        case .record: preconditionFailure("not a JSONL line")
        case .text(let start, let count, let line, let offset):
            return bytes.withUnsafeBytes { all in
                body(.text(UnsafeRawBufferPointer(rebasing: all[start..<start + count]), line: line, offset: offset))
            }
        }
    }
}
