import Foundation
import XCTest

/// A detached tmux session on a private socket running one command in a pane, for driving
/// `prefer-term-demo` end to end. The server is killed on `close()`/deinit.
public final class TmuxSession {
    /// tmux's path, or nil when it is not installed (tests skip).
    public static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private static let counter = Counter()
    private let tmux: String
    private let socket: String

    /// Starts `command` (run by sh) in an 80x24 pane with a pinned locale, TERM and time zone.
    /// tmux itself always runs UTF-8 (`-u`), whatever the pane's locale.
    public init(command: String, term: String = "xterm-256color", locale: String = "C.UTF-8", width: Int = 80, height: Int = 24,
                cwd: String? = nil) throws {
        guard let tmux = Self.tmuxPath else { throw XCTSkip("tmux is not installed") }
        self.tmux = tmux
        socket = "prefer-test-\(getpid())-\(Self.counter.next())"
        // Through env(1): tmux sets TERM from its default-terminal option, overriding `-e TERM=...`.
        let env = ["LANG=\(locale)", "LC_ALL=\(locale)", "TERM=\(term)", "TZ=UTC", "SWIFT_BACKTRACE=interactive=no"]
        let result = run(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"] + (cwd.map { ["-c", $0] } ?? []) + [
                          (["env"] + env + [command]).joined(separator: " ")])
        guard result.status == 0 else {
            throw NSError(domain: "TmuxSession", code: Int(result.status),
                          userInfo: [NSLocalizedDescriptionKey: "tmux new-session failed: \(result.output)"])
        }
    }

    deinit { close() }

    /// Kills the private tmux server.
    public func close() { _ = run(["kill-server"]) }

    /// Runs a tmux command against this session's socket.
    @discardableResult
    public func run(_ arguments: [String]) -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        // The pane inherits the server's environment: colour settings of whoever runs the tests must not leak in.
        environment["NO_COLOR"] = nil
        environment["COLORTERM"] = nil
        return spawnAndWait(tmux, ["-u", "-L", socket] + arguments, environment: environment)
    }

    /// Sends keys by tmux name (`Up`, `C-d`, `M-x`, `Escape`).
    public func send(_ keys: String...) { run(["send-keys"] + keys) }

    /// Resizes the window (and so the pane).
    public func resize(width: Int, height: Int) { run(["resize-window", "-x", "\(width)", "-y", "\(height)"]) }

    /// Types text literally.
    public func type(_ text: String) { run(["send-keys", "-l", text]) }

    /// The pane's text; with `history` the scrollback too, wrapped lines joined; with `escapes`
    /// the colour and attribute sequences.
    public func capture(history: Bool = false, escapes: Bool = false) -> String {
        var args = ["capture-pane", "-p"]
        if history { args += ["-S", "-", "-J"] }
        if escapes { args.append("-e") }
        return run(args).output
    }

    /// Polls the pane until `text` shows (no sleeping on a guess); fails the test after `seconds`.
    @discardableResult
    public func waitFor(_ text: String, history: Bool = false, escapes: Bool = false, seconds: Double = 10,
                 file: StaticString = #filePath, line: UInt = #line) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        repeat {
            screen = capture(history: history, escapes: escapes)
            if screen.contains(text) { return screen }
            usleep(30_000)
        } while Date() < deadline
        XCTFail("timed out waiting for \(text.debugDescription); the pane shows:\n\(screen)", file: file, line: line)
        return screen
    }
}

/// Runs a program, waits for it with waitpid and returns its status and output (via a file).
/// Not Foundation's Process: the tmux server that new-session starts inherits a descriptor
/// Process uses to watch its child, and waitUntilExit then hangs until the server exits.
public func spawnAndWait(_ path: String, _ arguments: [String], environment: [String: String]) -> (status: Int32, output: String) {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
    guard rc == 0 else { return (-1, "posix_spawn \(path) failed: \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let exited = status & 0x7F == 0
    return (exited ? (status >> 8) & 0xFF : -1, output)
}

/// Hands out distinct socket suffixes (a killed server's socket must not be reused at once).
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
