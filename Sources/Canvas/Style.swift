/// Colours and attributes of a cell.
public struct Style: Hashable, Sendable {
    /// Foreground colour.
    public var fg: Color
    /// Background colour.
    public var bg: Color
    /// Bold (bright) text.
    public var bold: Bool
    /// Dim (faint) text.
    public var dim: Bool
    /// Italic text.
    public var italic: Bool
    /// Underlined text.
    public var underline: Bool
    /// Swapped foreground and background.
    public var reverse: Bool

    /// Creates a style; everything defaults to the terminal's plain text.
    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, dim: Bool = false,
                italic: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.dim = dim
        self.italic = italic; self.underline = underline; self.reverse = reverse
    }

    /// Plain terminal text.
    public static let plain = Style()

    /// This style with colours downgraded to the tier. Mono keeps only bold, underline and reverse,
    /// because dim and italic are unreliable on the terminals that lack colour.
    public func downgraded(to tier: ColorTier) -> Style {
        var s = self
        s.fg = fg.downgraded(to: tier)
        s.bg = bg.downgraded(to: tier)
        if tier == .mono { s.dim = false; s.italic = false }
        return s
    }

    /// A copy with `bold` set.
    public func bolded() -> Style { var s = self; s.bold = true; return s }
}

extension Style: CustomStringConvertible {
    /// Compact text such as `fg:252 bg:236 bold`, or `plain`; used in styled dumps.
    public var description: String {
        var parts: [String] = []
        if fg != .default { parts.append("fg:\(fg)") }
        if bg != .default { parts.append("bg:\(bg)") }
        for (on, name) in [(bold, "bold"), (dim, "dim"), (italic, "italic"), (underline, "underline"), (reverse, "reverse")] where on {
            parts.append(name)
        }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}
