import Canvas
import PreferCore

/// Where the keyboard is: decides which bindings of the table apply.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    /// Focus on the prompt or a response pane.
    case panes
    /// Focus on the rubric / flags / confidence form.
    case form
    /// Typing in the rationale field: keys are text except the bindings of this context.
    case text
    /// Typing a one-line answer (skip reason, `:` command).
    case line
    /// The `?` overlay is open.
    case help
    /// The guidelines view is open.
    case guidelines
    /// The queue is finished.
    case done
}

/// One row of the keymap table: drives dispatch, the hint bar and the help overlay alike
/// (the bubbles `key.Binding` / lazygit `Binding` idea).
public struct KeyBinding: Hashable, Sendable {
    /// Keys that trigger the action.
    public var keys: [Key]
    /// Keys that trigger it while Alt is held (e.g. Alt-Enter).
    public var altKeys: [Key]
    /// What happens.
    public var action: AnnotateAction
    /// Description in the help overlay.
    public var help: String
    /// Short description in the hint bar.
    public var hint: String
    /// Heading it is listed under in the help overlay.
    public var group: String
    /// Whether the hint bar shows it.
    public var showInHints: Bool
    /// Where it applies.
    public var contexts: Set<KeyContext>

    /// Creates a binding; `hint` defaults to `help`.
    public init(keys: [Key], altKeys: [Key] = [], action: AnnotateAction, help: String, hint: String? = nil,
                group: String, showInHints: Bool = false, contexts: Set<KeyContext>) {
        self.keys = keys; self.altKeys = altKeys; self.action = action; self.help = help; self.hint = hint ?? help
        self.group = group; self.showInHints = showInHints; self.contexts = contexts
    }

    /// Whether the event is one of this binding's keys.
    public func matches(_ event: KeyEvent) -> Bool {
        event.alt ? altKeys.contains(event.key) : keys.contains(event.key)
    }

    /// The keys as the hint bar and help show them: `j/↓`, `1-7`, `C-j/M-Enter`.
    public func keyLabel(mode: GlyphMode = .unicode) -> String {
        var labels: [String]
        let digits = keys.compactMap { key -> Int? in
            if case .char(let c) = key { return c.wholeNumberValue } else { return nil }
        }
        if digits.count == keys.count, digits.count >= 3, zip(digits, digits.dropFirst()).allSatisfy({ $1 == $0 + 1 }),
           let first = digits.first, let last = digits.last {
            labels = ["\(first)-\(last)"]
        } else {
            labels = keys.map { $0.label(mode: mode) }
        }
        labels += altKeys.map { "M-" + $0.label(mode: mode) }
        return labels.joined(separator: "/")
    }
}

