/// A run of text in one style. Text in a span is already sanitised (no controls, no tabs, no newlines
/// unless it is input to the wrapper).
public struct Span: Hashable, Sendable {
    /// The text.
    public var text: String
    /// Its style.
    public var style: Style

    /// Creates a span.
    public init(_ text: String, style: Style = .plain) { self.text = text; self.style = style }

    /// Display width of the text.
    public var width: Int { DisplayWidth.of(text) }
}

/// One screen line: styled spans whose total width fits the width it was laid out for.
public struct Line: Hashable, Sendable {
    /// The spans, left to right.
    public var spans: [Span]

    /// Creates a line from spans.
    public init(_ spans: [Span] = []) { self.spans = spans }

    /// Creates a line of one span.
    public init(_ text: String, style: Style = .plain) { self.spans = [Span(text, style: style)] }

    /// The text without styles.
    public var text: String { spans.map(\.text).joined() }

    /// Display width of the line.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// Appends text, merging it into the last span when the style is the same.
    public mutating func append(_ text: String, style: Style) {
        guard !text.isEmpty else { return }
        if let last = spans.indices.last, spans[last].style == style {
            spans[last].text += text
        } else {
            spans.append(Span(text, style: style))
        }
    }
}
