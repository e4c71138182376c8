import PreferCore

/// Reads a stored prompt (`item.prompt_json`) in its usual form straight from SQLite's bytes: splitting it
/// with SQLite's JSON functions cost ~0.85 s per million items and a JSONDecoder call per item more, the
/// largest parts of an export. The usual form: a JSON array of objects whose members are exactly the
/// strings "role" and "content" (in either order), standard JSON whitespace and escapes, no \u0000 and no
/// lone surrogate. Anything else gives nil and the caller asks SQLite, whose reading stays the reference;
/// on this subset of JSON both read the same messages.
struct StoredPromptScanner {
    private var b = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var i = 0
    /// The unescaped texts of the messages, back to back; `spans` locates each message's role and content.
    /// Both are reused from prompt to prompt.
    private(set) var text: [UInt8] = []
    private(set) var spans: [(role: Range<Int>, content: Range<Int>)] = []

    /// A scanner; `scan` it over one prompt after another.
    init() {}

    /// The messages of a stored prompt in the usual form, or nil when SQLite must read it.
    static func messages(_ bytes: UnsafeBufferPointer<UInt8>) -> [Message]? {
        var s = StoredPromptScanner()
        guard s.scan(bytes) else { return nil }
        func string(_ r: Range<Int>) -> String { String(decoding: s.text[r], as: UTF8.self) }
        return s.spans.map { Message(role: string($0.role), content: string($0.content)) }
    }

    /// Scans a prompt into `text` and `spans`; false when SQLite must read it. `bytes` is not kept.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        b = bytes
        i = 0
        text.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        defer { b = UnsafeBufferPointer(start: nil, count: 0) }
        return array()
    }

    private mutating func array() -> Bool {
        skipSpace()
        guard take(0x5B) else { return false }  // [
        skipSpace()
        if !take(0x5D) {
            while true {
                guard let m = message() else { return false }
                spans.append(m)
                skipSpace()
                if take(0x5D) { break }
                guard take(0x2C) else { return false }
                skipSpace()
            }
        }
        skipSpace()
        return i == b.count
    }

    /// `{"role": "...", "content": "..."}`, members in either order, nothing else.
    private mutating func message() -> (role: Range<Int>, content: Range<Int>)? {
        guard take(0x7B) else { return nil }  // {
        var role: Range<Int>?, content: Range<Int>?
        for member in 0..<2 {
            skipSpace()
            guard let key = keyName() else { return nil }
            skipSpace()
            guard take(0x3A) else { return nil }  // :
            skipSpace()
            guard let value = string() else { return nil }
            switch key {
            case .role where role == nil: role = value
            case .content where content == nil: content = value
            default: return nil  // a repeated member: SQLite would pick one, leave that to it
            }
            skipSpace()
            if member == 0 { guard take(0x2C) else { return nil } }
        }
        guard take(0x7D), let role, let content else { return nil }
        return (role, content)
    }

    private enum Key { case role, content }

    /// A member name written plainly as "role" or "content".
    private mutating func keyName() -> Key? {
        if consume("\"role\"") { return .role }
        if consume("\"content\"") { return .content }
        return nil
    }

    /// Consumes `text` if it comes next.
    private mutating func consume(_ text: StaticString) -> Bool {
        let matched = text.withUTF8Buffer { t in
            guard i + t.count <= b.count else { return false }
            for k in 0..<t.count where b[i + k] != t[k] { return false }
            return true
        }
        if matched { i += text.utf8CodeUnitCount }
        return matched
    }

    /// A JSON string, unescaped onto `text`; nil for anything outside the usual form.
    private mutating func string() -> Range<Int>? {
        guard take(0x22) else { return nil }
        let start = i
        guard let base = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i < b.count {
            // Plain runs eight bytes at a time: `needsLook` flags every byte this loop stops at (and a few more).
            if i + 8 <= b.count, !JSONBytes.needsLook(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8; continue }
            let c = b[i]
            if c == 0x22 {
                defer { i += 1 }
                let at = text.count
                text.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                return at..<text.count
            }
            if c == 0x5C { return escapedString(from: start) }
            if c < 0x20 { return nil }  // a raw control character is not JSON
            i += 1
        }
        return nil
    }

    /// The rest of a string that has escapes, from its first byte `start`.
    private mutating func escapedString(from start: Int) -> Range<Int>? {
        let at = text.count
        text.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            i += 1
            if c == 0x22 { return at..<text.count }
            if c < 0x20 { return nil }
            guard c == 0x5C else { text.append(c); continue }
            guard i < b.count else { return nil }
            let e = b[i]
            i += 1
            switch e {
            case 0x22, 0x5C, 0x2F: text.append(e)  // \" \\ \/
            case 0x62: text.append(0x08)  // \b
            case 0x66: text.append(0x0C)  // \f
            case 0x6E: text.append(0x0A)  // \n
            case 0x72: text.append(0x0D)  // \r
            case 0x74: text.append(0x09)  // \t
            case 0x75:  // \uXXXX, a surrogate pair as two
                guard var code = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(code) {
                    guard take(0x5C), take(0x75), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if code == 0 || (0xDC00..<0xE000).contains(code) {
                    return nil
                }
                guard let scalar = Unicode.Scalar(code), let encoded = UTF8.encode(scalar) else { return nil }
                text.append(contentsOf: encoded)
            default: return nil
            }
        }
        return nil
    }

    /// Four hex digits.
    private mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    /// Consumes `c` if it is next.
    private mutating func take(_ c: UInt8) -> Bool {
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }
}
