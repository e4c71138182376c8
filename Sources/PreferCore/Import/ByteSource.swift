import CSystemLibs
import Foundation

/// Reads a file's bytes, inflating gzip (detected by its magic bytes 1f 8b), and hashes the stored bytes.
final class ByteSource {
    let path: String
    let isGzip: Bool
    private var plain: UnsafeMutablePointer<FILE>?
    private var gz: gzFile?
    private var hasher = SHA256()
    private var digest: String?
    private var prefix: [UInt8] = []
    /// Uncompressed bytes delivered so far.
    private(set) var offset: Int64 = 0

    init(path: String) throws {
        self.path = path
        var st = stat()
        if stat(path, &st) != 0 { throw ImportFileError(file: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw ImportFileError(file: path, message: "cannot open: is a directory") }
        guard let f = fopen(path, "rb") else {
            throw ImportFileError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var magic: [UInt8] = [0, 0]
        let n = fread(&magic, 1, 2, f)
        isGzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b
        let regular = (st.st_mode & S_IFMT) == S_IFREG
        if isGzip {
            fclose(f)
            // gzopen reopens by path, so the two bytes read from a pipe would be lost.
            guard regular else { throw ImportFileError(file: path, message: "cannot read gzip from a pipe; decompress it first") }
            guard let g = gzopen(path, "rb") else {
                throw ImportFileError(file: path, message: "cannot open gzip: \(String(cString: strerror(errno)))")
            }
            gzbuffer(g, 1 << 18)
            gz = g
        } else {
            // A pipe cannot rewind: hand the bytes already read out first.
            if regular { rewind(f) } else { prefix = Array(magic[0..<n]) }
            plain = f
        }
    }

    deinit { close() }

    private func close() {
        if let f = plain { fclose(f); plain = nil }
        if let g = gz { gzclose_r(g); gz = nil }
    }

    /// Reads up to `count` bytes; 0 at the end of the data. Throws on read errors and truncated gzip.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if !prefix.isEmpty {
            let n = min(count, prefix.count)
            prefix.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: n) }
            hasher.update(UnsafeRawBufferPointer(start: buffer, count: n))
            prefix.removeFirst(n)
            offset += Int64(n)
            return n
        }
        if let f = plain {
            let n = fread(buffer, 1, count, f)
            if n > 0 { hasher.update(UnsafeRawBufferPointer(start: buffer, count: n)) }
            if n < count && ferror(f) != 0 {
                throw ImportFileError(file: path, message: "read error: \(String(cString: strerror(errno)))")
            }
            offset += Int64(n)
            return n
        }
        if let g = gz {
            let n = gzread(g, buffer, UInt32(min(count, Int(Int32.max))))
            // zlib reports a stream cut short as Z_BUF_ERROR with a normal-looking end of data, so check at the end too.
            if n <= 0 {
                var code: Int32 = 0
                let msg = gzerror(g, &code).map { String(cString: $0) } ?? "unknown error"
                if code == Z_BUF_ERROR {
                    throw ImportFileError(file: path, message: "truncated gzip: the compressed data ends after \(offset) uncompressed bytes")
                }
                if n < 0 || code != Z_OK { throw ImportFileError(file: path, message: "corrupt gzip: \(msg)") }
            }
            offset += Int64(n)
            return Int(n)
        }
        return 0
    }

    /// SHA-256 (hex) of the bytes on disk; for gzip the compressed file is hashed in a second pass.
    func sha256() throws -> String {
        if let d = digest { return d }
        if isGzip {
            guard let f = fopen(path, "rb") else {
                throw ImportFileError(file: path, message: "cannot reopen to hash: \(String(cString: strerror(errno)))")
            }
            defer { fclose(f) }
            let chunk = 1 << 18
            let buf = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
            defer { buf.deallocate() }
            while true {
                let n = fread(buf, 1, chunk, f)
                if n == 0 { break }
                hasher.update(UnsafeRawBufferPointer(start: buf, count: n))
            }
        }
        var finished = SHA256()
        swap(&finished, &hasher)
        let d = finished.finalizeHex()
        digest = d
        return d
    }
}
