/// A row's top-level fields in a small array. Rows have a handful of fields, each read once: a linear search
/// is cheaper than hashing every key into a dictionary and out again (a tenth of parse time at 1M rows).
struct FieldList {
    private(set) var entries: [(key: String, value: JSONValue)] = []

    init(capacity: Int = 8) { entries.reserveCapacity(capacity) }

    /// The field names, in no particular order.
    var keys: [String] { entries.map(\.key) }

    /// Adds a field whose name is known not to be present yet (keys of one parsed JSON object).
    mutating func append(_ key: String, _ value: JSONValue) { entries.append((key, value)) }

    /// Sets a field, replacing one of the same name (a repeated CSV header: the last column wins).
    mutating func set(_ key: String, _ value: JSONValue) {
        if let i = entries.firstIndex(where: { $0.key == key }) { entries[i].value = value } else { append(key, value) }
    }

    /// Whether a field is present.
    func contains(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// Removes and returns a field (nil when absent); the order of the others may change.
    mutating func take(_ key: String) -> JSONValue? {
        guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
        entries.swapAt(i, entries.count - 1)
        return entries.removeLast().value
    }

    /// The fields as a dictionary (item metadata).
    var dictionary: [String: JSONValue] {
        Dictionary(entries, uniquingKeysWith: { _, last in last })
    }
}
