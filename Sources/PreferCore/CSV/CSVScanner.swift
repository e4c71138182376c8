/// A malformed CSV record: what is wrong and on which line.
struct CSVIssue: Error {
    var line: Int
    var message: String
}

/// Reads RFC 4180 CSV records from bytes without copying: fields are byte ranges into the input, except
/// quoted fields with doubled quotes, which are unescaped into a per-record scratch buffer.
/// Records end at LF, CRLF or CR; quoted fields may hold commas and line breaks.
struct CSVScanner {
    /// One field: bytes lo..<hi of the input, or of `scratch` when `inScratch`.
    struct Field {
        var lo: Int, hi: Int, inScratch: Bool
        var isEmpty: Bool { hi == lo }
    }

    private let buf: UnsafeRawBufferPointer
    private var pos = 0
    /// Line number of the next unread byte (1-based).
    private(set) var line = 1
    /// Unescaped quoted fields of the current record.
    private(set) var scratch: [UInt8] = []
    /// Fields of the current record.
    private(set) var fields: [Field] = []

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
                       lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Starts at the beginning of `buf`, skipping a UTF-8 byte order mark there unless `atFileStart` is false
    /// (a window into the middle of a file).
    init(_ buf: UnsafeRawBufferPointer, atFileStart: Bool = true) {
        self.buf = buf
        if atFileStart, buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { pos = 3 }
    }

    /// Bytes of the buffer read so far (the end of the last record, its line break included).
    var consumed: Int { pos }

    /// Reads the next record into `fields`; returns the line it starts on, or nil at the end of input.
    mutating func next() throws -> Int? {
        guard pos < buf.count else { return nil }
        fields.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        let startLine = line
        while true {
            if buf[pos] == Self.quote {
                try readQuoted(startLine: startLine)
            } else {
                let lo = pos
                while pos < buf.count {
                    let b = buf[pos]
                    if b == Self.comma || b == Self.lf || b == Self.cr { break }
                    pos += 1
                }
                fields.append(Field(lo: lo, hi: pos, inScratch: false))
            }
            guard pos < buf.count else { return startLine }
            let b = buf[pos]
            pos += 1
            if b == Self.comma {
                if pos == buf.count { fields.append(Field(lo: pos, hi: pos, inScratch: false)); return startLine }
                continue
            }
            if b == Self.cr, pos < buf.count, buf[pos] == Self.lf { pos += 1 }
            line += 1
            return startLine
        }
    }

    /// Reads a quoted field starting at the opening quote, leaving `pos` after the closing quote.
    private mutating func readQuoted(startLine: Int) throws {
        pos += 1
        var lo = pos, escaped = false
        let scratchStart = scratch.count
        while true {
            guard pos < buf.count else {
                throw CSVIssue(line: startLine, message: "quoted field is never closed")
            }
            let b = buf[pos]
            if b == Self.quote {
                guard pos + 1 < buf.count, buf[pos + 1] == Self.quote else { break }
                scratch.append(contentsOf: buf[lo...pos])  // keeps one of the two quotes
                escaped = true
                pos += 2
                lo = pos
                continue
            }
            if b == Self.lf || (b == Self.cr && !(pos + 1 < buf.count && buf[pos + 1] == Self.lf)) { line += 1 }
            pos += 1
        }
        if escaped {
            scratch.append(contentsOf: buf[lo..<pos])
            fields.append(Field(lo: scratchStart, hi: scratch.count, inScratch: true))
        } else {
            fields.append(Field(lo: lo, hi: pos, inScratch: false))
        }
        pos += 1  // closing quote
        if pos < buf.count {
            let b = buf[pos]
            guard b == Self.comma || b == Self.lf || b == Self.cr else {
                throw CSVIssue(line: line, message: "unexpected character after a closing quote")
            }
        }
    }

    /// Calls `body` with the bytes of field `k` of the current record.
    func withField<R>(_ k: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let f = fields[k]
        if f.inScratch {
            return scratch.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[f.lo..<f.hi])) }
        }
        return body(UnsafeRawBufferPointer(rebasing: buf[f.lo..<f.hi]))
    }

    /// Field `k` of the current record as a String.
    func string(_ k: Int) -> String {
        withField(k) { String(decoding: $0, as: UTF8.self) }
    }
}
