/// One piece of sanitised text: either text to show as is, or a marker standing for something
/// removed or made visible (shown dim, in the theme's `marker` style).
public struct SanitizedPiece: Hashable, Sendable {
    /// What the piece is.
    public enum Kind: Hashable, Sendable {
        /// Safe text; may contain `\n` and `\t`, which are layout for the wrapper.
        case text
        /// A visible stand-in for a removed sequence or an invisible/dangerous character.
        case marker
    }
    /// What the piece is.
    public var kind: Kind
    /// The text to show.
    public var text: String

    /// Creates a piece.
    public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = text }
}

/// The one place untrusted text is made safe for the screen (DESIGN §5). Store and export raw text;
/// call this on the way to a buffer. It removes whole escape sequences (CSI, OSC, DCS, APC, PM, SOS
/// in 7-bit and 8-bit form, unterminated ones too, and two/three-character ESC sequences), and
/// replaces other C0/C1 controls, DEL, bidi controls and zero-width characters with visible
/// markers. ZWJ inside an emoji sequence is kept so the sequence stays one glyph, and ZWNJ/ZWJ between
/// letters of a script whose spelling needs them (Persian, Hindi, ...) are kept as text. `\n` and `\t`
/// are kept (layout); a CR directly before LF is dropped (Windows line ends).
public enum Sanitizer {
    /// Longest payload an unterminated string sequence (OSC, DCS, ...) may swallow; after that the
    /// rest is shown as text, so a stray introducer cannot hide a whole response.
    public static let maxUnterminatedLength = 4096

    /// Sanitises `text` into pieces of text and markers. With `singleLine` (names, file paths,
    /// table cells) a newline is shown as the marker `␊` and a tab as one space.
    public static func sanitize(_ text: String, mode: GlyphMode = .unicode, singleLine: Bool = false) -> [SanitizedPiece] {
        var out = PieceBuilder(mode: mode)
        let view = text.unicodeScalars
        let s = Array(view)
        // Safe text is copied in runs (one substring per run, not scalar by scalar); `index`
        // follows `i` lazily through the string so a run can be sliced out.
        var index = view.startIndex
        var indexAt = 0
        var runStart: String.Index? = nil
        func position(_ i: Int) -> String.Index {
            index = view.index(index, offsetBy: i - indexAt)
            indexAt = i
            return index
        }
        func flush(_ i: Int) {
            guard let start = runStart else { return }
            out.text(Substring(view[start..<position(i)]))
            runStart = nil
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            let v = c.value
            let isSafe: Bool
            switch v {
            case 0x0A, 0x09: isSafe = !singleLine
            case 0x20..<0x7F: isSafe = true
            case 0x00..<0x20, 0x7F...0x9F: isSafe = false
            case 0x200D: isSafe = keepsZWJ(s, at: i) || joinsLetters(s, at: i)
            case 0x200C: isSafe = joinsLetters(s, at: i)
            default: isSafe = invisibleName(v) == nil
            }
            if isSafe {
                if runStart == nil { runStart = position(i) }
                i += 1
                continue
            }
            flush(i)
            if v == 0x1B {
                i = escape(s, at: i, into: &out)
            } else if isStringIntroducer(v) {
                i = skipString(s, from: i + 1)
                out.marker(.escape)
            } else if v == 0x9B {
                i = skipCSI(s, from: i + 1)
                out.marker(.escape)
            } else {
                switch v {
                case 0x0D where i + 1 < s.count && s[i + 1].value == 0x0A: break
                case 0x09: out.text(" ")
                case 0x00..<0x20, 0x7F: out.marker(.c0(UInt8(v)))
                case 0x80...0x9F: out.marker(.c1(UInt8(v)))
                default: out.marker(.named(invisibleName(v) ?? "?", v))
                }
                i += 1
            }
        }
        flush(s.count)
        return out.finish()
    }

