/// Writes one JSON object with keys in the order they are added: export rows need a fixed key order,
/// which `JSONSerialization` cannot promise.
struct JSONRowBuilder {
    private var text = "{"
    private var empty = true

    /// Adds a key whose value is already JSON text.
    mutating func raw(_ key: String, _ json: String) {
        if !empty { text += "," }
        empty = false
        text += JSONValue.quote(key) + ":" + json
    }

    /// Adds a string value.
    mutating func string(_ key: String, _ value: String) { raw(key, JSONValue.quote(value)) }

    /// Adds a number (or null).
    mutating func number(_ key: String, _ value: Double?) { raw(key, value.map(JSONNumber.text) ?? "null") }

    /// Adds a boolean.
    mutating func bool(_ key: String, _ value: Bool) { raw(key, value ? "true" : "false") }

    /// The finished object text.
    var json: String { text + "}" }

    /// A message list as JSON: `[{"role": ..., "content": ...}]`, role first.
    static func messages(_ messages: [Message]) -> String {
        "[" + messages.map { m -> String in
            var o = JSONRowBuilder()
            o.string("role", m.role)
            o.string("content", m.content)
            return o.json
        }.joined(separator: ",") + "]"
    }

    /// A one-message assistant list, the conversational form of a completion.
    static func assistant(_ content: String) -> String { messages([Message(role: "assistant", content: content)]) }
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
