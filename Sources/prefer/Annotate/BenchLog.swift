import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opt-in timing log for scripts/bench_annotate.sh: with `PREFER_BENCH_LOG=path` set, appends
/// "event microseconds" lines (CLOCK_MONOTONIC, the clock Python's time.monotonic reads). Unset, it is never created.
final class BenchLog {
    private let handle: FileHandle
    /// Times of the key being handled, waiting for its frame to be drawn.
    private var keyReceived: UInt64?
    private var keyCommitted: UInt64?
    private var firstFrameLogged = false

    /// A log when the variable names a writable file; nil (and no cost) otherwise.
    static func fromEnvironment(_ env: [String: String]) -> BenchLog? {
        guard let path = env["PREFER_BENCH_LOG"], !path.isEmpty else { return nil }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let h = FileHandle(forWritingAtPath: path) else { return nil }
        h.seekToEndOfFile()
        return BenchLog(handle: h)
    }

    private init(handle: FileHandle) { self.handle = handle }

    /// Microseconds on the monotonic clock.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }

    /// Writes one "event t1 t2 ..." line.
    func write(_ event: String, _ times: UInt64...) {
        let line = ([event] + times.map(String.init)).joined(separator: " ") + "\n"
        handle.write(Data(line.utf8))
    }

    func keyWasReceived() { keyReceived = Self.now(); keyCommitted = nil }
    func storeCommitted() { keyCommitted = Self.now() }

    /// Logs the first frame, and the pending key's received -> committed -> drawn times.
    func frameDrawn() {
        let t = Self.now()
        if !firstFrameLogged { firstFrameLogged = true; write("first_frame", t) }
        if let k = keyReceived {
            write("key", k, keyCommitted ?? 0, t)
            keyReceived = nil
        }
    }
}
