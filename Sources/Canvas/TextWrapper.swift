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
            // Split on the newline byte: faster than by Character, and a newline never combines.
            var parts = span.text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).makeIterator()
            if let first = parts.next(), !first.isEmpty { lines[lines.count - 1].append(Span(String(Substring(first)), style: span.style)) }
            while let part = parts.next() {
                lines.append(part.isEmpty ? [] : [Span(String(Substring(part)), style: span.style)])
            }
        }
        return lines
    }

    /// Word-wraps one logical line of sanitised spans at `width` columns: breaks after spaces,
    /// hard-breaks words longer than the width, never splits a grapheme or a wide character, expands
    /// tabs to the next multiple of 4 and drops the spaces at a break. Always returns at least one line.
    public static func wrap(_ spans: [Span], width: Int) -> [Line] {
        let width = max(1, width)
        var builder = WrapBuilder(width: width, spans: spans)
        return builder.run()
    }

    /// Cuts a line at `width` columns; if anything was cut, the last column shows `marker` and a
    /// wide character that would straddle the cut becomes a space. Tabs expand to multiples of 4.
    public static func clip(_ spans: [Span], width: Int, marker: Span) -> Line {
        var line = Line()
        var col = 0
        var cut = false
        // What fits in width - 1 columns, kept in case the marker is needed.
        var beforeMarker: (line: Line, col: Int)? = nil
        for span in spans {
            var runStart = span.text.startIndex
            Grapheme.scan(span.text) { g in
                let w = g.kind == .tab ? 4 - col % 4 : g.width
                if beforeMarker == nil, col + w > width - 1 {
                    var copy = line
                    copy.append(String(span.text[runStart..<g.start]), style: span.style)
                    beforeMarker = (copy, col)
                }
                if col + w > width { cut = true; return false }
                if g.kind == .tab {
                    line.append(String(span.text[runStart..<g.start]), style: span.style)
                    line.append(String(repeating: " ", count: w), style: span.style)
                    runStart = g.end
                }
                col += w
                return true
            }
            if cut { break }
            line.append(String(span.text[runStart...]), style: span.style)
        }
        guard cut, width > 0, var (trimmed, used) = beforeMarker else { return line }
        // A wide character that would straddle the marker column becomes a space.
        while used < width - 1 { trimmed.append(" ", style: marker.style); used += 1 }
        trimmed.append(marker.text, style: marker.style)
        return trimmed
    }
}

/// Greedy line filling behind `TextWrapper.wrap`. Items are ranges of the spans' text, not
/// copied graphemes, so a line is emitted as substrings; ASCII runs skip grapheme breaking.
struct WrapBuilder {
    private struct Item {
        var start: String.Index
        var end: String.Index
        var width: Int
        var span: Int
        var isTab: Bool
        var isSpace: Bool
    }
    let width: Int
    let spans: [Span]
    private var items: [Item] = []
    private var lineWidth = 0
    private var lastBreak: Int? = nil
    private var lines: [Line] = []

    init(width: Int, spans: [Span]) { self.width = width; self.spans = spans }

    /// Feeds every grapheme of every span.
    mutating func run() -> [Line] {
        for (index, span) in spans.enumerated() {
            Grapheme.scan(span.text) { g in
                switch g.kind {
                case .space: addBreak(g.start, g.end, span: index, isTab: false)
                case .tab: addBreak(g.start, g.end, span: index, isTab: true)
                case .other: add(g.start, g.end, width: g.width, span: index)
                }
                return true
            }
        }
        return finish()
    }

    private mutating func add(_ start: String.Index, _ end: String.Index, width w: Int, span: Int) {
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
        items.append(Item(start: start, end: end, width: w, span: span, isTab: false, isSpace: false))
        lineWidth += w
    }

    /// A space or a tab (which advances to the next multiple of 4); a break that does not fit
    /// ends the line and is dropped.
    private mutating func addBreak(_ start: String.Index, _ end: String.Index, span: Int, isTab: Bool) {
        let w = isTab ? 4 - lineWidth % 4 : 1
        if lineWidth + w > width {
            emit(items[...]); items = []; lineWidth = 0; lastBreak = nil
            return
        }
        items.append(Item(start: start, end: end, width: w, span: span, isTab: isTab, isSpace: true))
        lineWidth += w
        lastBreak = items.count
    }

    private mutating func emit(_ slice: ArraySlice<Item>) {
        var end = slice.endIndex
        while end > slice.startIndex, slice[end - 1].isSpace { end -= 1 }
        var line = Line()
        var k = slice.startIndex
        while k < end {
            // Join items that are adjacent in the same span into one substring.
            let first = slice[k]
            if first.isTab {
                line.append(String(repeating: " ", count: first.width), style: spans[first.span].style)
                k += 1
                continue
            }
            var last = k
            while last + 1 < end, !slice[last + 1].isTab, slice[last + 1].span == first.span, slice[last + 1].start == slice[last].end {
                last += 1
            }
            line.append(String(spans[first.span].text[first.start..<slice[last].end]), style: spans[first.span].style)
            k = last + 1
        }
        lines.append(line)
    }

    mutating func finish() -> [Line] {
        if !items.isEmpty || lines.isEmpty { emit(items[...]) }
        items = []
        return lines
    }
}

/// A grapheme cluster located in a string, with its display width.
struct Grapheme {
    /// Spaces and tabs are break opportunities; tabs also expand.
    enum Kind { case space, tab, other }
    let start: String.Index
    let end: String.Index
    let width: Int
    let kind: Kind

    /// Calls `body` for each grapheme of `text` until it returns false. An ASCII byte followed by
    /// ASCII (or the end) is a whole grapheme, so ASCII text skips grapheme breaking.
    static func scan(_ text: String, _ body: (Grapheme) -> Bool) {
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let byte = utf8[i]
            let next = utf8.index(after: i)
            let g: Grapheme
            if byte < 0x80, next == utf8.endIndex || utf8[next] < 0x80 {
                let kind: Kind = byte == 0x20 ? .space : byte == 0x09 ? .tab : .other
                g = Grapheme(start: i, end: next, width: (byte >= 0x20 && byte < 0x7F) ? 1 : 0, kind: kind)
            } else {
                let end = text.index(after: i)
                g = Grapheme(start: i, end: end, width: DisplayWidth.of(text[i]), kind: .other)
            }
            guard body(g) else { return }
            i = g.end
        }
    }
}
