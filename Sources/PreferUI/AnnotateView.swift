import Canvas
import PreferCore

extension AnnotateState {
    /// The view: draws the whole screen into a new buffer. Never fails: too small a size gets a
    /// clear message instead of a layout.
    public func render(width: Int, height: Int, theme: Theme, mode: GlyphMode) -> Buffer {
        cache.lastTheme = theme
        cache.lastMode = mode
        var buf = Buffer(width: width, height: height)
        guard width > 0, height > 0 else { return buf }
        if Self.isTooSmall(width: width, height: height) {
            drawTooSmall(&buf, theme: theme)
            return buf
        }
        let frame = ScreenFrame(width: width, height: height, state: self)
        drawHeader(&buf, frame.header, theme: theme)
        if item == nil {
            drawDone(&buf, frame, theme: theme)
        } else {
            for pane in [AnnotateFocus.prompt, .left, .right] { drawPane(pane, &buf, frame, theme: theme, mode: mode) }
            if let divider = frame.divider {
                for y in divider.y..<divider.bottom { buf.set(divider.x, y, mode == .ascii ? "|" : "\u{2502}", style: theme[.paneBorder]) }
            }
            drawForm(&buf, frame, theme: theme, mode: mode)
        }
        drawStatus(&buf, frame.status, theme: theme, mode: mode)
        HintBar.draw(Keymap.hints(in: context, of: bindings), into: &buf, row: frame.hints, theme: theme, mode: mode)
        switch overlay {
        case .help?: HelpOverlay.draw(helpLines(width: HelpOverlay.innerWidth(width), theme: theme, mode: mode),
                                      offset: overlayOffset, into: &buf, theme: theme, mode: mode)
        case .guidelines?: drawGuidelines(&buf, frame, theme: theme, mode: mode)
        case nil: break
        }
        return buf
    }

    /// Where the terminal cursor belongs (in the rationale field or the prompt line) at the size
    /// last given to `resize`; nil when no text is being typed.
    public var cursor: (x: Int, y: Int)? {
        let (width, height) = size
        guard !Self.isTooSmall(width: width, height: height), overlay == nil else { return nil }
        let frame = ScreenFrame(width: width, height: height, state: self)
        if let prompt = linePrompt {
            let label = Self.linePromptLabel(prompt.kind)
            let col = DisplayWidth.of(Sanitizer.plainText(String(prompt.input.text.prefix(prompt.input.cursor))))
            let room = max(1, width - DisplayWidth.of(label) - 1)
            return (DisplayWidth.of(label) + min(col, room), frame.status.y)
        }
        guard context == .text, let area = formGeometry(frame).rationale, !area.isEmpty else { return nil }
        let laid = rationale.layout(width: area.width)
        let start = max(0, laid.cursorRow - area.height + 1)
        return (area.x + min(laid.cursorColumn, area.width - 1), area.y + laid.cursorRow - start)
    }

    // MARK: Content (cached)

    /// The word diff of the two responses (cached per item and glyph mode).
    func wordDiff(mode: GlyphMode) -> WordDiff.Result {
        cache.diff(mode: mode) {
            guard let item else { return WordDiff.Result(left: [], right: [], truncated: false, approximate: false) }
            let a = PaneText.words(Sanitizer.spans(item.left.text, styles: TextStyles(), mode: mode))
            let b = PaneText.words(Sanitizer.spans(item.right.text, styles: TextStyles(), mode: mode))
            return WordDiff.diff(a, b)
        }
    }

