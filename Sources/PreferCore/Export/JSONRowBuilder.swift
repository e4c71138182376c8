/// Writes one JSON object with keys in the order they are added, straight into a byte buffer: export rows
/// need a fixed key order, which `JSONSerialization` cannot promise, and a million rows should not build a
/// million intermediate Strings.
struct JSONRowBuilder {
    private var empty = true

    /// Opens the object (`{`) at the end of `out`.
    init(into out: inout [UInt8]) { out.append(0x7B) }

    /// Writes the separator and the quoted key; the caller writes the value next.
    mutating func key(_ key: StaticString, _ out: inout [UInt8]) {
        if !empty { out.append(0x2C) }
        empty = false
        out.append(0x22)
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(0x22)
        out.append(0x3A)
    }

    /// Adds a string value.
    mutating func string(_ key: StaticString, _ value: String, _ out: inout [UInt8]) {
        self.key(key, &out)
        JSONBytes.quote(value, into: &out)
    }

    /// Adds a number (or null).
    mutating func number(_ key: StaticString, _ value: Double?, _ out: inout [UInt8]) {
        self.key(key, &out)
        out.append(contentsOf: (value.map(JSONNumber.text) ?? "null").utf8)
    }

    /// Adds a boolean.
    mutating func bool(_ key: StaticString, _ value: Bool, _ out: inout [UInt8]) {
        self.key(key, &out)
        out.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Closes the object.
    func close(_ out: inout [UInt8]) { out.append(0x7D) }

    /// A message list as JSON: `[{"role": ..., "content": ...}]`, role first.
    static func messages(_ messages: [Message], into out: inout [UInt8]) {
        out.append(0x5B)
        for (i, m) in messages.enumerated() {
            if i > 0 { out.append(0x2C) }
            message(role: m.role, content: m.content, into: &out)
        }
        out.append(0x5D)
    }

    /// One `{"role": ..., "content": ...}` object.
    static func message(role: String, content: String, into out: inout [UInt8]) {
        var o = JSONRowBuilder(into: &out)
        o.string("role", role, &out)
        o.string("content", content, &out)
        o.close(&out)
    }

    /// A one-message assistant list, the conversational form of a completion.
    static func assistant(_ content: String, into out: inout [UInt8]) {
        out.append(0x5B)
        message(role: "assistant", content: content, into: &out)
        out.append(0x5D)
    }
}

/// Deterministic JSON numbers for export rows.
public enum JSONNumber {
    /// Integral values within ±2^53 print as integers ("3", not "3.0"); others as the shortest text that
    /// reads back to the same Double (Swift's `description`, e.g. "0.1", "1e-07"); NaN and infinities,
    /// which JSON cannot express, print as `null`.
    public static func text(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) <= 9_007_199_254_740_992 { return String(Int64(value)) }
        return value.description
    }
}
