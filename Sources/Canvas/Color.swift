import Foundation

/// One of the eight basic ANSI colours (SGR 30-37 / 40-47).
public enum ANSIColor: Int, CaseIterable, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white

    /// The lowercase name used in theme files ("red").
    public var name: String { String(describing: self) }
}

/// A terminal colour. RGB colours are downgraded by the backend (see `ColorTier`).
public enum Color: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case `default`
    /// One of the eight basic ANSI colours.
    case ansi(ANSIColor)
    /// An index into the xterm 256-colour palette.
    case palette(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

extension Color: CustomStringConvertible {
    /// The theme-file spelling: `default`, `red`, `252`, `#1a2b3c`.
    public var description: String {
        switch self {
        case .default: return "default"
        case .ansi(let c): return c.name
        case .palette(let i): return String(i)
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}

extension Color {
    /// Parses a theme-file colour: a name (`red`, `brightBlue`, `default`), an integer 0-255 or `#rrggbb`.
    public static func parse(_ text: String) -> Color? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.lowercased() == "default" || t.lowercased() == "reset" { return .default }
        if let c = ANSIColor.allCases.first(where: { $0.name == t.lowercased() }) { return .ansi(c) }
        if t.lowercased().hasPrefix("bright"),
           let c = ANSIColor.allCases.first(where: { $0.name == t.dropFirst(6).lowercased() }) {
            return .palette(UInt8(c.rawValue + 8))
        }
        if let n = Int(t), (0...255).contains(n) { return .palette(UInt8(n)) }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        return nil
    }
}
