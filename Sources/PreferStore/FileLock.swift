import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a sidecar file: serialises database creation and migrations across processes
/// (two processes opening a NEW file at once otherwise both apply v1, or fail switching to WAL).
struct FileLock {
    static func withLock<T>(path: String, _ body: () throws -> T) throws -> T {
        // Read-only with 0666 (the umask decides): flock works on it, and other OS users on the host can take it too.
        let fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw StoreOpenError(message: "cannot open lock file \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw StoreOpenError(message: "cannot lock \(path): \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// The database could not be opened or migrated.
public struct StoreOpenError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
