/// Everything a key can do on the annotate screen; the keymap table maps keys to these.
public enum AnnotateAction: Hashable, Sendable {
    // Judging
    /// Record the choice of the number key pressed (key 1 = first point of the scale).
    case choose
    case bothBad, skip, submit, undo, next, previous, quit
    // Overlays and prompts
    case help, guidelines, command, back, confirm, closeOverlay
    // Panes
    case focusNext, focusPrevious, scrollUp, scrollDown, pageUp, pageDown, scrollTop, scrollBottom
    case toggleLayout, toggleSync, toggleDiff, toggleFold
    // Form
    /// Set the selected form field to the digit pressed.
    case setValue
    case fieldNext, fieldPrevious, decrease, increase, toggleFlag, clearField, editRationale, editConfidence
    // Text editing (rationale field and prompt line)
    case newline, cursorLeft, cursorRight, cursorUp, cursorDown, lineStart, lineEnd
    case deleteBackward, deleteForward, killToEnd, killToStart, deleteWord
}
