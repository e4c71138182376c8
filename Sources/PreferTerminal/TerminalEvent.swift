import Canvas

/// What `Terminal.nextEvent(timeout:)` returns to the run loop.
public enum TerminalEvent: Hashable, Sendable {
    /// A decoded key press.
    case key(KeyEvent)
    /// The terminal was resized; the new size. The next `draw` repaints everything.
    case resize(width: Int, height: Int)
    /// SIGINT, SIGTERM or SIGHUP arrived: finish up, call `shutdown()` and exit.
    case signal(Int32)
    /// The timeout passed without input.
    case timeout
}

/// Why a terminal could not be started.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// ncurses could not set up the terminal (unknown TERM, for example).
    case initFailed(term: String)

    /// A message for the user.
    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal for the interactive screens"
        case .initFailed(let term): return "could not start the terminal UI (TERM=\(term)); try TERM=xterm-256color"
        }
    }
}