    /// Sanitises and joins into one string (markers inline), for places without styles such as
    /// log lines, and tests.
    public static func plainText(_ text: String, mode: GlyphMode = .unicode, singleLine: Bool = false) -> String {
        sanitize(text, mode: mode, singleLine: singleLine).map(\.text).joined()
    }

    /// Names of bidi controls and zero-width characters shown as `⟨NAME⟩`.
    static func invisibleName(_ v: UInt32) -> String? {
        switch v {
        case 0x202A: return "LRE"
        case 0x202B: return "RLE"
        case 0x202C: return "PDF"
        case 0x202D: return "LRO"
        case 0x202E: return "RLO"
        case 0x2066: return "LRI"
        case 0x2067: return "RLI"
        case 0x2068: return "FSI"
        case 0x2069: return "PDI"
        case 0x200E: return "LRM"
        case 0x200F: return "RLM"
        case 0x061C: return "ALM"
        case 0x200B: return "ZWSP"
        case 0x200C: return "ZWNJ"
        case 0x200D: return "ZWJ"
        case 0x2060: return "WJ"
        case 0xFEFF: return "BOM"
        case 0x2028: return "LS"
        case 0x2029: return "PS"
        default: return nil
        }
    }

    /// A ZWJ is kept only between two emoji (e.g. 👨‍👩‍👧), where it joins them into one glyph.
    static func keepsZWJ(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i > 0, i + 1 < s.count else { return false }
        func emoji(_ c: Unicode.Scalar) -> Bool { c.value > 0x7F && c.properties.isEmoji }
        let before = s[i - 1]
        let beforeOK = emoji(before) || before.value == 0xFE0F
        return beforeOK && emoji(s[i + 1])
    }

    /// ZWNJ and ZWJ are part of ordinary spelling in Arabic-script languages (Persian "می‌خواهم"), in Indic
    /// scripts (a half form: KA, VIRAMA, ZWJ, SSA) and a few others: between two letters or marks of such a
    /// script they are kept, since a marker in every other word would make the text unreadable. Anywhere else
    /// (Latin text, next to a space, at an edge) they still show as markers: there they can hide a difference.
    static func joinsLetters(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i > 0, i + 1 < s.count else { return false }
        return usesJoiners(s[i - 1]) && usesJoiners(s[i + 1])
    }

    /// A letter or combining mark of a script that uses zero-width joiners in its spelling.
    static func usesJoiners(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0600...0x06FF, 0x0700...0x074F, 0x0750...0x077F, 0x0780...0x07BF, 0x07C0...0x07FF, 0x08A0...0x08FF,
             0x0900...0x0DFF, 0x1000...0x109F, 0x1780...0x17FF, 0x1800...0x18AF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
            switch c.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark:
                return true
            default:
                return false
            }
        default:
            return false
        }
    }

    /// Handles an ESC at `i`; returns the index after what it removed.
    static func escape(_ s: [Unicode.Scalar], at i: Int, into out: inout PieceBuilder) -> Int {
        out.marker(.escape)
        guard i + 1 < s.count else { return i + 1 }
        let next = s[i + 1].value
        switch next {
        case 0x5B: return skipCSI(s, from: i + 2)                               // ESC [
        case 0x50, 0x58, 0x5D, 0x5E, 0x5F: return skipString(s, from: i + 2)  // ESC P/X/]/^/_: DCS SOS OSC PM APC
        case 0x20...0x2F:
            // nF sequences such as ESC ( B: intermediates then one final byte.
            var j = i + 1
            while j < s.count, (0x20...0x2F).contains(s[j].value) { j += 1 }
            if j < s.count, (0x30...0x7E).contains(s[j].value) { j += 1 }
            return j
        case 0x30...0x7E: return i + 2                                           // ESC c, ESC 7, ESC M ...
        default: return i + 1                                                    // lone ESC
        }
    }

    /// Skips a CSI's parameter and intermediate bytes and its final byte; stops early (without
    /// consuming) at anything that cannot belong to a CSI, as terminals do.
    static func skipCSI(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var j = start
        let end = min(s.count, start + maxUnterminatedLength)
        while j < end {
            let v = s[j].value
            if (0x40...0x7E).contains(v) { return j + 1 }
            if !(0x20...0x3F).contains(v) { return j }
            j += 1
        }
        return j
    }

    /// True for the 8-bit introducers of string sequences: DCS, SOS, OSC, PM, APC.
    static func isStringIntroducer(_ v: UInt32) -> Bool { [0x90, 0x98, 0x9D, 0x9E, 0x9F].contains(v) }

    /// Skips a string sequence's payload and its terminator (BEL, ESC \ or U+009C; CAN/SUB abort;
    /// another ESC ends it without being consumed). Unterminated: to the end of the text, but at
    /// most `maxUnterminatedLength` scalars.
    static func skipString(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var j = start
        let end = min(s.count, start + maxUnterminatedLength)
        while j < end {
            switch s[j].value {
            case 0x07, 0x9C, 0x18, 0x1A: return j + 1
            case 0x1B: return (j + 1 < s.count && s[j + 1].value == 0x5C) ? j + 2 : j
            default: j += 1
            }
        }
        return j
    }
}

