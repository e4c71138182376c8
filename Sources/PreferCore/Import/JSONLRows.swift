/// JSONL: one JSON object per line; blank lines are skipped; each line is checked for UTF-8 and size.
final class JSONLRows: RowSource {
    private let lines: LineSplitter
    private let maxLineBytes: Int

    init(source: ByteSource, maxLineBytes: Int) {
        lines = LineSplitter(source: source, maxLineBytes: maxLineBytes)
        self.maxLineBytes = maxLineBytes
    }

    func next() throws -> RawRow? {
        while let line = try lines.next() {
            switch line {
            case .tooLong(let length, let number, _):
                return .problem(tooLong(length), line: number, raw: .none)
            case .text(let bytes, let number, let offset):
                if let row = Self.row(bytes, line: number, offset: offset) { return row }
            }
        }
        return nil
    }

    /// Copies the next lines into `batch` (cleared first) until it holds `maxRows` lines or `maxBytes` bytes;
    /// returns false when the file has no more lines. The lines are parsed later, on any thread, through `withRow`.
    func nextBatch(into batch: inout LineBatch, maxRows: Int, maxBytes: Int) throws -> Bool {
        batch.removeAll()
        while batch.count < maxRows && batch.byteCount < maxBytes {
            guard let line = try lines.next() else { return false }
            switch line {
            case .tooLong(let length, let number, _): batch.append(tooLong: tooLong(length), line: number)
            case .text(let bytes, let number, let offset): batch.append(bytes, line: number, offset: offset)
            }
        }
        return true
    }

    /// Line `i` of a batch this source filled, as a row (nil for a blank line). Thread-safe.
    func withRow<T>(_ i: Int, of batch: LineBatch, _ body: (RawRow?) -> T) -> T {
        batch.withLine(i) { line in
            switch line {
            case .tooLong(let problem, let number): return body(.problem(problem, line: number, raw: .none))
            case .text(let bytes, let number, let offset): return body(Self.row(bytes, line: number, offset: offset))
            }
        }
    }

    /// One line as a row: nil for a blank line, a problem for invalid UTF-8 or JSON. Thread-safe.
    static func row(_ text: UnsafeRawBufferPointer, line number: Int, offset start: Int64) -> RawRow? {
        var bytes = text, offset = start
        // A UTF-8 byte order mark (written by some Windows tools) is not part of the JSON.
        if offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
            offset = 3
        }
        if isBlank(bytes) { return nil }
        if let bad = UTF8Validation.firstInvalidByte(bytes) {
            return .problem(RowProblem(nil, "invalid UTF-8 at byte offset \(offset + Int64(bad)) in the file"),
                            line: number, raw: .bytes(bytes))
        }
        do {
            return .fields(try JSONRowParser.fields(bytes), line: number, raw: .bytes(bytes))
        } catch let p as RowProblem {
            return .problem(p, line: number, raw: .bytes(bytes))
        } catch {
            return .problem(RowProblem(nil, "\(error)"), line: number, raw: .bytes(bytes))
        }
    }

    private func tooLong(_ length: Int64) -> RowProblem {
        RowProblem(nil, "line is \(length) bytes, over the limit of \(maxLineBytes) bytes")
    }

    private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
