import Foundation

/// An `InputStream` over a `ByteSource` that stops at the first invalid UTF-8 byte and remembers its offset.
/// It feeds CSV.swift, which only reports "cannot decode" without saying where.
final class ValidatingInputStream: InputStream {
    private let source: ByteSource
    private var pending: [UInt8] = []
    private var ended = false
    private var status: Stream.Status = .notOpen
    /// Offset in the uncompressed file of the first invalid UTF-8 byte, once met.
    private(set) var invalidByteOffset: Int64?
    /// A file-level error met while reading (truncated gzip...), reported by the caller.
    private(set) var failure: ImportFileError?
    /// Uncompressed bytes handed out so far.
    private(set) var delivered: Int64 = 0

    init(source: ByteSource) {
        self.source = source
        super.init(data: Data())
    }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var streamError: Error? { nil }
    /// CSV.swift treats a read of 0 bytes after "available" as an error, so look ahead here.
    override var hasBytesAvailable: Bool {
        if pending.isEmpty && !ended { refill() }
        return !pending.isEmpty
    }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        if pending.isEmpty && !ended { refill() }
        let n = min(len, pending.count)
        pending.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: n) }
        pending.removeFirst(n)
        delivered += Int64(n)
        return n
    }

    /// Reads a chunk, keeps an incomplete trailing sequence for the next chunk, and truncates at an invalid byte.
    private func refill() {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var carry = 0
        while !ended {
            let n: Int
            do {
                n = try chunk.withUnsafeMutableBytes { try source.read(into: $0.baseAddress! + carry, count: $0.count - carry) }
            } catch let e as ImportFileError {
                failure = e; ended = true; return
            } catch {
                failure = ImportFileError(file: source.path, message: "\(error)"); ended = true; return
            }
            let total = carry + n
            if n == 0 { ended = true }
            let keep = ended ? 0 : Self.incompleteTail(chunk, count: total)
            let checked = total - keep
            let bad = chunk.withUnsafeBytes { UTF8Validation.firstInvalidByte(UnsafeRawBufferPointer(rebasing: $0[0..<checked])) }
            let good = bad ?? checked
            pending.append(contentsOf: chunk[0..<good])
            if let bad {
                invalidByteOffset = delivered + Int64(bad)
                ended = true
                return
            }
            // Move the incomplete tail to the front for the next read.
            for k in 0..<keep { chunk[k] = chunk[checked + k] }
            carry = keep
            if !pending.isEmpty { return }
        }
    }

    /// Number of bytes at the end that begin a multi-byte sequence not yet complete (0...3).
    static func incompleteTail(_ bytes: [UInt8], count: Int) -> Int {
        var back = 1
        while back <= 3 && back <= count {
            let b = bytes[count - back]
            if b & 0xC0 != 0x80 {
                let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                return need > back ? back : 0
            }
            back += 1
        }
        return 0
    }
}