    /// The laid-out lines of a pane at a width.
    func paneLines(_ pane: AnnotateFocus, width: Int, theme: Theme, mode: GlyphMode) -> [Line] {
        guard let item else { return [] }
        let key = RenderCache.Key(pane: AnnotateFocus.allCases.firstIndex(of: pane) ?? 0, width: width,
                                  diff: pane != .prompt && diffOn, folded: pane == .prompt && folded, mode: mode, theme: theme)
        return cache.lines(key) {
            let styles = TextStyles(theme: theme)
            switch pane {
            case .prompt: return PaneText.prompt(item.prompt, width: width, theme: theme, mode: mode, folded: folded)
            case .left, .right:
                let isLeft = pane == .left
                let text = isLeft ? item.left.text : item.right.text
                // An empty response is data, not a display fault: say so.
                if text.isEmpty { return [Line(mode == .ascii ? "(empty response)" : "⟨empty response⟩", style: theme[.marker])] }
                var spans = Sanitizer.spans(text, styles: styles, mode: mode)
                if diffOn {
                    let d = wordDiff(mode: mode)
                    spans = PaneText.highlight(spans, differing: isLeft ? d.left : d.right,
                                               style: theme[isLeft ? .diffRemoved : .diffAdded], textStyle: styles.text)
                }
                return PaneText.layout(spans, width: width, styles: styles, mode: mode)
            case .form, .rationale: return []
            }
        }
    }

    /// The guidelines rendered as markdown.
    func guidelineLines(width: Int, theme: Theme, mode: GlyphMode) -> [Line] {
        let key = RenderCache.Key(pane: 90, width: width, diff: false, folded: false, mode: mode, theme: theme)
        return cache.lines(key) {
            guidelines.isEmpty
                ? [Line("(this project has no guidelines)", style: theme[.dim])]
                : Markdown.render(guidelines, width: width, styles: TextStyles(theme: theme), mode: mode)
        }
    }

    /// The help overlay's lines, generated from the keymap table.
    func helpLines(width: Int, theme: Theme, mode: GlyphMode) -> [Line] {
        HelpOverlay.lines(bindings, width: width, theme: theme, mode: mode)
    }

    // MARK: Parts

    private func drawTooSmall(_ buf: inout Buffer, theme: Theme) {
        let need = Self.minimumSize
        let message = "terminal too small: need at least \(need.width)x\(need.height), have \(buf.width)x\(buf.height)"
        let lines = TextWrapper.wrap([Span(message, style: theme[.warning])], width: buf.width)
        let top = max(0, (buf.height - lines.count) / 2)
        for (i, line) in lines.enumerated() { buf.set(0, top + i, line: line) }
    }

    private func drawHeader(_ buf: inout Buffer, _ row: Rect, theme: Theme) {
        let style = theme[.header]
        buf.fill(row, with: .blank(style))
        var parts = ["prefer", Sanitizer.plainText(projectName), "annotator: " + Sanitizer.plainText(annotator),
                     progress.summary]
        if let item { parts.append("item \(item.queuePosition + 1) of \(max(progress.assigned, item.queuePosition + 1))") }
        buf.set(row.x + 1, row.y, parts.joined(separator: " | "), style: style, right: row.right)
    }

    private func drawDone(_ buf: inout Buffer, _ frame: ScreenFrame, theme: Theme) {
        let body = Rect(x: 0, y: 1, width: buf.width, height: buf.height - 3)
        let text: [(String, Style)] = [
            (isDone ? "Queue finished - thank you!" : "Loading...", theme[.success]),
            ("", theme[.text]),
            ("You have judged \(progress.judged) of \(progress.assigned) assigned items"
                + (progress.skipped > 0 ? " and skipped \(progress.skipped)." : "."), theme[.text]),
            ("", theme[.text]),
            ("q quit   u undo the last submission   p previous item   ? help", theme[.hint]),
        ]
        let top = body.y + max(0, (body.height - text.count) / 2)
        for (i, (line, style)) in text.enumerated() {
            let x = max(0, (buf.width - DisplayWidth.of(line)) / 2)
            buf.set(x, top + i, line, style: style)
        }
    }

    private func paneTitle(_ pane: AnnotateFocus) -> String {
        switch pane {
        case .prompt: return "Prompt"
        case .left: return "A"
        default: return "B"
        }
    }

