/// The styles text layout needs, usually taken from a `Theme`.
public struct TextStyles: Hashable, Sendable {
    /// Ordinary text.
    public var text: Style
    /// Sanitiser markers and clip markers (dim).
    public var marker: Style
    /// Lines inside fenced code blocks.
    public var code: Style
    /// Markdown headings.
    public var heading: Style

    /// Creates a style set.
    public init(text: Style = .plain, marker: Style = Style(dim: true), code: Style = .plain, heading: Style = Style(bold: true)) {
        self.text = text; self.marker = marker; self.code = code; self.heading = heading
    }

    /// The styles of a theme's `text`, `marker`, `code` and `header` roles.
    public init(theme: Theme) {
        self.init(text: theme[.text], marker: theme[.marker], code: theme[.code], heading: theme[.header])
    }
}

extension Sanitizer {
    /// Sanitised text as spans: text in `styles.text`, markers in `styles.marker`.
    public static func spans(_ text: String, styles: TextStyles, mode: GlyphMode = .unicode) -> [Span] {
        sanitize(text, mode: mode).map { Span($0.text, style: $0.kind == .marker ? styles.marker : styles.text) }
    }
}
