import CNcurses
import CTerminalGuard
import Canvas
import Foundation

/// The ncurses screen: start-up, drawing a `Buffer`, reading events, and restoring the terminal.
/// One per process (ncurses is global). Always call `shutdown()` (also done by `deinit`).
public final class Terminal {
    /// Columns and rows, refreshed on resize.
    public private(set) var size: (width: Int, height: Int)
    /// `.ascii` when the locale is not UTF-8.
    public let glyphMode: GlyphMode
    /// The colour tier drawing uses; themes should be downgraded to it.
    public let colorTier: ColorTier
    /// Start-up warnings for the app to show (non-UTF-8 locale).
    public let warnings: [String]

    private var pairs: ColorPairRegistry
    private var lastFrame: Buffer?
    private var cursorPosition: (x: Int, y: Int)?
    private var isActive = true
    private let screen: OpaquePointer

    /// Sets the locale, starts ncurses in cbreak/noecho/keypad mode with a 25 ms ESC delay,
    /// hides the cursor, keeps the terminal's default colours, and installs signal handlers.
    /// Ctrl-C/Ctrl-Z keep their usual meaning: SIGINT arrives as `.signal`, Ctrl-Z suspends.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        let codeset = cn_codeset().map { String(cString: $0) } ?? "unknown"
        glyphMode = TerminalCapabilities.glyphMode(codeset: codeset)
        warnings = TerminalCapabilities.localeWarning(codeset: codeset).map { [$0] } ?? []
        // Before newterm, so ncurses leaves SIGINT/SIGTERM to us instead of exiting itself.
        tg_install()
        set_escdelay(25)
        guard let screen = cn_newterm() else {
            tg_uninstall()
            throw .initFailed(term: environment["TERM"] ?? "")
        }
        self.screen = screen
        tg_set_active(1)
        _ = tg_capture_stderr()
        cbreak()
        noecho()
        _ = cn_keypad(true)
        curs_set(0)
        var tier = ColorTier.mono
        if has_colors() {
            start_color()
            use_default_colors()
            tier = TerminalCapabilities.colorTier(environment: environment, hasColors: true, colors: Int(cn_colors()))
        }
        colorTier = tier
        pairs = ColorPairRegistry(colorPairs: tier == .mono ? 0 : Int(cn_color_pairs()))
        size = (Int(cn_width()), Int(cn_height()))
    }

    deinit { shutdown() }

    /// Restores the terminal (endwin), replays anything written to stderr meanwhile and removes
    /// the signal handlers. Safe to call more than once.
    public func shutdown() {
        guard isActive else { return }
        isActive = false
        tg_restore()
        tg_uninstall()
        delscreen(screen)
    }

    /// Where a text field wants the visible cursor on the next `draw`; nil hides it.
    public func cursor(at position: (x: Int, y: Int)?) {
        cursorPosition = position
    }

    /// Makes the next `draw` repaint every cell and clear the screen (e.g. for Ctrl-L).
    public func invalidate() {
        lastFrame = nil
        clearok(cn_stdscr(), true)
    }

    /// Draws the cells that changed since the last frame (everything after a resize or
    /// `invalidate()`), places the cursor, and refreshes once.
    public func draw(_ buffer: Buffer) {
        guard isActive else { return }
        let previous: Buffer
        if let lastFrame { previous = lastFrame } else {
            werase(cn_stdscr())
            previous = Buffer(width: 0, height: 0)
        }
        for change in buffer.diff(from: previous) where change.x < size.width && change.y < size.height {
            let fitsWide = change.x + 1 < size.width
            let isWide = buffer[change.x + 1, change.y].isContinuation && change.x + 1 < buffer.width
            put(change.cell, x: change.x, y: change.y, wide: isWide, fitsWide: fitsWide)
        }
        if let (x, y) = cursorPosition, x >= 0, y >= 0, x < size.width, y < size.height {
            wmove(cn_stdscr(), Int32(y), Int32(x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(cn_stdscr())
        lastFrame = buffer
    }

    /// Waits for the next event: a key, a resize, a quit signal, or `.timeout` after `timeout`
    /// milliseconds (nil waits as long as it takes, without using CPU while idle).
    public func nextEvent(timeout: Int?) -> TerminalEvent {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + .milliseconds(max(0, $0)) }
        while true {
            if let event = pendingSignal() { return event }
            // Wait in slices of at most a second, so a signal landing just before the blocking
            // read starts is still noticed promptly.
            var slice: Int32 = 1000
            if let deadline {
                let left = clock.now.duration(to: deadline).components
                let ms = left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000
                slice = Int32(max(0, min(1000, ms)))
            }
            _ = cn_timeout(slice)
            guard let raw = readRaw() else {
                if let event = pendingSignal() { return event }
                if let deadline, clock.now >= deadline { return .timeout }
                continue
            }
            if raw == .keyCode(KEY_RESIZE) { return resized() }
            guard raw == .character(KeyDecoder.escape) else { return .key(KeyDecoder.event(raw, next: nil)) }
            _ = cn_timeout(0)
            let next = readRaw()
            if next == .keyCode(KEY_RESIZE) {
                ungetch(KEY_RESIZE)
                return .key(KeyEvent(.esc))
            }
            return .key(KeyDecoder.event(raw, next: next))
        }
    }

    private func pendingSignal() -> TerminalEvent? {
        let sig = tg_take_signal()
        return sig == 0 ? nil : .signal(sig)
    }

    private func readRaw() -> RawInput? {
        var value: UInt32 = 0
        switch cn_get_wch(&value) {
        case OK: return .character(value)
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: value))
        default: return nil
        }
    }

    private func resized() -> TerminalEvent {
        size = (Int(cn_width()), Int(cn_height()))
        invalidate()
        return .resize(width: size.width, height: size.height)
    }

    /// Draws one cell with setcchar + mvadd_wch. A wide grapheme that does not fit at the right
    /// edge becomes a space; in ASCII mode non-ASCII becomes `?`.
    private func put(_ cell: Cell, x: Int, y: Int, wide: Bool, fitsWide: Bool) {
        var symbol = cell.symbol.isEmpty ? " " : cell.symbol
        if wide && !fitsWide { symbol = " " }
        if glyphMode == .ascii && !symbol.unicodeScalars.allSatisfy(\.isASCII) {
            symbol = "?"
            if wide && fitsWide { put(Cell("?", style: cell.style), x: x + 1, y: y, wide: false, fitsWide: true) }
        }
        let (attrs, pair) = attributes(for: cell.style)
        let scalars = symbol.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        let limit = Int(cn_ccharw_max()) - 1
        // A grapheme with more code points than a cchar_t holds, or that ncurses rejects
        // (e.g. an emoji ZWJ sequence), is drawn as its first code point.
        for candidate in [Array(scalars.prefix(limit)), Array(scalars.prefix(1)), [wchar_t(63)]] {
            let text = candidate + [0]
            if text.withUnsafeBufferPointer({ cn_put_cell(Int32(y), Int32(x), $0.baseAddress, attrs, pair) }) == OK {
                return
            }
            // The bottom-right cell reports ERR (the cursor cannot advance) though it was drawn.
            if x == size.width - 1 && y == size.height - 1 { return }
        }
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        let s = style.downgraded(to: colorTier)
        var attrs = cn_a_normal()
        if s.bold { attrs |= cn_a_bold() }
        if s.dim { attrs |= cn_a_dim() }
        if s.italic { attrs |= cn_a_italic() }
        if s.underline { attrs |= cn_a_underline() }
        if s.reverse { attrs |= cn_a_reverse() }
        guard colorTier != .mono else { return (attrs, 0) }
        let fg = TerminalCapabilities.colorNumber(s.fg, tier: colorTier)
        let bg = TerminalCapabilities.colorNumber(s.bg, tier: colorTier)
        let assignment = pairs.assign(fg: fg, bg: bg)
        if assignment.isNew { init_pair(assignment.pair, Int16(fg), Int16(bg)) }
        return (attrs, assignment.pair)
    }
}
