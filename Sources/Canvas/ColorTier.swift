/// How many colours a terminal can show; themes are downgraded to the tier at start-up.
public enum ColorTier: Int, Comparable, CaseIterable, Sendable {
    /// No colour at all (NO_COLOR or a monochrome terminal): only bold, underline and reverse.
    case mono = 0
    /// The eight basic ANSI colours.
    case ansi8 = 8
    /// The xterm 256-colour palette.
    case palette256 = 256
    /// 24-bit colour.
    case truecolor = 16_777_216

    /// Orders tiers by colour count.
    public static func < (lhs: ColorTier, rhs: ColorTier) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Color {
    /// This colour as the nearest colour the tier can show (`.default` in mono).
    public func downgraded(to tier: ColorTier) -> Color {
        switch (self, tier) {
        case (.default, _), (_, .truecolor): return self
        case (_, .mono): return .default
        case (.ansi, _): return self
        case (.palette, .palette256): return self
        case (.rgb(let r, let g, let b), .palette256): return .palette(XtermPalette.nearest256(r, g, b))
        case (.palette(let i), .ansi8):
            if i < 16 { return .ansi(ANSIColor(rawValue: Int(i) % 8) ?? .white) }
            let (r, g, b) = XtermPalette.rgb(of: i)
            return .ansi(XtermPalette.nearest8(r, g, b))
        case (.rgb(let r, let g, let b), .ansi8): return .ansi(XtermPalette.nearest8(r, g, b))
        }
    }
}

/// The standard xterm palette, for mapping between colour tiers.
enum XtermPalette {
    /// The RGB values xterm uses for the 16 system colours.
    static let system: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    /// Channel levels of the 6x6x6 colour cube (indices 16-231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// RGB of a palette index.
    static func rgb(of index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return system[i] }
        if i >= 232 { let v = UInt8(8 + (i - 232) * 10); return (v, v, v) }
        let c = i - 16
        return (UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[c / 6 % 6]), UInt8(cubeLevels[c % 6]))
    }

    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    /// Nearest index among the cube (16-231) and the grey ramp (232-255); the system colours are
    /// skipped because terminals redefine them.
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int { cubeLevels.enumerated().min { abs($0.1 - Int(v)) < abs($1.1 - Int(v)) }?.0 ?? 0 }
        let cube = UInt8(16 + 36 * level(r) + 6 * level(g) + level(b))
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let grey = UInt8(232 + min(23, max(0, (avg - 3) / 10)))
        let target = (r, g, b)
        return distance(rgb(of: grey), target) < distance(rgb(of: cube), target) ? grey : cube
    }

    /// Nearest of the eight basic colours.
    static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> ANSIColor {
        let best = (0..<8).min { distance(system[$0], (r, g, b)) < distance(system[$1], (r, g, b)) } ?? 7
        return ANSIColor(rawValue: best) ?? .white
    }
}
