import Canvas

/// The bottom line of key hints, generated from the keymap table.
enum HintBar {
    /// The entries (key label, hint) shown for bindings, in order.
    static func entries(_ bindings: [KeyBinding], mode: GlyphMode) -> [(key: String, hint: String)] {
        bindings.map { ($0.keyLabel(mode: mode), $0.hint) }
    }

    /// Draws as many entries as fit; an ellipsis marks the ones left out.
    static func draw(_ bindings: [KeyBinding], into buf: inout Buffer, row: Rect, theme: Theme, mode: GlyphMode) {
        buf.fill(row, with: .blank(theme[.hint]))
        var x = row.x
        let ellipsis = mode == .ascii ? "..." : "\u{2026}"
        for (i, entry) in entries(bindings, mode: mode).enumerated() {
            let width = DisplayWidth.of(entry.key) + 1 + DisplayWidth.of(entry.hint)
            let isLast = i == bindings.count - 1
            let reserve = isLast ? 0 : DisplayWidth.of(ellipsis) + 2
            if x + width + reserve > row.right {
                buf.set(x, row.y, ellipsis, style: theme[.hint], right: row.right)
                return
            }
            x = buf.set(x, row.y, entry.key, style: theme[.hintKey], right: row.right)
            x = buf.set(x, row.y, " " + entry.hint, style: theme[.hint], right: row.right)
            x += 2
        }
    }
}

/// The `?` overlay: every binding of the keymap table, grouped.
enum HelpOverlay {
    /// Width of the key column.
    static let keyColumn = 16

    /// Inner width of the overlay box for a screen width.
    static func innerWidth(_ width: Int) -> Int { max(1, min(width - 4, 90) - 2) }

    /// Inner height of the overlay box for a screen height.
    static func innerHeight(_ height: Int) -> Int { max(1, height - 6) }

    /// The overlay's lines: a heading per group, then one entry per binding (help text wrapped
    /// beside the key column), then how the rationale field treats keys.
    static func lines(_ bindings: [KeyBinding], width: Int, theme: Theme, mode: GlyphMode) -> [Line] {
        var out: [Line] = []
        let keyWidth = min(keyColumn, max(1, width / 3))
        for (index, group) in Keymap.helpGroups(of: bindings).enumerated() {
            if index > 0 { out.append(Line()) }
            out.append(Line(group.group, style: theme[.header]))
            for binding in group.bindings {
                let label = binding.keyLabel(mode: mode)
                let helpLines = TextWrapper.wrap([Span(binding.help, style: theme[.text])], width: max(1, width - keyWidth))
                let keyLines = TextWrapper.wrap([Span(label, style: theme[.hintKey])], width: max(1, keyWidth - 1))
                for row in 0..<max(helpLines.count, keyLines.count) {
                    var line = row < keyLines.count ? keyLines[row] : Line()
                    line.append(String(repeating: " ", count: max(0, keyWidth - line.width)), style: theme[.text])
                    if row < helpLines.count { line.spans += helpLines[row].spans }
                    out.append(line)
                }
            }
        }
        out.append(Line())
        out += TextWrapper.wrap([Span("In the rationale field every other key is text. Enter submits; C-j or Alt-Enter starts a new line; Esc leaves the field.", style: theme[.dim])], width: width)
        return out
    }

    /// Draws the box centred on the screen with the lines from `offset`.
    static func draw(_ lines: [Line], offset: Int, into buf: inout Buffer, theme: Theme, mode: GlyphMode) {
        let inner = (w: innerWidth(buf.width), h: innerHeight(buf.height))
        let box = buf.area.centered(width: inner.w + 2, height: inner.h + 2)
        guard box.width >= 3, box.height >= 3 else { return }
        let border = theme[.paneBorderFocused]
        buf.fill(box, with: .blank(theme[.text]))
        let (h, v, tl, tr, bl, br) = mode == .ascii ? ("-", "|", "+", "+", "+", "+")
            : ("\u{2500}", "\u{2502}", "\u{250C}", "\u{2510}", "\u{2514}", "\u{2518}")
        buf.set(box.x, box.y, tl + String(repeating: h, count: box.width - 2) + tr, style: border)
        buf.set(box.x, box.bottom - 1, bl + String(repeating: h, count: box.width - 2) + br, style: border)
        for y in (box.y + 1)..<(box.bottom - 1) {
            buf.set(box.x, y, v, style: border)
            buf.set(box.right - 1, y, v, style: border)
        }
        buf.set(box.x + 2, box.y, " Keys - Esc closes, j/k scroll ", style: theme[.paneTitle].bolded(), right: box.right - 1)
        let start = max(0, min(offset, lines.count - inner.h))
        for row in 0..<inner.h where start + row < lines.count {
            buf.set(box.x + 1, box.y + 1 + row, line: lines[start + row], right: box.right - 1)
        }
    }
}