/// The ONE keymap table of the annotate screen.
public enum Keymap {
    /// All bindings for a project's config (choice keys follow its scale; `x` only if both-bad is allowed).
    public static func bindings(for config: ProjectConfig) -> [KeyBinding] {
        let scale = config.scale
        let choiceKeys = (1...scale.values.count).compactMap { Character("\($0)") }.map { Key.char($0) }
        let legend = scale.values.enumerated().map { "\($0.offset + 1) \(scale.label(for: $0.element))" }.joined(separator: ", ")
        let judging: Set<KeyContext> = [.panes, .form]
        let text: Set<KeyContext> = [.text, .line]
        var table: [KeyBinding] = [
            KeyBinding(keys: [.char("?")], action: .help, help: "show / hide this help", hint: "help", group: "General",
                       showInHints: true, contexts: [.panes, .form, .done, .help]),
            KeyBinding(keys: [.char("g")], action: .guidelines, help: "show / hide the guidelines", hint: "guide",
                       group: "General", showInHints: true, contexts: [.panes, .form, .done, .guidelines]),
            KeyBinding(keys: [.char(":")], action: .command, help: "command prompt (:q quit, :n, :p, :u, :help, :g)", hint: "cmd",
                       group: "General", contexts: [.panes, .form, .done]),
            KeyBinding(keys: [.char("q")], action: .quit, help: "quit (every submission is already saved)", hint: "quit",
                       group: "General", showInHints: true, contexts: [.panes, .form, .done]),
            KeyBinding(keys: [.char("q")], action: .closeOverlay, help: "close the overlay", group: "General",
                       contexts: [.help, .guidelines]),
            KeyBinding(keys: [.esc], action: .back, help: "leave the field / close / back", hint: "back",
                       group: "General", showInHints: true, contexts: [.text, .form, .help, .guidelines, .line]),
            KeyBinding(keys: choiceKeys, action: .choose, help: "choose: \(legend)", hint: "choose", group: "Judge",
                       showInHints: true, contexts: [.panes]),
        ]
        if config.allowBothBad {
            table.append(KeyBinding(keys: [.char("x")], action: .bothBad, help: "both responses are bad", hint: "both bad",
                                    group: "Judge", showInHints: true, contexts: judging))
        }
        table += [
            KeyBinding(keys: [.char("s")], action: .skip, help: "skip this item (asks for a reason)", hint: "skip",
                       group: "Judge", showInHints: true, contexts: judging),
            KeyBinding(keys: [.enter], action: .submit, help: "submit the judgment (says what is still missing)", hint: "submit",
                       group: "Judge", showInHints: true, contexts: [.panes, .form, .text]),
            KeyBinding(keys: [.char("u")], action: .undo, help: "undo the last submission", hint: "undo",
                       group: "Judge", showInHints: true, contexts: [.panes, .form, .done]),
            KeyBinding(keys: [.char("n")], action: .next, help: "next item in the queue", hint: "next",
                       group: "Judge", contexts: judging),
            KeyBinding(keys: [.char("p")], action: .previous, help: "previous item in the queue", hint: "prev",
                       group: "Judge", contexts: [.panes, .form, .done]),

            KeyBinding(keys: [.tab], action: .focusNext, help: "focus next: prompt, A, B, form, rationale", hint: "focus",
                       group: "Panes", showInHints: true, contexts: [.panes, .form, .text]),
            KeyBinding(keys: [.backTab], action: .focusPrevious, help: "focus previous", group: "Panes", contexts: [.panes, .form, .text]),
            KeyBinding(keys: [.char("j"), .down], action: .scrollDown, help: "scroll down", group: "Panes", contexts: [.panes, .help, .guidelines]),
            KeyBinding(keys: [.char("k"), .up], action: .scrollUp, help: "scroll up", group: "Panes", contexts: [.panes, .help, .guidelines]),
            KeyBinding(keys: [.pageDown, .ctrl("d"), .char(" ")], action: .pageDown, help: "page down", group: "Panes",
                       contexts: [.panes, .help, .guidelines]),
            KeyBinding(keys: [.pageUp, .ctrl("u")], action: .pageUp, help: "page up", group: "Panes", contexts: [.panes, .help, .guidelines]),
            KeyBinding(keys: [.home], action: .scrollTop, help: "scroll to the top", group: "Panes", contexts: [.panes, .guidelines]),
            KeyBinding(keys: [.end, .char("G")], action: .scrollBottom, help: "scroll to the bottom", group: "Panes",
                       contexts: [.panes, .guidelines]),
            KeyBinding(keys: [.char("v")], action: .toggleLayout, help: "toggle side-by-side / stacked responses", hint: "layout",
                       group: "Panes", contexts: judging),
            KeyBinding(keys: [.char("y")], action: .toggleSync, help: "toggle synced scrolling of A and B", hint: "sync",
                       group: "Panes", contexts: judging),
            KeyBinding(keys: [.char("d")], action: .toggleDiff, help: "toggle word diff highlighting of A and B", hint: "diff",
                       group: "Panes", showInHints: true, contexts: judging),
            KeyBinding(keys: [.char("f")], action: .toggleFold, help: "fold / unfold long system prompts", hint: "fold",
                       group: "Panes", contexts: judging),

            KeyBinding(keys: [.char("j"), .down], action: .fieldNext, help: "next form field", group: "Form", contexts: [.form]),
            KeyBinding(keys: [.char("k"), .up], action: .fieldPrevious, help: "previous form field", group: "Form", contexts: [.form]),
            KeyBinding(keys: (0...9).compactMap { Character("\($0)") }.map { Key.char($0) }, action: .setValue,
                       help: "set the selected score / confidence", hint: "set", group: "Form", showInHints: true, contexts: [.form]),
            KeyBinding(keys: [.char("h"), .left], action: .decrease, help: "decrease the selected value", group: "Form", contexts: [.form]),
            KeyBinding(keys: [.char("l"), .right], action: .increase, help: "increase the selected value", group: "Form", contexts: [.form]),
            KeyBinding(keys: [.char(" ")], action: .toggleFlag, help: "toggle the selected flag", hint: "toggle flag",
                       group: "Form", showInHints: true, contexts: [.form]),
            KeyBinding(keys: [.backspace, .delete], action: .clearField, help: "clear the selected field", group: "Form", contexts: [.form]),
            KeyBinding(keys: [.char("c")], action: .editConfidence, help: "go to confidence (1-5)", hint: "confidence",
                       group: "Form", contexts: judging),
            KeyBinding(keys: [.char("r")], action: .editRationale, help: "write the rationale", hint: "rationale",
                       group: "Form", showInHints: true, contexts: judging),

            KeyBinding(keys: [.ctrl("j")], altKeys: [.enter], action: .newline, help: "new line in the rationale (Enter submits)",
                       hint: "newline", group: "Text", showInHints: true, contexts: [.text]),
            KeyBinding(keys: [.enter], action: .confirm, help: "confirm the answer", hint: "confirm", group: "Text",
                       showInHints: true, contexts: [.line]),
            KeyBinding(keys: [.left], action: .cursorLeft, help: "cursor left", group: "Text", contexts: text),
            KeyBinding(keys: [.right], action: .cursorRight, help: "cursor right", group: "Text", contexts: text),
            KeyBinding(keys: [.up], action: .cursorUp, help: "cursor up a line", group: "Text", contexts: [.text]),
            KeyBinding(keys: [.down], action: .cursorDown, help: "cursor down a line", group: "Text", contexts: [.text]),
            KeyBinding(keys: [.home, .ctrl("a")], action: .lineStart, help: "start of line", group: "Text", contexts: text),
            KeyBinding(keys: [.end, .ctrl("e")], action: .lineEnd, help: "end of line", group: "Text", contexts: text),
            KeyBinding(keys: [.backspace], action: .deleteBackward, help: "delete before the cursor", group: "Text", contexts: text),
            KeyBinding(keys: [.delete], action: .deleteForward, help: "delete at the cursor", group: "Text", contexts: text),
            KeyBinding(keys: [.ctrl("k")], action: .killToEnd, help: "delete to end of line", group: "Text", contexts: text),
            KeyBinding(keys: [.ctrl("u")], action: .killToStart, help: "delete to start of line", group: "Text", contexts: text),
            KeyBinding(keys: [.ctrl("w")], action: .deleteWord, help: "delete the word before the cursor", group: "Text", contexts: text),

        ]
        return table
    }