    private func drawPane(_ pane: AnnotateFocus, _ buf: inout Buffer, _ frame: ScreenFrame, theme: Theme, mode: GlyphMode) {
        let rect = pane == .prompt ? frame.prompt : (pane == .left ? frame.left : frame.right)
        guard !rect.isEmpty else { return }
        let area = frame.content(pane)
        let lines = paneLines(pane, width: area.width, theme: theme, mode: mode)
        let offset = max(0, min(offsets[pane] ?? 0, lines.count - area.height))
        let focused = focus == pane
        drawRule(&buf, Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), focused: focused, theme: theme, mode: mode)
        var title = (focused ? (mode == .ascii ? "> " : "\u{25B6} ") : "") + paneTitle(pane)
        if pane != .prompt, diffOn { title += " [diff]" }
        if pane != .prompt, synced { title += " [sync]" }
        let x = buf.set(rect.x + 1, rect.y, " \(title) ", style: focused ? theme[.paneTitle].bolded() : theme[.paneTitle], right: rect.right)
        let last = min(lines.count, offset + area.height)
        let info = lines.isEmpty ? " empty " : " \(offset + 1)-\(last)/\(lines.count) "
        let infoX = rect.right - DisplayWidth.of(info) - 1
        if infoX > x { buf.set(infoX, rect.y, info, style: theme[.dim], right: rect.right) }
        for row in 0..<area.height where offset + row < lines.count {
            buf.set(area.x, area.y + row, line: lines[offset + row], right: area.right)
        }
    }

    /// A horizontal rule for a title row.
    private func drawRule(_ buf: inout Buffer, _ row: Rect, focused: Bool, theme: Theme, mode: GlyphMode) {
        let glyph = mode == .ascii ? (focused ? "=" : "-") : (focused ? "\u{2501}" : "\u{2500}")
        buf.set(row.x, row.y, String(repeating: glyph, count: row.width),
                style: theme[focused ? .paneBorderFocused : .paneBorder], right: row.right)
    }

    private func drawStatus(_ buf: inout Buffer, _ row: Rect, theme: Theme, mode: GlyphMode) {
        if let prompt = linePrompt {
            let label = Self.linePromptLabel(prompt.kind)
            let labelWidth = DisplayWidth.of(label)
            let before = Sanitizer.plainText(String(prompt.input.text.prefix(prompt.input.cursor)), mode: mode)
            let room = max(1, row.width - labelWidth - 1)
            let shift = max(0, DisplayWidth.of(before) - room)
            buf.set(labelWidth - shift, row.y, Sanitizer.plainText(prompt.input.text, mode: mode), style: theme[.text], right: row.right)
            buf.set(0, row.y, label, style: theme[.hintKey], right: row.right)
            return
        }
        if let status {
            buf.set(0, row.y, Sanitizer.plainText(status.message, mode: mode),
                    style: theme[status.isError ? .error : .success], right: row.right)
            return
        }
        guard item != nil, choice != nil || bothBad else { return }
        let missing = missingFields.map(\.name)
        let text = choiceText + (missing.isEmpty ? " - Enter submits" : " - still needed: " + missing.joined(separator: ", "))
        buf.set(0, row.y, text, style: theme[.dim], right: row.right)
    }

    static func linePromptLabel(_ kind: LinePromptKind) -> String {
        kind == .skipReason ? "skip reason: " : ":"
    }

    /// The recorded choice in words.
    var choiceText: String {
        if bothBad { return "both bad" }
        guard let choice, let key = config.scale.key(forValue: choice) else { return "none" }
        return "\(key) = \(config.scale.label(for: choice))"
    }

    private func drawGuidelines(_ buf: inout Buffer, _ frame: ScreenFrame, theme: Theme, mode: GlyphMode) {
        let body = Rect(x: 0, y: 1, width: buf.width, height: buf.height - 3)
        buf.fill(body, with: .blank(theme[.text]))
        drawRule(&buf, Rect(x: 0, y: body.y, width: body.width, height: 1), focused: true, theme: theme, mode: mode)
        buf.set(1, body.y, " Guidelines - Esc closes, j/k scroll ", style: theme[.paneTitle].bolded(), right: body.right)
        let lines = guidelineLines(width: max(1, body.width - 2), theme: theme, mode: mode)
        let rows = body.height - 1
        let offset = max(0, min(overlayOffset, lines.count - rows))
        for row in 0..<rows where offset + row < lines.count {
            buf.set(1, body.y + 1 + row, line: lines[offset + row], right: body.right - 1)
        }
    }
}
