import Canvas

/// Pure decisions about what the terminal can show, taken at start-up from the environment,
/// the locale and what ncurses reports.
public enum TerminalCapabilities {
    /// The colour tier to draw with. `NO_COLOR` (set and non-empty, per no-color.org) or a terminal
    /// without colour gives `.mono`. The tier never exceeds what ncurses can emit through terminfo:
    /// a `COLORTERM=truecolor` terminal with a 256-colour TERM is drawn with 256 colours, so
    /// COLORTERM cannot raise the tier (24-bit needs a `*-direct` terminfo, not supported yet).
    public static func colorTier(environment: [String: String], hasColors: Bool, colors: Int) -> ColorTier {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .mono }
        guard hasColors, colors >= 8 else { return .mono }
        return colors >= 256 ? .palette256 : .ansi8
    }

    /// `.unicode` when the locale's codeset (`nl_langinfo(CODESET)`) is UTF-8, else `.ascii`.
    public static func glyphMode(codeset: String) -> GlyphMode {
        let normalized = codeset.lowercased().replacingOccurrences(of: "-", with: "")
        return normalized == "utf8" ? .unicode : .ascii
    }

    /// The warning shown when the locale is not UTF-8, or nil.
    public static func localeWarning(codeset: String) -> String? {
        guard glyphMode(codeset: codeset) == .ascii else { return nil }
        return "The locale's character set is \(codeset), not UTF-8: showing ASCII only. "
            + "Set LANG=C.UTF-8 (or another UTF-8 locale) to see all text."
    }

    /// The ncurses colour number for a colour already downgraded to `tier` (-1 = terminal default).
    public static func colorNumber(_ color: Color, tier: ColorTier) -> Int32 {
        switch color.downgraded(to: min(tier, .palette256)) {
        case .default: return -1
        case .ansi(let c): return Int32(c.rawValue)
        case .palette(let i): return Int32(i)
        case .rgb: return -1 // unreachable: downgraded to at most 256 colours above
        }
    }
}
