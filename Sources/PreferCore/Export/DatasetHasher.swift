/// An item as it enters the dataset version: its id and content hash (`ImportedItem.contentHash`).
public struct HashedItem: Hashable, Sendable {
    public var id: Int64
    public var contentHash: String
    public init(id: Int64, contentHash: String) { self.id = id; self.contentHash = contentHash }
}

/// A current (not superseded, not skipped) judgment, in response-identity terms (`Vote.choice`).
public struct HashedJudgment: Hashable, Sendable {
    public var id: Int64
    public var itemID: Int64
    public var annotator: String
    public var choice: Int
    public var bothBad: Bool
    public init(id: Int64, itemID: Int64, annotator: String, choice: Int, bothBad: Bool) {
        self.id = id; self.itemID = itemID; self.annotator = annotator; self.choice = choice; self.bothBad = bothBad
    }
}

/// A current adjudication: the lead's label for an item (e.g. "A", "B", "tie", "both_bad").
public struct HashedAdjudication: Hashable, Sendable {
    public var id: Int64
    public var itemID: Int64
    public var label: String
    public init(id: Int64, itemID: Int64, label: String) { self.id = id; self.itemID = itemID; self.label = label }
}

/// The dataset version: a streaming content hash over the items, judgments and adjudications an export used.
///
/// Feeding order: within each kind, records in strictly increasing `id` order (the caller sorts by id;
/// out-of-order or repeated ids throw). The three kinds are hashed separately, so they may be fed
/// interleaved or one after another. Each record is one canonical line, a JSON array:
/// `["item",id,"contentHash"]`, `["judgment",id,itemID,"annotator",choice,bothBad]`,
/// `["adjudication",id,itemID,"label"]`, each followed by "\n". The version is
/// SHA-256("prefer-dataset-v1\n" + items digest + "\n" + judgments digest + "\n" + adjudications digest + "\n").
public struct DatasetHasher: ~Copyable {
    private var items = SHA256(), judgments = SHA256(), adjudications = SHA256()
    private var lastItem: Int64?, lastJudgment: Int64?, lastAdjudication: Int64?
    /// The record line being built, reused: a million records should not build a million Strings.
    private var line: [UInt8] = []

    /// A hasher with nothing fed yet.
    public init() {}

    /// Adds an item; ids must increase.
    public mutating func add(_ r: HashedItem) throws {
        try DatasetHasher.checkOrder("item", r.id, &lastItem)
        line.removeAll(keepingCapacity: true)
        append("[\"item\",", r.id, ",")
        JSONBytes.quote(r.contentHash, into: &line)
        line.append(contentsOf: "]\n".utf8)
        line.withUnsafeBytes { items.update($0) }
    }

    /// Adds a judgment; ids must increase.
    public mutating func add(_ r: HashedJudgment) throws {
        try DatasetHasher.checkOrder("judgment", r.id, &lastJudgment)
        line.removeAll(keepingCapacity: true)
        append("[\"judgment\",", r.id, ",")
        append("", r.itemID, ",")
        JSONBytes.quote(r.annotator, into: &line)
        append(",", Int64(r.choice), r.bothBad ? ",true]\n" : ",false]\n")
        line.withUnsafeBytes { judgments.update($0) }
    }

    /// Adds an adjudication; ids must increase.
    public mutating func add(_ r: HashedAdjudication) throws {
        try DatasetHasher.checkOrder("adjudication", r.id, &lastAdjudication)
        adjudications.update("[\"adjudication\",\(r.id),\(r.itemID),\(JSONValue.quote(r.label))]\n")
    }

    /// The dataset version, lowercase hex.
    public consuming func finalizeHex() -> String {
        SHA256.hex(of: "prefer-dataset-v1\n" + items.finalizeHex() + "\n" + judgments.finalizeHex() + "\n"
            + adjudications.finalizeHex() + "\n")
    }

    /// Appends `before`, the decimal digits of `n`, then `after` to the line.
    private mutating func append(_ before: StaticString, _ n: Int64, _ after: StaticString) {
        before.withUTF8Buffer { line.append(contentsOf: $0) }
        if n < 0 { line.append(0x2D) }
        let start = line.count
        var v = n.magnitude
        repeat { line.append(UInt8(truncatingIfNeeded: v % 10) + 0x30); v /= 10 } while v > 0
        line[start...].reverse()  // digits were written lowest first
        after.withUTF8Buffer { line.append(contentsOf: $0) }
    }

    private static func checkOrder(_ kind: String, _ id: Int64, _ last: inout Int64?) throws {
        if let previous = last, id <= previous { throw DatasetHasherError(kind: kind, previousID: previous, id: id) }
        last = id
    }
}

/// Records fed out of id order: the hash would depend on the order, so it is refused.
public struct DatasetHasherError: Error, Hashable, Sendable, CustomStringConvertible {
    public var kind: String
    public var previousID: Int64
    public var id: Int64
    public var description: String {
        "dataset hash: \(kind) \(id) came after \(kind) \(previousID); feed each kind in increasing id order"
    }
}
