/// One terminal cell: a grapheme cluster and its style. A wide (2-column) grapheme occupies its
/// cell and the next one, which is marked `isContinuation` and never drawn by a backend.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster drawn in this cell (" " when empty, "" for a continuation).
    public var symbol: String
    /// Colours and attributes.
    public var style: Style
    /// True for the right half of a wide grapheme drawn in the cell to the left.
    public var isContinuation: Bool

    /// Creates a cell.
    public init(_ symbol: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.symbol = symbol; self.style = style; self.isContinuation = isContinuation
    }

    /// An empty cell in plain style.
    public static let blank = Cell()

    /// A blank cell in the given style.
    public static func blank(_ style: Style) -> Cell { Cell(" ", style: style) }
}
