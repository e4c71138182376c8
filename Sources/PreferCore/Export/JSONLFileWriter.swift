import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that is complete or absent: writes lines to `<target>.tmp-<pid>` beside the target through a
/// fixed buffer (constant memory), hashes the bytes as they go, and renames over the target on `commit()`.
/// `abort()`, or dropping the writer without committing, removes the temporary file; a crash can leave
/// only that temporary file, never a partial file at the target path.
public final class JSONLFileWriter {
    /// Where the file appears on commit.
    public let targetURL: URL
    /// Where it is written until then.
    public let temporaryURL: URL
    /// Lines written so far.
    public private(set) var rows = 0
    /// Bytes written so far (buffered ones included).
    public private(set) var bytes: Int64 = 0

    private var fd: Int32
    private var buffer: [UInt8]
    private let capacity: Int
    private var hasher: SHA256? = SHA256()
    private var finished = false
    /// Early writeback: every `syncStep` bytes an fdatasync runs on `syncQueue`, so that the fsync before the
    /// rename waits for the last few megabytes only, not for a whole large file (0.2 s for 450 MB here).
    /// It changes no durability promise: the final fsync still runs. Drained before the descriptor closes.
    private let syncQueue = DispatchQueue(label: "prefer.export.writeback")
    private let syncStep: Int64 = 64 << 20
    private var syncRequested: Int64 = 0

    /// Creates (or truncates) the temporary file; throws when its folder is not writable.
    public init(target: URL, bufferCapacity: Int = 1 << 20) throws {
        targetURL = target
        temporaryURL = URL(fileURLWithPath: target.path + ".tmp-\(getpid())")
        capacity = max(bufferCapacity, 1)
        buffer = []
        buffer.reserveCapacity(capacity)
        fd = open(temporaryURL.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw ExportFileError(path: temporaryURL.path, action: "create", errno: errno) }
    }

    deinit { if !finished { abort() } }

    /// Appends one line; a newline is added. A line must not contain a raw newline itself.
    public func writeLine(_ line: [UInt8]) throws {
        guard !finished, fd >= 0 else { throw ExportFileError(path: temporaryURL.path, action: "write to a finished", errno: EBADF) }
        guard !line.contains(0x0A) else {
            throw ExportFileError(path: temporaryURL.path, action: "write a line containing a newline to", errno: EINVAL)
        }
        if buffer.count + line.count + 1 > capacity { try flush() }
        if line.count + 1 > capacity {
            try writeOut(line)     // a line larger than the buffer goes straight through
            try writeOut([0x0A])
        } else {
            buffer.append(contentsOf: line)
            buffer.append(0x0A)
        }
        rows += 1
        bytes += Int64(line.count + 1)
    }

    /// Appends `count` lines already encoded and each ended by a newline (as `ExportEncoder` writes them).
    public func writeLines(_ lines: [UInt8], count: Int) throws {
        guard !finished, fd >= 0 else { throw ExportFileError(path: temporaryURL.path, action: "write to a finished", errno: EBADF) }
        if buffer.count + lines.count > capacity { try flush() }
        if lines.count > capacity { try writeOut(lines) } else { buffer.append(contentsOf: lines) }
        rows += count
        bytes += Int64(lines.count)
    }

    /// Flushes, fsyncs and closes the temporary file, so that `commit()` only has to rename it. Calling it
    /// on every file of an export first keeps the window in which some files are renamed and others not short.
    public func prepareCommit() throws {
        guard !finished else { throw ExportFileError(path: temporaryURL.path, action: "commit a finished", errno: EBADF) }
        guard fd >= 0 else { return }
        do {
            try flush()
            syncQueue.sync {}  // no early writeback still running on the descriptor
            if fsync(fd) != 0 { throw ExportFileError(path: temporaryURL.path, action: "fsync", errno: errno) }
            let closed = close(fd)
            fd = -1
            if closed != 0 { throw ExportFileError(path: temporaryURL.path, action: "close", errno: errno) }
        } catch {
            abort()
            throw error
        }
    }

    /// Prepares if needed, renames the file over the target and fsyncs the folder; returns what was written.
    public func commit() throws -> WrittenFile {
        try prepareCommit()
        if rename(temporaryURL.path, targetURL.path) != 0 {
            let failure = ExportFileError(path: targetURL.path, action: "rename the temporary file onto", errno: errno)
            abort()
            throw failure
        }
        finished = true
        syncFolder()
        let sha = hasher.take()?.finalizeHex() ?? ""
        return WrittenFile(url: targetURL, rows: rows, bytes: bytes, sha256: sha)
    }

    /// Discards everything: closes and removes the temporary file. The target is left as it was.
    public func abort() {
        finished = true
        if fd >= 0 {
            syncQueue.sync {}
            close(fd)
            fd = -1
        }
        unlink(temporaryURL.path)
    }

    /// Writes the buffer out and hashes it.
    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
        if bytes - syncRequested >= syncStep {
            syncRequested = bytes
            let descriptor = fd
            syncQueue.async { _ = fdatasync(descriptor) }  // a hint: its failure is left to the final fsync
        }
    }

    /// Writes bytes to the file, retrying short writes and EINTR, and feeds them to the hash.
    private func writeOut(_ data: [UInt8]) throws {
        try data.withUnsafeBytes { raw in
            hasher?.update(raw)
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { return }
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ExportFileError(path: temporaryURL.path, action: "write", errno: errno)
                }
                offset += n
            }
        }
    }

    /// Makes the rename durable; failure here only weakens durability, so it is not an error.
    private func syncFolder() {
        let dir = open(targetURL.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }
}

/// A committed export file.
public struct WrittenFile: Hashable, Sendable {
    public var url: URL
    public var rows: Int
    public var bytes: Int64
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
}

/// A file-system failure while writing an export, naming the path and the system's reason.
public struct ExportFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var action: String
    public var errno: Int32
    public var description: String { "cannot \(action) file \(path): \(String(cString: strerror(errno)))" }
}