/// Accumulates pieces, merging runs of the same kind.
struct PieceBuilder {
    /// The markers the sanitiser can emit.
    enum Marker {
        case escape, c0(UInt8), c1(UInt8), named(String, UInt32)
    }

    let mode: GlyphMode
    private var pieces: [SanitizedPiece] = []
    private var current = ""
    private var currentKind = SanitizedPiece.Kind.text

    init(mode: GlyphMode) { self.mode = mode }

    /// Appends safe text. In ASCII mode non-ASCII becomes `?` per scalar, skipping combining
    /// marks and emoji joiners, which would otherwise multiply the `?`.
    mutating func text(_ run: Substring) {
        switchTo(.text)
        guard mode == .ascii else { current += run; return }
        for c in run.unicodeScalars {
            if c.value <= 0x7F { current.unicodeScalars.append(c); continue }
            if DisplayWidth.isZeroWidth(c) || c.value == 0x200D || c.value == 0xFE0F { continue }
            current.append("?")
        }
    }

    mutating func marker(_ m: Marker) {
        switchTo(.marker)
        let text: String
        switch (m, mode) {
        case (.escape, .unicode): text = "\u{241B}"
        case (.escape, .ascii): text = "^["
        case (.c0(let b), .unicode): text = String(Character(Unicode.Scalar(b == 0x7F ? 0x2421 : 0x2400 + UInt32(b)) ?? "?"))
        case (.c0(let b), .ascii): text = b == 0x7F ? "^?" : "^" + String(Character(Unicode.Scalar(b + 0x40)))
        case (.c1(let b), .unicode): text = "\u{27E8}" + hex(UInt32(b), digits: 2) + "\u{27E9}"
        case (.c1(let b), .ascii): text = "<" + hex(UInt32(b), digits: 2) + ">"
        case (.named(let name, _), .unicode): text = "\u{27E8}" + name + "\u{27E9}"
        case (.named(_, let v), .ascii): text = "<U+" + hex(v, digits: 4) + ">"
        }
        current += text
    }

    private func hex(_ v: UInt32, digits: Int) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - h.count)) + h
    }

    private mutating func switchTo(_ kind: SanitizedPiece.Kind) {
        guard kind != currentKind else { return }
        if !current.isEmpty { pieces.append(SanitizedPiece(currentKind, current)) }
        current = ""
        currentKind = kind
    }

    mutating func finish() -> [SanitizedPiece] {
        if !current.isEmpty { pieces.append(SanitizedPiece(currentKind, current)) }
        current = ""
        return pieces
    }
}
