/// Reads the file's own preference (`winner`/`label`) and gold answers (`gold`).
enum LabelParsing {
    /// A pair label: A/B/tie, model_a/model_b, response_a/response_b, 0/1; nil for null.
    static func pairLabel(_ value: JSONValue, field: String) throws -> SourceLabel? {
        let expected = "expected A, B, tie, model_a, model_b, 0 or 1"
        switch value {
        case .null: return nil
        case .number(let d):
            if d == 0 { return SourceLabel(preferred: 0, other: 1) }
            if d == 1 { return SourceLabel(preferred: 1, other: 0) }
            throw RowProblem(field, "\(expected), got \(value.canonicalJSON)")
        case .string(let raw):
            let s = raw.trimmingWhitespace.lowercased()
            switch s {
            case "a", "model_a", "response_a", "0": return SourceLabel(preferred: 0, other: 1)
            case "b", "model_b", "response_b", "1": return SourceLabel(preferred: 1, other: 0)
            default:
                // "tie", "tie (bothbad)", "tie (inconsistent)" as in LMSYS and MT-Bench files.
                if s.hasPrefix("tie") { return SourceLabel(preferred: nil, other: 1) }
                throw RowProblem(field, "\(expected), got \(JSONValue.quote(raw))")
            }
        default:
            throw RowProblem(field, "\(expected), got \(value.kindDescription)")
        }
    }

    /// A gold answer: A/B/tie; for TRL and HH rows also chosen (= A) and rejected (= B). Null means not gold.
    static func gold(_ value: JSONValue, preferenceRows: Bool) throws -> GoldAnswer? {
        let expected = preferenceRows ? "expected chosen, A, B or tie" : "expected A, B or tie"
        switch value {
        case .null: return nil
        case .string(let raw):
            switch raw.trimmingWhitespace.lowercased() {
            case "a": return .a
            case "b": return .b
            case "tie": return .tie
            case "chosen" where preferenceRows: return .a
            case "rejected" where preferenceRows: return .b
            default: throw RowProblem("gold", "\(expected), got \(JSONValue.quote(raw))")
            }
        default:
            throw RowProblem("gold", "\(expected), got \(value.kindDescription)")
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace (Foundation-free).
    var trimmingWhitespace: String {
        // Fast path: visible ASCII at both ends needs no Unicode property lookups.
        if let f = utf8.first, let l = utf8.last, f > 0x20, f < 0x7F, l > 0x20, l < 0x7F { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
