/// CSV records streamed from a `ByteSource`: the scanner that reads agreement ratings (`CSVScanner`), run over
/// a window of the file that holds whole records. Memory stays at the window (it grows only for a record
/// longer than itself, up to `maxRecordBytes` times 4); every record's bytes are checked as UTF-8.
final class CSVRecordStream {
    /// A malformed record, an over-long one or invalid UTF-8: a file error (the records after it cannot be
    /// found reliably).
    struct Failure: Error { var message: String }

    private let source: ByteSource
    private let windowLimit: Int
    private var window: [UInt8] = []
    /// Start of the unread bytes in `window`.
    private var start = 0
    private var atEOF = false
    /// File offset (uncompressed) of `window[0]`.
    private var windowOffset: Int64 = 0
    private var atFileStart = true
    /// Bytes read from the file at a time (1 MiB; tests use small ones to cross many window edges).
    private let chunk: Int

    init(source: ByteSource, maxRecordBytes: Int, chunk: Int = 1 << 20) {
        self.source = source
        self.chunk = chunk
        windowLimit = max(chunk, maxRecordBytes.multipliedReportingOverflow(by: 4).overflow ? .max : maxRecordBytes * 4)
    }

    /// The next record's cells; nil at the end of the file.
    func next() throws -> [String]? {
        while true {
            let attempt: Attempt = try window.withUnsafeBytes { all in
                let rest = UnsafeRawBufferPointer(rebasing: all[start...])
                guard !rest.isEmpty else { return .needMore }
                var scanner = CSVScanner(rest, atFileStart: atFileStart && start == 0)
                let record: Int?
                do {
                    record = try scanner.next()
                } catch let issue as CSVIssue {
                    // A quoted field running to the end of the window may close in the bytes not read yet.
                    if !atEOF { return .needMore }
                    throw Failure(message: issue.message)
                }
                guard record != nil else { return .needMore }
                // A record that ends exactly at the window's end may go on (a CR whose LF is not read yet, a
                // field cut in two): only the end of the file settles it.
                if scanner.consumed == rest.count && !atEOF { return .needMore }
                let bytes = UnsafeRawBufferPointer(rebasing: rest[..<scanner.consumed])
                if let bad = UTF8Validation.firstInvalidByte(bytes) {
                    throw Failure(message: "invalid UTF-8 at byte offset \(windowOffset + Int64(start + bad)) in the file")
                }
                return .record((0..<scanner.fields.count).map(scanner.string), consumed: scanner.consumed)
            }
            switch attempt {
            case .record(let cells, let consumed):
                start += consumed
                atFileStart = false
                return cells
            case .needMore:
                if atEOF { return nil }
                try fill()
            }
        }
    }

    private enum Attempt {
        case record([String], consumed: Int)
        case needMore
    }

    /// Drops the bytes already read and appends the next chunk of the file.
    private func fill() throws {
        if start > 0 {
            window.removeFirst(start)
            windowOffset += Int64(start)
            start = 0
        }
        guard window.count < windowLimit else {
            throw Failure(message: "a record at byte offset \(windowOffset) in the file runs past \(windowLimit) bytes (a quoted field never closed?)")
        }
        let old = window.count
        window.append(contentsOf: repeatElement(0, count: chunk))
        let n = try window.withUnsafeMutableBytes { try source.read(into: $0.baseAddress! + old, count: chunk) }
        window.removeLast(chunk - n)
        if n == 0 { atEOF = true }
    }
}
