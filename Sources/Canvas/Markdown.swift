/// A small markdown-ish renderer for the guidelines pane: `#` headings in the heading style,
/// list items (`-`, `*`, `+`, `1.`) with a hanging indent, fenced code blocks clipped as in
/// `TextWrapper`, and `**bold**`. Each source line is its own paragraph (guidelines are written
/// line by line; joining soft breaks is not worth the surprises).
public enum Markdown {
    /// Sanitises and renders `text` in lines of at most `width` columns.
    public static func render(_ text: String, width: Int, styles: TextStyles = TextStyles(), mode: GlyphMode = .unicode) -> [Line] {
        let lines = TextWrapper.splitLines(Sanitizer.spans(text, styles: styles, mode: mode))
        return TextWrapper.layoutBlocks(lines, width: width, styles: styles, mode: mode) { line in
            prose(line, width: width, styles: styles, mode: mode)
        }
    }

    static func prose(_ line: [Span], width: Int, styles: TextStyles, mode: GlyphMode) -> [Line] {
        let plain = line.map(\.text).joined()
        let indent = plain.prefix { $0 == " " }.count
        let body = plain.dropFirst(indent)
        if let hashes = headingLevel(body) {
            let rest = dropPrefix(line, count: indent + hashes).map { Span($0.text, style: $0.style == styles.marker ? $0.style : styles.heading) }
            return TextWrapper.wrap(trimLeadingSpaces(rest), width: width)
        }
        if let (markerLength, bullet) = listMarker(body, mode: mode) {
            let prefix = String(repeating: " ", count: indent) + bullet + " "
            let prefixWidth = DisplayWidth.of(prefix)
            let rest = bold(trimLeadingSpaces(dropPrefix(line, count: indent + markerLength)), styles: styles)
            let wrapped = TextWrapper.wrap(rest, width: max(1, width - prefixWidth))
            return wrapped.enumerated().map { index, l in
                Line([Span(index == 0 ? prefix : String(repeating: " ", count: prefixWidth), style: styles.text)] + l.spans)
            }
        }
        return TextWrapper.wrap(bold(line, styles: styles), width: width)
    }

    /// Number of `#` of a heading line (`# Title`), or nil.
    static func headingLevel(_ body: Substring) -> Int? {
        let hashes = body.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), body.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// Length of a list marker including its space, and the bullet to draw for it.
    static func listMarker(_ body: Substring, mode: GlyphMode) -> (Int, String)? {
        if let first = body.first, "-*+".contains(first), body.dropFirst().first == " " {
            return (2, mode == .ascii ? "-" : "\u{2022}")
        }
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3, body.dropFirst(digits.count).hasPrefix(". ") {
            return (digits.count + 2, digits + ".")
        }
        return nil
    }

    /// Spans with the first `count` characters removed.
    static func dropPrefix(_ spans: [Span], count: Int) -> [Span] {
        var remaining = count
        var out: [Span] = []
        for span in spans {
            if remaining >= span.text.count { remaining -= span.text.count; continue }
            out.append(Span(String(span.text.dropFirst(remaining)), style: span.style))
            remaining = 0
        }
        return out
    }

    static func trimLeadingSpaces(_ spans: [Span]) -> [Span] {
        let n = spans.map(\.text).joined().prefix { $0 == " " }.count
        return dropPrefix(spans, count: n)
    }

    /// Splits text spans at `**`, toggling bold; markers are left alone. An unclosed `**` is kept.
    static func bold(_ spans: [Span], styles: TextStyles) -> [Span] {
        let pairs = spans.filter { $0.style != styles.marker }.map { $0.text.components(separatedBy: "**").count - 1 }.reduce(0, +)
        guard pairs >= 2 else { return spans }
        var out: [Span] = []
        var isBold = false
        var toggles = pairs - pairs % 2
        for span in spans {
            guard span.style != styles.marker else { out.append(span); continue }
            let parts = span.text.components(separatedBy: "**")
            for (i, part) in parts.enumerated() {
                if i > 0 {
                    if toggles > 0 { isBold.toggle(); toggles -= 1 } else { out.append(Span("**", style: span.style)) }
                }
                if !part.isEmpty { out.append(Span(part, style: isBold ? span.style.bolded() : span.style)) }
            }
        }
        return out
    }
}
