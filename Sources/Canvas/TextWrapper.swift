/// Lays out untrusted text for a pane: sanitise, split at newlines, word-wrap prose, clip code.
///
/// Design: layout is eager and linear in the text length (each grapheme is measured once and
/// copied at most twice), so a 1 MB response lays out in one pass; a pane caches the result per
/// (text, width) and re-lays out only on resize.
public enum TextWrapper {
    /// Sanitises `text` and lays it out in lines of at most `width` columns. Fenced code blocks
    /// (```` ``` ```` or `~~~` lines) keep their indentation and are clipped, not wrapped.
    public static func layout(_ text: String, width: Int, styles: TextStyles = TextStyles(), mode: GlyphMode = .unicode) -> [Line] {
        layoutBlocks(splitLines(Sanitizer.spans(text, styles: styles, mode: mode)), width: width, styles: styles, mode: mode) {
            wrap($0, width: width)
        }
    }

    /// Shared by `layout` and the markdown renderer: fences toggle code mode; code lines are
    /// clipped, other lines go to `prose`.
    static func layoutBlocks(_ lines: [[Span]], width: Int, styles: TextStyles, mode: GlyphMode,
                             prose: ([Span]) -> [Line]) -> [Line] {
        var out: [Line] = []
        var inCode = false
        for line in lines {
            let isFence = isFenceLine(line)
            if inCode || isFence {
                let styled = line.map { $0.style == styles.marker ? $0 : Span($0.text, style: styles.code) }
                out.append(clip(styled, width: width, marker: Span(mode == .ascii ? ">" : "\u{2192}", style: styles.marker)))
                if isFence { inCode.toggle() }
            } else {
                out.append(contentsOf: prose(line))
            }
        }
        return out
    }

    static func isFenceLine(_ line: [Span]) -> Bool {
        let text = line.map(\.text).joined().drop { $0 == " " }
        return text.hasPrefix("```") || text.hasPrefix("~~~")
    }

    /// Splits spans at `\n` into logical lines (an empty text gives one empty line).
    public static func splitLines(_ spans: [Span]) -> [[Span]] {
        var lines: [[Span]] = [[]]
        for span in spans {
            var parts = span.text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
            if let first = parts.next(), !first.isEmpty { lines[lines.count - 1].append(Span(String(first), style: span.style)) }
            while let part = parts.next() {
                lines.append(part.isEmpty ? [] : [Span(String(part), style: span.style)])
            }
        }
        return lines
    }

    /// Word-wraps one logical line of sanitised spans at `width` columns: breaks after spaces,
    /// hard-breaks words longer than the width, never splits a grapheme or a wide character, expands
    /// tabs to the next multiple of 4 and drops the spaces at a break. Always returns at least one line.
    public static func wrap(_ spans: [Span], width: Int) -> [Line] {
        let width = max(1, width)
        var builder = WrapBuilder(width: width, styles: spans.map(\.style))
        for (index, span) in spans.enumerated() {
            for ch in span.text { builder.add(ch, style: index) }
        }
        return builder.finish()
    }

    /// Cuts a line at `width` columns; if anything was cut, the last column shows `marker` and a
    /// wide character that would straddle the cut becomes a space. Tabs expand to multiples of 4.
    public static func clip(_ spans: [Span], width: Int, marker: Span) -> Line {
        var line = Line()
        var col = 0
        var cut = false
        outer: for span in spans {
            for ch in span.text {
                let isTab = ch == "\t"
                let w = isTab ? 4 - col % 4 : DisplayWidth.of(ch)
                if col + w > width { cut = true; break outer }
                if isTab { line.append(String(repeating: " ", count: w), style: span.style) } else { line.append(ch, style: span.style) }
                col += w
            }
        }
        guard cut, width > 0 else { return line }
        // Make room for the marker: drop graphemes from the end until one column is free.
        var trimmed = Line()
        var used = 0
        for span in line.spans {
            for ch in span.text {
                let w = DisplayWidth.of(ch)
                if used + w > width - 1 {
                    if used < width - 1 { trimmed.append(" ", style: span.style); used += 1 }
                    break
                }
                trimmed.append(ch, style: span.style)
                used += w
            }
            if used >= width - 1 { break }
        }
        while used < width - 1 { trimmed.append(" ", style: marker.style); used += 1 }
        trimmed.append(marker.text, style: marker.style)
        return trimmed
    }
}

/// Greedy line filling behind `TextWrapper.wrap`.
struct WrapBuilder {
    private typealias Item = (ch: Character, width: Int, style: Int)
    let width: Int
    let styles: [Style]
    private var items: [Item] = []
    private var lineWidth = 0
    private var lastBreak: Int? = nil
    private var lines: [Line] = []

    init(width: Int, styles: [Style]) { self.width = width; self.styles = styles }

    mutating func add(_ ch: Character, style: Int) {
        if ch == "\t" {
            for _ in 0..<(4 - lineWidth % 4) { addSpace(style) }
            return
        }
        if ch == " " { addSpace(style); return }
        let w = DisplayWidth.of(ch)
        if lineWidth + w > width {
            if let b = lastBreak, b > 0 {
                let carry = items[b...]
                emit(items[..<b])
                items = Array(carry)
                lineWidth = items.reduce(0) { $0 + $1.width }
            }
            if lineWidth + w > width { emit(items[...]); items = []; lineWidth = 0 }
            lastBreak = nil
        }
        items.append((ch, w, style))
        lineWidth += w
    }

    private mutating func addSpace(_ style: Int) {
        if lineWidth + 1 > width {
            emit(items[...]); items = []; lineWidth = 0; lastBreak = nil
            return
        }
        items.append((" ", 1, style))
        lineWidth += 1
        lastBreak = items.count
    }

    private mutating func emit(_ slice: ArraySlice<Item>) {
        var end = slice.endIndex
        while end > slice.startIndex, slice[end - 1].ch == " " { end -= 1 }
        var line = Line()
        for item in slice[slice.startIndex..<end] { line.append(item.ch, style: styles[item.style]) }
        lines.append(line)
    }

    mutating func finish() -> [Line] {
        if !items.isEmpty || lines.isEmpty { emit(items[...]) }
        items = []
        return lines
    }
}
