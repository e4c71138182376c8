// Test and demo data: strings an LLM response, prompt or file name could carry to attack or
// garble a terminal. Shared by Canvas tests and UI snapshot tests; not used by the app itself.

/// One hostile input: what must still be readable after sanitising, and what must be shown.
public struct HostileCase: Sendable {
    /// Short name for test messages.
    public let name: String
    /// The raw text.
    public let text: String
    /// Visible text around the removed parts that must survive sanitising.
    public let survives: [String]
    /// Markers (Unicode mode) that must appear in the sanitised text.
    public let markers: [String]
}

/// Hostile strings for tests and demos (DESIGN §5).
public enum HostileCorpus {
    /// All cases, small ones first; the last two are large (10,000-char word, 1 MB response).
    public static let cases: [HostileCase] = small + [longWord, megabyte]

    static let esc = "\u{1B}"
    static let sep = "\u{241B}"

    static let small: [HostileCase] = [
        HostileCase(name: "CSI clear screen", text: "before\(esc)[2Jafter", survives: ["before", "after"], markers: [sep]),
        HostileCase(name: "CSI cursor move", text: "row\(esc)[10;10Hcol\(esc)[Aup", survives: ["row", "col", "up"], markers: [sep]),
        HostileCase(name: "SGR colour", text: "\(esc)[31;1mred\(esc)[0m plain", survives: ["red", " plain"], markers: [sep]),
        HostileCase(name: "OSC 0 title", text: "x\(esc)]0;pwn\u{07}y", survives: ["x", "y"], markers: [sep]),
        HostileCase(name: "OSC 52 clipboard", text: "copy\(esc)]52;c;ZXZpbA==\u{07}done", survives: ["copy", "done"], markers: [sep]),
        HostileCase(name: "OSC 8 link", text: "\(esc)]8;;https://evil.example/\(esc)\\click\(esc)]8;;\(esc)\\ here",
                    survives: ["click", " here"], markers: [sep]),
        HostileCase(name: "DCS", text: "a\(esc)P1$r0m\(esc)\\b", survives: ["a", "b"], markers: [sep]),
        HostileCase(name: "APC", text: "a\(esc)_Gf=100;AAAA\(esc)\\b", survives: ["a", "b"], markers: [sep]),
        HostileCase(name: "PM and SOS", text: "a\(esc)^privacy\(esc)\\b\(esc)Xstring\(esc)\\c", survives: ["a", "b", "c"], markers: [sep]),
        HostileCase(name: "8-bit CSI", text: "left\u{9B}2Jright", survives: ["left", "right"], markers: [sep]),
        HostileCase(name: "8-bit OSC with 8-bit ST", text: "left\u{9D}0;title\u{9C}right", survives: ["left", "right"], markers: [sep]),
        HostileCase(name: "8-bit DCS and APC", text: "p\u{90}qqq\u{9C}q\u{9F}zz\u{9C}r", survives: ["p", "q", "r"], markers: [sep]),
        HostileCase(name: "unterminated OSC", text: "visible\(esc)]0;never ends", survives: ["visible"], markers: [sep]),
        HostileCase(name: "RIS reset", text: "keep\(esc)cthis", survives: ["keep", "this"], markers: [sep]),
        HostileCase(name: "save/restore cursor and charset", text: "a\(esc)7b\(esc)8c\(esc)(0d\(esc)(Be",
                    survives: ["a", "b", "c", "d", "e"], markers: [sep]),
        HostileCase(name: "CR overwrite", text: "abc\rXYZ", survives: ["abc", "XYZ"], markers: ["\u{240D}"]),
        HostileCase(name: "backspaces", text: "rm -rf /\u{08}\u{08}\u{08}safe", survives: ["rm -rf /", "safe"], markers: ["\u{2408}"]),
        HostileCase(name: "NUL and DEL", text: "nul\u{00}del\u{7F}end", survives: ["nul", "del", "end"], markers: ["\u{2400}", "\u{2421}"]),
        HostileCase(name: "bell and form feed", text: "ding\u{07}\u{0C}page", survives: ["ding", "page"], markers: ["\u{2407}", "\u{240C}"]),
        HostileCase(name: "RLO override", text: "file\u{202E}txt.exe", survives: ["file", "txt.exe"], markers: ["\u{27E8}RLO\u{27E9}"]),
        HostileCase(name: "LRI isolate", text: "a\u{2066}b\u{2069}c", survives: ["a", "b", "c"], markers: ["\u{27E8}LRI\u{27E9}", "\u{27E8}PDI\u{27E9}"]),
        HostileCase(name: "zero-width joiners in text", text: "pass\u{200D}word\u{200B}x\u{FEFF}y", survives: ["pass", "word", "x", "y"],
                    markers: ["\u{27E8}ZWJ\u{27E9}", "\u{27E8}ZWSP\u{27E9}", "\u{27E8}BOM\u{27E9}"]),
        HostileCase(name: "family emoji keeps ZWJ", text: "fam \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} ok",
                    survives: ["\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", " ok"], markers: []),
        HostileCase(name: "C1 NEL", text: "one\u{85}two", survives: ["one", "two"], markers: ["\u{27E8}85\u{27E9}"]),
        HostileCase(name: "wide CJK and tabs", text: "名前\tvalue\t終", survives: ["名前", "value", "終"], markers: []),
    ]

    /// A 10,000-character line without spaces: must hard-wrap in linear time.
    static let longWord = HostileCase(name: "10,000-char word", text: String(repeating: "abcdefghij", count: 1_000),
                                      survives: ["abcdefghij"], markers: [])

    /// About 1 MB of prose, code fences and escapes mixed in.
    static let megabyte: HostileCase = {
        let block = """
        The quick brown fox jumps over the lazy dog; 名前は日本語 \(esc)[2J and \u{202E}reversed text.
        ```swift
            let x = "\(esc)]52;c;ZXZpbA==\u{07}" // an indented code line that is long enough to be clipped at the pane edge
        ```
        Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.

        """
        let count = 1_000_000 / block.utf8.count + 1
        return HostileCase(name: "1 MB response", text: String(repeating: block, count: count),
                           survives: ["The quick brown fox", "Lorem ipsum"], markers: [sep, "\u{27E8}RLO\u{27E9}"])
    }()
}
