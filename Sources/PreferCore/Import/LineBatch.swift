/// JSONL lines copied out of the reader's buffer, so that they can be parsed on other threads while the
/// reader goes on: one byte buffer plus where each line starts, its number and its file offset.
struct LineBatch: Sendable {
    enum Entry: Sendable {
        case text(start: Int, count: Int, line: Int, offset: Int64)
        /// A line over the size limit: its problem is known without its text.
        case tooLong(RowProblem, line: Int)
    }

    private(set) var bytes: [UInt8] = []
    private(set) var entries: [Entry] = []

    var count: Int { entries.count }
    var byteCount: Int { bytes.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: UnsafeRawBufferPointer, line: Int, offset: Int64) {
        entries.append(.text(start: bytes.count, count: text.count, line: line, offset: offset))
        bytes.append(contentsOf: text)
    }

    mutating func append(tooLong problem: RowProblem, line: Int) { entries.append(.tooLong(problem, line: line)) }

    /// Entry `i` as a row (nil for a blank line); `body` sees it while the batch's bytes are pinned.
    func withRow<T>(_ i: Int, _ body: (RawRow?) -> T) -> T {
        switch entries[i] {
        case .tooLong(let problem, let line): return body(.problem(problem, line: line, raw: .none))
        case .text(let start, let count, let line, let offset):
            return bytes.withUnsafeBytes { all in
                body(JSONLRows.row(UnsafeRawBufferPointer(rebasing: all[start..<start + count]), line: line, offset: offset))
            }
        }
    }
}
