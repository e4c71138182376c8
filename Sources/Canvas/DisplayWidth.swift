/// Terminal column width of text, per grapheme cluster (what a terminal draws as one glyph).
///
/// Rules: a cluster whose first scalar is East Asian Wide/Fullwidth or has Emoji_Presentation is 2,
/// and so is an emoji with VS16 (U+FE0F) or a skin-tone modifier; a cluster made only of combining
/// marks, format characters or zero-width characters is 0 (controls too: the sanitiser replaces
/// them before they reach a buffer); otherwise the base counts 1 (East Asian Ambiguous included)
/// plus 1 per spacing mark, a virama conjunct sharing one column with its vowel sign. This matches
/// Python's wcwidth 0.7 on the fixture corpus; the one deliberate difference is a text-presentation
/// emoji with a skin tone (☝🏽): wcwidth says 1, we say 2, as terminals that join them draw it.
public enum DisplayWidth {
    /// Width of one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        // ASCII fast path: most text is ASCII and this keeps wrapping linear and cheap.
        if let ascii = character.asciiValue {
            return (ascii >= 0x20 && ascii < 0x7F) ? 1 : 0
        }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isWide(first) { return 2 }
        let props = first.properties
        if props.isEmojiPresentation { return 2 }
        if props.isEmoji, scalars.contains(where: { $0.value == 0xFE0F || (0x1F3FB...0x1F3FF).contains($0.value) }) { return 2 }
        // Narrow base: spacing marks (Devanagari vowel signs, Thai SARA AM, ...) take a column
        // each, as terminals draw them; combining marks take none.
        // A consonant after a virama forms a conjunct with what precedes it; the conjunct and a
        // vowel sign right after it share one column (wcwidth's rule).
        var width = isZeroWidth(first) ? 0 : 1
        var afterVirama = false
        var conjunctPending = false
        for scalar in scalars.dropFirst() {
            let props = scalar.properties
            if isZeroWidth(scalar) {
                afterVirama = props.canonicalCombiningClass == .virama
                continue
            }
            if afterVirama, props.generalCategory == .otherLetter {
                afterVirama = false
                conjunctPending = true
                continue
            }
            afterVirama = false
            if conjunctPending, props.generalCategory == .spacingMark {
                conjunctPending = false
                width += 1
                continue
            }
            if conjunctPending { width += 1; conjunctPending = false }
            width += isWide(scalar) ? 2 : 1
        }
        return width + (conjunctPending ? 1 : 0)
    }

    /// Sum of the widths of the grapheme clusters of `text`.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for ch in text { total += of(ch) }
        return total
    }

    /// True if the scalar is in the East Asian Wide or Fullwidth table.
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        let ranges = EastAsianWideTable.ranges
        var lo = 0, hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < ranges[mid].0 { hi = mid - 1 } else if v > ranges[mid].1 { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// True for scalars that take no column of their own: combining marks, format characters
    /// (except the soft hyphen, which terminals draw), Hangul medial/final jamo, C0/C1 controls.
    public static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if v == 0xAD { return false }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }
}
