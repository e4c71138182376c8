import Canvas

/// An editable text with a cursor, counted in graphemes so UTF-8, combining marks and wide
/// characters move and delete as one unit.
public struct TextInput: Hashable, Sendable {
    private var chars: [Character]
    /// Cursor position: the number of graphemes before it.
    public private(set) var cursor: Int

    /// Creates an input holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        chars = Array(text)
        cursor = chars.count
    }

    /// The text typed.
    public var text: String { String(chars) }

    /// Inserts a grapheme at the cursor; controls (other than newline) are refused so a pasted
    /// escape sequence cannot end up in stored text.
    public mutating func insert(_ ch: Character) {
        guard ch == "\n" || !ch.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return }
        chars.insert(ch, at: cursor)
        cursor += 1
    }

    /// Moves the cursor one grapheme left.
    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// Moves the cursor one grapheme right.
    public mutating func moveRight() { cursor = min(chars.count, cursor + 1) }

    /// Index where the cursor's line starts.
    private var lineStartIndex: Int {
        var i = cursor
        while i > 0, chars[i - 1] != "\n" { i -= 1 }
        return i
    }

    /// Index of the end of the cursor's line (its newline, or the end of the text).
    private var lineEndIndex: Int {
        var i = cursor
        while i < chars.count, chars[i] != "\n" { i += 1 }
        return i
    }

    /// Moves to the start of the line.
    public mutating func moveToLineStart() { cursor = lineStartIndex }
    /// Moves to the end of the line.
    public mutating func moveToLineEnd() { cursor = lineEndIndex }

    /// Moves up one line, keeping the display column where possible.
    public mutating func moveUp() {
        let start = lineStartIndex
        guard start > 0 else { cursor = 0; return }
        let column = DisplayWidth.of(String(chars[start..<cursor]))
        var prevStart = start - 1
        while prevStart > 0, chars[prevStart - 1] != "\n" { prevStart -= 1 }
        cursor = index(atColumn: column, from: prevStart)
    }

    /// Moves down one line, keeping the display column where possible.
    public mutating func moveDown() {
        let end = lineEndIndex
        guard end < chars.count else { cursor = chars.count; return }
        let column = DisplayWidth.of(String(chars[lineStartIndex..<cursor]))
        cursor = index(atColumn: column, from: end + 1)
    }

    /// The index on the line starting at `start` whose display column is at most `column`.
    private func index(atColumn column: Int, from start: Int) -> Int {
        var i = start, col = 0
        while i < chars.count, chars[i] != "\n" {
            let w = DisplayWidth.of(chars[i])
            if col + w > column { break }
            col += w
            i += 1
        }
        return i
    }

    /// Deletes the grapheme before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        chars.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the grapheme at the cursor.
    public mutating func deleteForward() {
        guard cursor < chars.count else { return }
        chars.remove(at: cursor)
    }

    /// Deletes to the end of the line; at the end of a line, joins the next line (as readline's C-k).
    public mutating func killToLineEnd() {
        let end = lineEndIndex
        if end == cursor { deleteForward() } else { chars.removeSubrange(cursor..<end) }
    }

    /// Deletes from the start of the line to the cursor.
    public mutating func killToLineStart() {
        let start = lineStartIndex
        chars.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Deletes the word before the cursor and the whitespace after it (readline's C-w).
    public mutating func deleteWordBackward() {
        var i = cursor
        while i > 0, chars[i - 1].isWhitespace { i -= 1 }
        while i > 0, !chars[i - 1].isWhitespace { i -= 1 }
        chars.removeSubrange(i..<cursor)
        cursor = i
    }

    /// Lays the text out in rows of at most `width` columns (hard wrap, newlines start rows) and
    /// returns the rows plus the cursor's row and column. Each grapheme is shown through the
    /// sanitiser, so a bidi control typed or pasted shows as a marker.
    public func layout(width: Int) -> (rows: [String], cursorRow: Int, cursorColumn: Int) {
        let width = max(1, width)
        var rows: [String] = [""]
        var col = 0
        var cursorAt = (0, 0)
        for (i, ch) in chars.enumerated() {
            if i == cursor { cursorAt = (rows.count - 1, col) }
            if ch == "\n" { rows.append(""); col = 0; continue }
            var shown = Sanitizer.plainText(String(ch))
            var w = DisplayWidth.of(shown)
            if w > width { shown = "?"; w = 1 }
            if col + w > width {
                rows.append("")
                col = 0
                if i == cursor { cursorAt = (rows.count - 1, 0) }
            }
            rows[rows.count - 1] += shown
            col += w
        }
        if cursor == chars.count {
            if col >= width { rows.append(""); col = 0 }
            cursorAt = (rows.count - 1, col)
        }
        return (rows, cursorAt.0, cursorAt.1)
    }
}
