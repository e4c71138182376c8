import Canvas
import PreferCore

/// Turns untrusted text into pane lines: sanitise (Canvas `Sanitizer`), optionally highlight
/// diff words, then wrap prose and clip fenced code (Canvas `TextWrapper`).
enum PaneText {
    /// Lays out sanitised spans: fenced code lines keep their indentation and are clipped with a
    /// marker, other lines are word-wrapped. Same rules as `TextWrapper.layout`, but it accepts
    /// spans so diff highlighting survives layout.
    static func layout(_ spans: [Span], width: Int, styles: TextStyles, mode: GlyphMode) -> [Line] {
        let marker = Span(mode == .ascii ? ">" : "\u{2192}", style: styles.marker)
        var out: [Line] = []
        var inCode = false
        for line in TextWrapper.splitLines(spans) {
            let text = line.map(\.text).joined().drop { $0 == " " }
            let isFence = text.hasPrefix("```") || text.hasPrefix("~~~")
            if inCode || isFence {
                let styled = line.map { $0.style == styles.text ? Span($0.text, style: styles.code) : $0 }
                out.append(TextWrapper.clip(styled, width: max(0, width), marker: marker))
                if isFence { inCode.toggle() }
            } else {
                out += TextWrapper.wrap(line, width: width)
            }
        }
        return out
    }

    /// Words (runs of non-whitespace) of sanitised spans, as the diff compares them.
    static func words(_ spans: [Span]) -> [Substring] {
        spans.map(\.text).joined().split(whereSeparator: \.isWhitespace)
    }

    /// Restyles the characters of the words whose index is in `differing` (text spans only;
    /// markers keep their style).
    static func highlight(_ spans: [Span], differing: Set<Int>, style: Style, textStyle: Style) -> [Span] {
        guard !differing.isEmpty else { return spans }
        var out: [Span] = []
        var run = ""
        var runStyle = textStyle
        var word = -1
        var inWord = false
        for span in spans {
            for ch in span.text {
                if ch.isWhitespace { inWord = false } else if !inWord { inWord = true; word += 1 }
                let wanted = inWord && span.style == textStyle && differing.contains(word) ? style : span.style
                if wanted != runStyle, !run.isEmpty { out.append(Span(run, style: runStyle)); run = "" }
                runStyle = wanted
                run.append(ch)
            }
        }
        if !run.isEmpty { out.append(Span(run, style: runStyle)) }
        return out
    }

    /// The conversation: a role line per message, then its text; long system prompts folded to
    /// their first `foldedLines` lines when `folded`.
    static func prompt(_ messages: [Message], width: Int, theme: Theme, mode: GlyphMode, folded: Bool) -> [Line] {
        let styles = TextStyles(theme: theme)
        var out: [Line] = []
        for (index, message) in messages.enumerated() {
            if index > 0 { out.append(Line()) }
            let role = Sanitizer.plainText(message.role, mode: mode)
            let roleStyle: Style
            switch message.role.lowercased() {
            case "user": roleStyle = theme[.roleUser]
            case "assistant": roleStyle = theme[.roleAssistant]
            case "system": roleStyle = theme[.roleSystem]
            default: roleStyle = theme[.dim]
            }
            out += TextWrapper.wrap([Span((mode == .ascii ? "> " : "\u{25B8} ") + role, style: roleStyle.bolded())], width: width)
            let body = layout(Sanitizer.spans(message.content, styles: styles, mode: mode), width: width, styles: styles, mode: mode)
            if folded, message.role.lowercased() == "system", body.count > foldedLines + 1 {
                out += body.prefix(foldedLines)
                let more = "\(mode == .ascii ? "..." : "\u{2026}") \(body.count - foldedLines) more lines, press f to unfold"
                out += TextWrapper.wrap([Span(more, style: styles.marker)], width: width)
            } else {
                out += body
            }
        }
        return out
    }

    /// Lines of a folded system prompt left visible.
    static let foldedLines = 3
}

/// Layouts and diffs cached per item, so a 1 MB response is wrapped once per width, not once
/// per key press. A reference type inside the value-type state: entries are keyed by every
/// input, so copies of the state sharing it cannot see wrong data.
final class RenderCache {
    struct Key: Hashable {
        var pane: Int
        var width: Int
        var diff: Bool
        var folded: Bool
        var mode: GlyphMode
        var theme: Theme
    }
    private var lines: [Key: [Line]] = [:]
    /// Theme and glyph mode of the last render: `handle` measures line counts with them.
    var lastTheme = Theme.builtinMono
    var lastMode = GlyphMode.unicode
    private var diffs: [GlyphMode: WordDiff.Result] = [:]

    func lines(_ key: Key, make: () -> [Line]) -> [Line] {
        if let hit = lines[key] { return hit }
        if lines.count > 24 { lines.removeAll() }
        let made = make()
        lines[key] = made
        return made
    }

    func diff(mode: GlyphMode, make: () -> WordDiff.Result) -> WordDiff.Result {
        if let hit = diffs[mode] { return hit }
        let made = make()
        diffs[mode] = made
        return made
    }
}
