import Foundation

/// Splits a byte stream into lines with a fixed-size memory footprint (bounded by the line limit).
final class LineSplitter {
    /// One line; `bytes` points into the splitter's buffer and is valid until the next call.
    enum Line {
        case text(bytes: UnsafeRawBufferPointer, number: Int, offset: Int64)
        case tooLong(length: Int64, number: Int, offset: Int64)
    }

    private let source: ByteSource
    private let maxLineBytes: Int
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0, end = 0, scanned = 0
    private var atEOF = false
    private var lineNumber = 0
    /// Uncompressed file offset of `buffer[start]`.
    private var startOffset: Int64 = 0
    private static let chunk = 1 << 18

    init(source: ByteSource, maxLineBytes: Int) {
        self.source = source
        self.maxLineBytes = max(1, maxLineBytes)
        capacity = LineSplitter.chunk * 4
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The next line without its "\n" (and a trailing "\r"), or nil at the end.
    func next() throws -> Line? {
        while true {
            if let nl = findNewline() {
                return emit(upTo: nl, consumed: nl - start + 1)
            }
            if atEOF {
                if start < end { return emit(upTo: end, consumed: end - start) }
                return nil
            }
            if end - start > maxLineBytes + 1 { return try skipLongLine() }
            try fill()
        }
    }

    private func findNewline() -> Int? {
        let from = max(start, scanned)
        guard from < end, let p = memchr(buffer + from, 0x0A, end - from) else { scanned = end; return nil }
        return buffer.distance(to: p)
    }

    private func emit(upTo stop: Int, consumed: Int) -> Line {
        lineNumber += 1
        let offset = startOffset
        var len = stop - start
        if len > 0 && buffer.load(fromByteOffset: start + len - 1, as: UInt8.self) == 0x0D { len -= 1 }
        let bytes = UnsafeRawBufferPointer(start: buffer + start, count: len)
        start += consumed
        scanned = start
        startOffset += Int64(consumed)
        if len > maxLineBytes { return .tooLong(length: Int64(len), number: lineNumber, offset: offset) }
        return .text(bytes: bytes, number: lineNumber, offset: offset)
    }

    /// Discards the rest of an over-long line without keeping it in memory.
    private func skipLongLine() throws -> Line {
        lineNumber += 1
        let offset = startOffset
        var length = Int64(0)
        while true {
            if let nl = findNewline() {
                length += Int64(nl - start)
                startOffset += Int64(nl - start + 1)
                start = nl + 1
                scanned = start
                return .tooLong(length: length, number: lineNumber, offset: offset)
            }
            length += Int64(end - start)
            startOffset += Int64(end - start)
            start = 0; end = 0; scanned = 0
            if atEOF { return .tooLong(length: length, number: lineNumber, offset: offset) }
            try fill()
        }
    }

    /// Moves the pending bytes to the front, grows the buffer if a line needs it, and reads more.
    private func fill() throws {
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(buffer, buffer + start, pending) }
            scanned -= start
            end = pending; start = 0
        }
        if capacity - end < LineSplitter.chunk {
            let newCapacity = capacity * 2
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
            grown.copyMemory(from: buffer, byteCount: end)
            buffer.deallocate()
            buffer = grown
            capacity = newCapacity
        }
        let n = try source.read(into: buffer + end, count: capacity - end)
        if n == 0 { atEOF = true }
        end += n
    }
}
