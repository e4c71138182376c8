/// A key the UI reacts to, decoded by the terminal backend.
public enum Key: Hashable, Sendable {
    /// A printable character; `ctrl` is Ctrl held with a letter (stored lowercase).
    case char(Character), ctrl(Character)
    /// Editing and navigation keys.
    case enter, esc, backspace, delete, tab, backTab
    /// Cursor keys and paging.
    case up, down, left, right, home, end, pageUp, pageDown
    /// Function key F1-F24.
    case f(Int)
    /// The terminal was resized.
    case resize
    /// A mouse event (optional support).
    case mouse(MouseEvent)
    /// A key the backend could not decode (its raw code).
    case unknown(Int)

    /// Names accepted by `parse` for the special keys.
    static let names: [(String, Key)] = [
        ("enter", .enter), ("esc", .esc), ("backspace", .backspace), ("delete", .delete), ("tab", .tab),
        ("backtab", .backTab), ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("home", .home),
        ("end", .end), ("pageup", .pageUp), ("pagedown", .pageDown), ("resize", .resize),
    ]
    /// Extra spellings `parse` accepts.
    static let aliases: [String: Key] = [
        "return": .enter, "escape": .esc, "del": .delete, "bs": .backspace, "shift-tab": .backTab, "s-tab": .backTab,
        "pgup": .pageUp, "pgdn": .pageDown, "pgdown": .pageDown, "space": .char(" "),
    ]

    /// Parses a keymap spelling: `q`, `G`, `?`, `ctrl-d`, `C-d`, `^D`, `enter`, `esc`, `up`, `pgdn`,
    /// `shift-tab`, `f5`, `space`. Case matters only for single characters. Returns nil if unknown.
    public static func parse(_ text: String) -> Key? {
        if text.count == 1, let c = text.first { return .char(c) }
        let lower = text.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isASCII, c.isLetter { return .ctrl(c) }
            return nil
        }
        if let key = aliases[lower] ?? names.first(where: { $0.0 == lower })?.1 { return key }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { return .f(n) }
        return nil
    }

    /// How the help overlay and hint bar show the key: `C-d`, `↑`, `Enter`, `PgUp`, `F5`, `Space`.
    /// In ASCII mode arrows are spelled out (`Up`).
    public func label(mode: GlyphMode = .unicode) -> String {
        let ascii = mode == .ascii
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "C-\(c)"
        case .enter: return "Enter"
        case .esc: return "Esc"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .up: return ascii ? "Up" : "\u{2191}"
        case .down: return ascii ? "Down" : "\u{2193}"
        case .left: return ascii ? "Left" : "\u{2190}"
        case .right: return ascii ? "Right" : "\u{2192}"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .f(let n): return "F\(n)"
        case .resize: return "Resize"
        case .mouse: return "Mouse"
        case .unknown(let code): return "<\(code)>"
        }
    }
}

extension Key: CustomStringConvertible {
    /// The Unicode label (`label(mode: .unicode)`).
    public var description: String { label() }
}

/// A mouse event in buffer coordinates.
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable { case press, release, scrollUp, scrollDown }
    /// What happened.
    public var kind: Kind
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int

    /// Creates a mouse event.
    public init(kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}

/// A key press with its modifier (Alt/Meta arrives as an ESC prefix).
public struct KeyEvent: Hashable, Sendable {
    /// The key.
    public var key: Key
    /// Alt (Meta) was held.
    public var alt: Bool

    /// Creates an event.
    public init(_ key: Key, alt: Bool = false) { self.key = key; self.alt = alt }
}
