/// A width x height grid of cells that screens render into and a backend blits (ratatui's design:
/// a wide grapheme sits in one cell and the next cell is a continuation).
public struct Buffer: Hashable, Sendable {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Cells, row-major.
    public private(set) var cells: [Cell]

    /// Creates a buffer filled with blank cells.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at (0, 0).
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard contains(x, y) else { return .blank }
        return cells[y * width + x]
    }

    private func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes one cell, first repairing a wide grapheme it would cut in half.
    private mutating func put(_ x: Int, _ y: Int, _ cell: Cell) {
        let i = y * width + x
        if cells[i].isContinuation, x > 0 { cells[i - 1] = .blank(cells[i - 1].style) }
        if x + 1 < width, cells[i + 1].isContinuation, !cell.isContinuation { cells[i + 1] = .blank(cells[i + 1].style) }
        cells[i] = cell
    }

    /// Writes sanitised `text` at (x, y) by display width and returns the column after the last
    /// written cell. Stops at `right` (exclusive; default: buffer width). A wide grapheme that would
    /// straddle `right` is replaced by a space. Zero-width graphemes join the previous cell written
    /// by this call (and are dropped at its start); any
    /// control that slipped past the sanitiser is drawn as `?` rather than sent to the terminal.
    @discardableResult
    public mutating func set(_ x: Int, _ y: Int, _ text: String, style: Style = .plain, right: Int? = nil) -> Int {
        let limit = min(right ?? width, width)
        guard y >= 0, y < height else { return x }
        var col = x
        var lastLead: Int? = nil
        for ch in text {
            if col >= limit { break }
            var symbol = String(ch)
            var w = DisplayWidth.of(ch)
            if ch.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                symbol = "?"; w = 1
            }
            if w == 0 {
                if let lead = lastLead { cells[y * width + lead].symbol += symbol }
                continue
            }
            if col < 0 {
                // Partly left of the buffer: show the visible half of a wide grapheme as a space.
                if col + w > 0 { put(0, y, .blank(style)) }
                col += w
                continue
            }
            if col + w > limit {
                while col < limit { put(col, y, .blank(style)); col += 1 }
                break
            }
            put(col, y, Cell(symbol, style: style))
            if w == 2 { put(col + 1, y, Cell("", style: style, isContinuation: true)) }
            lastLead = col
            col += w
        }
        return col
    }

    /// Writes a styled line at (x, y), clipped at `right`; returns the column after it.
    @discardableResult
    public mutating func set(_ x: Int, _ y: Int, line: Line, right: Int? = nil) -> Int {
        var col = x
        for span in line.spans { col = set(col, y, span.text, style: span.style, right: right) }
        return col
    }

    /// Fills a rectangle (clipped to the buffer) with a cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom { for x in r.x..<r.right { put(x, y, cell) } }
    }

    /// Sets the style of every cell in a rectangle, keeping the symbols.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom { for x in r.x..<r.right { cells[y * width + x].style = style } }
    }

    /// The text of each row (continuations skipped), for snapshot tests. Trailing spaces are
    /// removed unless `trimTrailing` is false.
    public func lines(trimTrailing: Bool = true) -> [String] {
        (0..<height).map { y in
            var row = ""
            for x in 0..<width where !cells[y * width + x].isContinuation { row += cells[y * width + x].symbol }
            guard trimTrailing else { return row }
            while row.last == " " { row.removeLast() }
            return row
        }
    }

    /// A compact, diff-friendly encoding of the styles for golden files: a legend mapping one
    /// letter per distinct style (in order of first appearance), then one row of letters per
    /// buffer row, one letter per cell (a continuation repeats its wide grapheme's letter).
    public func styledDump() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        var rows: [String] = []
        for y in 0..<height {
            var row = ""
            for x in 0..<width {
                let style = cells[y * width + x].style
                if letters[style] == nil {
                    let n = letters.count
                    letters[style] = n < alphabet.count ? alphabet[n] : "~"
                    legend.append("\(letters[style] ?? "~") = \(style)")
                }
                row.append(letters[style] ?? "~")
            }
            rows.append(row)
        }
        return (["styles:"] + legend + ["rows:"] + rows).joined(separator: "\n") + "\n"
    }

    /// The cells that differ from `previous`, in row-major order, for a backend to draw.
    /// Continuation cells are left out: drawing the wide grapheme covers them. If the sizes
    /// differ, every non-continuation cell is returned.
    public func diff(from previous: Buffer) -> [CellChange] {
        let all = previous.width != width || previous.height != height
        var changes: [CellChange] = []
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                let cell = cells[i]
                guard !cell.isContinuation else { continue }
                let widthChanged = !all && x + 1 < width && cells[i + 1].isContinuation != previous.cells[i + 1].isContinuation
                if all || cell != previous.cells[i] || widthChanged {
                    changes.append(CellChange(x: x, y: y, cell: cell))
                }
            }
        }
        return changes
    }
}

/// One cell a backend must redraw.
public struct CellChange: Hashable, Sendable {
    /// Column.
    public let x: Int
    /// Row.
    public let y: Int
    /// The new cell.
    public let cell: Cell
}
