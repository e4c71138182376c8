import Canvas
import PreferCore

/// Where the form's rows go inside its area.
struct FormGeometry {
    /// Rows of the form list (choice, criteria, flags, confidence) shown, from `start`.
    var start: Int
    var count: Int
    /// The rationale text area (right of its label).
    var rationale: Rect?
    /// Row of the rationale label.
    var rationaleY: Int
}

extension AnnotateState {
    static let rationaleLabel = "Rationale:  "

    /// Index of the form-list row (0 = choice) a field is drawn on.
    private func row(of field: FormField) -> Int {
        switch field {
        case .score(let index, _): return 1 + index
        case .flag: return 1 + config.rubric.count
        case .confidence: return 1 + config.rubric.count + (config.flags.isEmpty ? 0 : 1)
        }
    }

    private var formListCount: Int { 2 + config.rubric.count + (config.flags.isEmpty ? 0 : 1) }

    /// Splits the form area between the list rows and the rationale, keeping the selected row visible.
    func formGeometry(_ frame: ScreenFrame) -> FormGeometry {
        let area = frame.content(.form)
        let rationaleRows = min(frame.rationaleRows, max(0, area.height - 1))
        let listRoom = max(0, area.height - rationaleRows)
        var start = 0
        if focus == .form, let field = selectedField {
            start = max(0, min(row(of: field) - listRoom + 1, formListCount - listRoom))
        }
        let count = min(listRoom, formListCount - start)
        let labelWidth = DisplayWidth.of(Self.rationaleLabel)
        let y = area.y + count
        let rect = Rect(x: area.x + labelWidth, y: y, width: area.width - labelWidth, height: area.bottom - y)
        return FormGeometry(start: start, count: count, rationale: rect.isEmpty ? nil : rect, rationaleY: y)
    }

    func drawForm(_ buf: inout Buffer, _ frame: ScreenFrame, theme: Theme, mode: GlyphMode) {
        let area = frame.form
        guard !area.isEmpty else { return }
        let active = focus == .form || focus == .rationale
        let glyph = mode == .ascii ? (active ? "=" : "-") : (active ? "\u{2501}" : "\u{2500}")
        buf.set(area.x, area.y, String(repeating: glyph, count: area.width), style: theme[active ? .paneBorderFocused : .paneBorder])
        let title = (active ? (mode == .ascii ? "> " : "\u{25B6} ") : "") + "Judgment"
        buf.set(area.x + 1, area.y, " \(title) ", style: theme[.paneTitle], right: area.right)
        let geometry = formGeometry(frame)
        let content = frame.content(.form)
        for i in 0..<geometry.count {
            let line = formRow(geometry.start + i, width: content.width, theme: theme, mode: mode)
            buf.set(content.x, content.y + i, line: line, right: content.right)
        }
        guard let box = geometry.rationale else { return }
        let required = (choice != nil || bothBad) ? config.rationaleRequired(choice: choice ?? 0, bothBad: bothBad)
                                                  : config.rationale == .always
        let label = required ? "Rationale*: " : Self.rationaleLabel
        buf.set(content.x, geometry.rationaleY, label, style: focus == .rationale ? theme[.selection] : theme[.text], right: content.right)
        if rationale.text.isEmpty, focus != .rationale {
            buf.set(box.x, box.y, "(r to write; Enter submits, C-j or M-Enter new line)", style: theme[.dim], right: box.right)
            return
        }
        let laid = rationale.layout(width: box.width)
        let start = focus == .rationale ? max(0, laid.cursorRow - box.height + 1) : 0
        for row in 0..<box.height where start + row < laid.rows.count {
            buf.set(box.x, box.y + row, laid.rows[start + row], style: theme[.text], right: box.right)
        }
    }

    /// One row of the form list.
    private func formRow(_ index: Int, width: Int, theme: Theme, mode: GlyphMode) -> Line {
        var line = Line()
        let selected = focus == .form ? selectedField : nil
        func field(_ text: String, _ f: FormField) {
            line.append(text, style: selected == f ? theme[.selection] : theme[.text])
        }
        if index == 0 {
            line.append("Choice: ", style: theme[.text].bolded())
            if let choice, !bothBad {
                line.append(choiceText, style: theme[choice < 0 ? .choiceA : (choice > 0 ? .choiceB : .tie)])
            } else if bothBad {
                line.append("both bad", style: theme[.warning])
            } else {
                let v = config.scale.values
                // First, middle and last point; the 2-point scale has no middle.
                let points = v.count > 2 ? [0, v.count / 2, v.count - 1] : [0, v.count - 1]
                let legend = points.map { "\($0 + 1) \(config.scale.label(for: v[$0]))" }
                line.append("none - keys \(keyRange): " + legend.joined(separator: mode == .ascii ? " ... " : " \u{2026} "), style: theme[.dim])
            }
            return line
        }
        if index <= config.rubric.count {
            let ci = index - 1
            let c = config.rubric[ci]
            let labelWidth = max(8, min(30, width / 3))
            let question = Sanitizer.plainText((c.required ? "*" : "") + c.question, mode: mode)
            let clipped = TextWrapper.clip([Span(question, style: theme[.text])], width: labelWidth - 1,
                                           marker: Span(mode == .ascii ? ">" : "\u{2026}", style: theme[.marker]))
            line.spans += clipped.spans
            line.append(String(repeating: " ", count: max(1, labelWidth - clipped.width)), style: theme[.text])
            for side in [ScreenSide.left, .right] {
                let value = score(c.id, side)
                var shown = value.map(String.init) ?? "-"
                if let value, c.labels.indices.contains(value - c.min) { shown += " " + Sanitizer.plainText(c.labels[value - c.min], mode: mode) }
                field("\(side.letter) [\(shown)]", .score(ci, side))
                line.append("  ", style: theme[.text])
            }
            line.append("(\(c.min)-\(c.max))", style: theme[.dim])
            return line
        }
        if !config.flags.isEmpty, index == config.rubric.count + 1 {
            line.append("Flags: ", style: theme[.text].bolded())
            for (fi, flag) in config.flags.enumerated() {
                let on = flagsOn.contains(flag)
                field("[\(on ? "x" : " ")] " + Sanitizer.plainText(flag, mode: mode), .flag(fi))
                line.append(" ", style: theme[.text])
            }
            return line
        }
        line.append("Confidence: ", style: theme[.text].bolded())
        field("[\(confidence.map(String.init) ?? "-")]", .confidence)
        line.append(" (1-5, c to go here)", style: theme[.dim])
        return line
    }
}
