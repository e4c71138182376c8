import Canvas
import Foundation
import PreferCore

extension AnnotateState {
    /// The update function: applies one key and returns what the run loop must do.
    public mutating func handle(_ event: KeyEvent, now: Date) -> [AnnotateEffect] {
        noteActivity(now, isKey: true)
        if event.key == .resize { return [] }
        status = nil
        let ctx = context
        if let binding = Keymap.binding(for: event, in: ctx, of: bindings) {
            return perform(binding.action, event: event, context: ctx)
        }
        // Unbound keys in a text field are text.
        if ctx == .text || ctx == .line, !event.alt, case .char(let ch) = event.key {
            editInput(in: ctx) { $0.insert(ch) }
        }
        return []
    }

    private mutating func perform(_ action: AnnotateAction, event: KeyEvent, context ctx: KeyContext) -> [AnnotateEffect] {
        switch action {
        case .choose:
            guard case .char(let c) = event.key, let key = c.wholeNumberValue, let value = config.scale.value(forKey: key) else { return [] }
            choice = value
            bothBad = false
            return submitIfComplete(recorded: "choice: " + config.scale.label(for: value))
        case .bothBad:
            bothBad = true
            choice = nil
            return submitIfComplete(recorded: "both bad")
        case .submit:
            return submitIfComplete(recorded: nil)
        case .skip:
            linePrompt = (.skipReason, TextInput())
        case .undo: return [.undoLast]
        case .next: return [.next]
        case .previous: return [.previous]
        case .quit: return [.quit]
        case .help: toggleOverlay(.help)
        case .guidelines: toggleOverlay(.guidelines)
        case .command: linePrompt = (.command, TextInput())
        case .closeOverlay: overlay = nil
        case .back: back(from: ctx)
        case .confirm: return confirmLine()
        case .focusNext, .focusPrevious: moveFocus(forward: action == .focusNext)
        case .scrollUp: scroll(ctx, by: -1)
        case .scrollDown: scroll(ctx, by: 1)
        case .pageUp: scroll(ctx, by: -pageSize(ctx))
        case .pageDown: scroll(ctx, by: pageSize(ctx))
        case .scrollTop: scroll(ctx, by: -Int(Int32.max))
        case .scrollBottom: scroll(ctx, by: Int(Int32.max))
        case .toggleLayout:
            layoutOverride = responseLayout(width: size.width) == .sideBySide ? .stacked : .sideBySide
            clampOffsets()
        case .toggleSync:
            synced.toggle()
            if synced { alignSynced(to: focus == .right ? .right : .left) }
            flash(synced ? "A and B scroll together" : "A and B scroll separately", isError: false)
        case .toggleDiff:
            diffOn.toggle()
            flash(diffOn ? "diff on: " + diffNote : "diff off", isError: false)
        case .toggleFold:
            folded.toggle()
            clampOffsets()
        case .setValue:
            if case .char(let c) = event.key, let digit = c.wholeNumberValue { typeValue(digit) }
        case .fieldNext: formField = min(formFields.count - 1, formField + 1)
        case .fieldPrevious: formField = max(0, formField - 1)
        case .decrease: stepValue(by: -1)
        case .increase: stepValue(by: 1)
        case .toggleFlag:
            if let field = selectedField, case .flag = field { setValue(field, value(field) == nil ? 1 : nil) }
        case .clearField:
            if let field = selectedField { setValue(field, nil) }
        case .editRationale: focus = .rationale
        case .editConfidence:
            focus = .form
            formField = formFields.firstIndex(of: .confidence) ?? 0
        case .newline: rationale.insert("\n")
        case .cursorLeft: editInput(in: ctx) { $0.moveLeft() }
        case .cursorRight: editInput(in: ctx) { $0.moveRight() }
        case .cursorUp: editInput(in: ctx) { $0.moveUp() }
        case .cursorDown: editInput(in: ctx) { $0.moveDown() }
        case .lineStart: editInput(in: ctx) { $0.moveToLineStart() }
        case .lineEnd: editInput(in: ctx) { $0.moveToLineEnd() }
        case .deleteBackward: editInput(in: ctx) { $0.deleteBackward() }
        case .deleteForward: editInput(in: ctx) { $0.deleteForward() }
        case .killToEnd: editInput(in: ctx) { $0.killToLineEnd() }
        case .killToStart: editInput(in: ctx) { $0.killToLineStart() }
        case .deleteWord: editInput(in: ctx) { $0.deleteWordBackward() }
        }
        return []
    }

    /// Applies an edit to the prompt line's input or to the rationale.
    private mutating func editInput(in ctx: KeyContext, _ edit: (inout TextInput) -> Void) {
        if ctx == .line, var prompt = linePrompt {
            edit(&prompt.input)
            linePrompt = prompt
        } else if ctx == .text {
            edit(&rationale)
        }
    }