    /// The first binding of the context that matches the event.
    public static func binding(for event: KeyEvent, in context: KeyContext, of table: [KeyBinding]) -> KeyBinding? {
        table.first { $0.contexts.contains(context) && $0.matches(event) }
    }

    /// The bindings the hint bar shows in a context: `?` first (it leads to everything else), then
    /// the bindings most specific to the context (fewest contexts), in table order otherwise, so
    /// a narrow hint bar keeps the keys that matter here.
    public static func hints(in context: KeyContext, of table: [KeyBinding]) -> [KeyBinding] {
        let shown = table.enumerated().filter { $0.element.showInHints && $0.element.contexts.contains(context) }
        return shown.sorted { a, b in
            let ka = (a.element.action == .help ? 0 : 1, a.element.contexts.count, a.offset)
            let kb = (b.element.action == .help ? 0 : 1, b.element.contexts.count, b.offset)
            return ka < kb
        }.map(\.element)
    }

    /// The help overlay's groups in order of first appearance, each with its bindings in table order.
    public static func helpGroups(of table: [KeyBinding]) -> [(group: String, bindings: [KeyBinding])] {
        var order: [String] = []
        var byGroup: [String: [KeyBinding]] = [:]
        for binding in table {
            if byGroup[binding.group] == nil { order.append(binding.group) }
            byGroup[binding.group, default: []].append(binding)
        }
        return order.map { ($0, byGroup[$0] ?? []) }
    }
}
