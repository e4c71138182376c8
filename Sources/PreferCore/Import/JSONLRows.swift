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
                return .problem(RowProblem(nil, "line is \(length) bytes, over the limit of \(maxLineBytes) bytes"), line: number, raw: .none)
            case .text(var bytes, let number, var offset):
                // A UTF-8 byte order mark (written by some Windows tools) is not part of the JSON.
                if offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                    bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
                    offset = 3
                }
                if isBlank(bytes) { continue }
                if let bad = UTF8Validation.firstInvalidByte(bytes) {
                    return .problem(RowProblem(nil, "invalid UTF-8 at byte offset \(offset + Int64(bad)) in the file"),
                                    line: number, raw: .bytes(bytes))
                }
                do {
                    return .fields(try JSONRowParser.fields(bytes), line: number, raw: .bytes(bytes))
                } catch let p as RowProblem {
                    return .problem(p, line: number, raw: .bytes(bytes))
                }
            }
        }
        return nil
    }

    private func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
