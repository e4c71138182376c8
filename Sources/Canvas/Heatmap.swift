/// Heatmap cells: a colour role per value, and shade glyphs for monochrome (NO_COLOR) output.
public enum Heatmap {
    /// Shade ramp from empty to full.
    public static let unicodeRamp: [Character] = [" ", "\u{2591}", "\u{2592}", "\u{2593}", "\u{2588}"]
    /// ASCII ramp for terminals without UTF-8.
    public static let asciiRamp: [Character] = [" ", ".", ":", "#", "@"]

    /// The glyph for `value` in 0...1 (clamped; NaN shows as empty).
    public static func glyph(for value: Double, mode: GlyphMode = .unicode) -> Character {
        let ramp = mode == .ascii ? asciiRamp : unicodeRamp
        guard value.isFinite else { return ramp[0] }
        let v = min(1, max(0, value))
        return ramp[min(ramp.count - 1, Int(v * Double(ramp.count - 1) + 0.5))]
    }

    /// The theme role for `value` in 0...1: low below 1/3, high from 2/3.
    public static func role(for value: Double) -> ThemeRole {
        guard value.isFinite else { return .heatmapLow }
        if value < 1.0 / 3.0 { return .heatmapLow }
        return value < 2.0 / 3.0 ? .heatmapMid : .heatmapHigh
    }
}