    private mutating func toggleOverlay(_ which: AnnotateOverlay) {
        overlay = overlay == which ? nil : which
        overlayOffset = 0
    }

    /// Esc: leave the field, close the overlay or prompt, or go back from the form to the panes.
    private mutating func back(from ctx: KeyContext) {
        switch ctx {
        case .help, .guidelines: overlay = nil
        case .line: linePrompt = nil
        case .text: focus = .form
        case .form: focus = lastPane
        case .panes, .done: break
        }
    }

    private mutating func moveFocus(forward: Bool) {
        let order = AnnotateFocus.allCases
        let index = order.firstIndex(of: focus) ?? 0
        focus = order[(index + (forward ? 1 : order.count - 1)) % order.count]
        if [.prompt, .left, .right].contains(focus) { lastPane = focus }
    }

    /// Enter on the prompt line: skip with the reason, or run the command.
    private mutating func confirmLine() -> [AnnotateEffect] {
        guard let prompt = linePrompt else { return [] }
        let answer = prompt.input.text.trimmingCharacters(in: .whitespaces)
        switch prompt.kind {
        case .skipReason:
            guard !answer.isEmpty else { flash("a skip needs a reason (Esc cancels)", isError: true); return [] }
            linePrompt = nil
            guard let submission = submission(skipReason: answer) else { return [] }
            flash("skipped", isError: false)
            return [.submit(submission)]
        case .command:
            linePrompt = nil
            switch answer {
            case "q", "quit", "q!", "wq": return [.quit]
            case "n", "next": return [.next]
            case "p", "prev", "previous": return [.previous]
            case "u", "undo": return [.undoLast]
            case "help", "h", "?": overlay = .help; overlayOffset = 0
            case "g", "guidelines": overlay = .guidelines; overlayOffset = 0
            case "": break
            default: flash("unknown command: \(answer) (try :q, :n, :p, :u, :help, :g)", isError: true)
            }
            return []
        }
    }

    /// Note shown when the diff is switched on: its limits, if they applied.
    var diffNote: String {
        let result = wordDiff(mode: .unicode)
        var parts = ["changed words highlighted"]
        if result.truncated { parts.append("only the first \(WordDiff.maxWords) words compared") }
        if result.approximate { parts.append("approximate (texts differ too much for an exact diff)") }
        return parts.joined(separator: "; ")
    }

    // MARK: Scrolling

    private func pageSize(_ ctx: KeyContext) -> Int {
        if ctx == .help || ctx == .guidelines { return max(1, size.height - 7) }
        let frame = ScreenFrame(width: size.width, height: size.height, state: self)
        return max(1, frame.content(focus).height - 1)
    }

    private mutating func scroll(_ ctx: KeyContext, by delta: Int) {
        if ctx == .help || ctx == .guidelines {
            overlayOffset = max(0, min(overlayOffset.addingReportingOverflow(delta).partialValue, maxOverlayOffset(ctx)))
            return
        }
        guard [.prompt, .left, .right].contains(focus) else { return }
        offsets[focus] = (offsets[focus] ?? 0).addingReportingOverflow(delta).partialValue
        if synced, focus != .prompt { alignSynced(to: focus) } else { clampOffsets() }
    }

    /// Gives the other response the same first line as `pane` (each clamped to its own length).
    private mutating func alignSynced(to pane: AnnotateFocus) {
        clampOffsets()
        let value = offsets[pane] ?? 0
        offsets[.left] = value
        offsets[.right] = value
        clampOffsets()
    }

    private func maxOverlayOffset(_ ctx: KeyContext) -> Int {
        let theme = cache.lastTheme, mode = cache.lastMode
        let total = ctx == .help
            ? helpLines(width: HelpOverlay.innerWidth(size.width), theme: theme, mode: mode).count
            : guidelineLines(width: max(1, size.width - 2), theme: theme, mode: mode).count
        let visible = ctx == .help ? HelpOverlay.innerHeight(size.height) : max(1, size.height - 4)
        return max(0, total - visible)
    }

    /// Keeps every pane's offset between 0 and its last full page.
    mutating func clampOffsets() {
        guard item != nil, !Self.isTooSmall(width: size.width, height: size.height) else { return }
        let frame = ScreenFrame(width: size.width, height: size.height, state: self)
        for pane in [AnnotateFocus.prompt, .left, .right] {
            let area = frame.content(pane)
            let count = paneLines(pane, width: area.width, theme: cache.lastTheme, mode: cache.lastMode).count
            offsets[pane] = max(0, min(offsets[pane] ?? 0, count - area.height))
        }
    }
}
