/// Whether the terminal can show Unicode (a UTF-8 locale) or only ASCII.
public enum GlyphMode: Sendable {
    /// UTF-8 locale: markers like `␛`, `⟨RLO⟩`, `→`.
    case unicode
    /// No UTF-8 locale: markers like `^[`, `<U+202E>`, `>`, and non-ASCII shown as `?`.
    case ascii
}
