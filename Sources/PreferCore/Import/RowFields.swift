/// Typed access to one row's fields, consuming what it reads so the rest can become metadata.
struct RowFields {
    private(set) var remaining: FieldList

    init(_ fields: consuming FieldList) { remaining = fields }

    /// Removes and returns a field (nil when absent).
    mutating func take(_ key: String) -> JSONValue? { remaining.take(key) }

    /// Removes and returns a field that must be present.
    mutating func require(_ key: String, shape: ImportShape) throws -> JSONValue {
        guard let v = take(key) else { throw RowProblem(key, "missing (the \(shape.rawValue) shape needs \(shape.requiredFields))") }
        return v
    }

    /// A non-empty string field, or an error naming what was there instead.
    static func nonEmptyString(_ value: JSONValue, field: String) throws -> String {
        guard case .string(let s) = value else { throw RowProblem(field, "expected a string, got \(value.kindDescription)") }
        if isBlank(s) { throw RowProblem(field, "is empty") }
        return s
    }

    /// An optional short string (model names, ids): strings and numbers are accepted, null and "" mean absent.
    static func optionalName(_ value: JSONValue?, field: String) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s.isEmpty ? nil : s
        case .number?: return value?.canonicalJSON
        case let v?: throw RowProblem(field, "expected a string, got \(v.kindDescription)")
        }
    }

    /// Whether a string has no visible content.
    static func isBlank(_ s: String) -> Bool {
        // Fast path: a visible ASCII first byte settles it without Unicode property lookups.
        if let b = s.utf8.first, b > 0x20, b < 0x7F { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
