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
    private var items = Part(kind: "item"), judgments = Part(kind: "judgment"), adjudications = SHA256()
    private var lastAdjudication: Int64?

    /// A hasher with nothing fed yet.
    public init() {}

    /// One kind's part alone (items or judgments), so that another thread can feed it (the export's writer
    /// thread). Lines are fed to SHA-256 in 64 kB chunks, not one call per line: the digest of the
    /// concatenation is the same however it is cut.
    struct Part: ~Copyable {
        private let kind: String
        private var hash: SHA256? = SHA256()
        private var last: Int64?
        private var lines: [UInt8] = []
        private static let chunk = 1 << 16

        init(kind: String) { self.kind = kind }

        /// Adds an item; ids must increase.
        mutating func add(_ r: HashedItem) throws {
            try DatasetHasher.checkOrder(kind, r.id, &last)
            DatasetHasher.append("[\"item\",", r.id, ",", to: &lines)
            JSONBytes.quote(r.contentHash, into: &lines)
            lines.append(contentsOf: "]\n".utf8)
            if lines.count >= Part.chunk { flush() }
        }

        /// Adds a judgment; ids must increase.
        mutating func add(_ r: HashedJudgment) throws {
            try DatasetHasher.checkOrder(kind, r.id, &last)
            DatasetHasher.append("[\"judgment\",", r.id, ",", to: &lines)
            DatasetHasher.append("", r.itemID, ",", to: &lines)
            JSONBytes.quote(r.annotator, into: &lines)
            DatasetHasher.append(",", Int64(r.choice), r.bothBad ? ",true]\n" : ",false]\n", to: &lines)
            if lines.count >= Part.chunk { flush() }
        }

        /// The part's digest, lowercase hex; the digest of nothing once taken.
        mutating func finalizeHex() -> String {
            flush()
            return hash.take()?.finalizeHex() ?? SHA256.hex(of: "")
        }

        private mutating func flush() {
            lines.withUnsafeBytes { hash?.update($0) }
            lines.removeAll(keepingCapacity: true)
        }
    }

    /// Adds an item; ids must increase.
    public mutating func add(_ r: HashedItem) throws { try items.add(r) }

    /// Adds a judgment; ids must increase.
    public mutating func add(_ r: HashedJudgment) throws { try judgments.add(r) }

    /// Adds an adjudication; ids must increase.
    public mutating func add(_ r: HashedAdjudication) throws {
        try DatasetHasher.checkOrder("adjudication", r.id, &lastAdjudication)
        adjudications.update("[\"adjudication\",\(r.id),\(r.itemID),\(JSONValue.quote(r.label))]\n")
    }

    /// The dataset version, lowercase hex.
    public consuming func finalizeHex() -> String {
        finalizeHex(itemsDigest: items.finalizeHex(), judgmentsDigest: judgments.finalizeHex())
    }

    /// The dataset version with parts fed elsewhere (`Part`s, whose digests these are); what was fed here
    /// of those kinds is ignored.
    consuming func finalizeHex(itemsDigest: String, judgmentsDigest: String? = nil) -> String {
        let judgmentsHex = judgmentsDigest ?? judgments.finalizeHex()
        return SHA256.hex(of: "prefer-dataset-v1\n" + itemsDigest + "\n" + judgmentsHex + "\n"
            + adjudications.finalizeHex() + "\n")
    }

    /// Appends `before`, the decimal digits of `n`, then `after` to `out`.
    static func append(_ before: StaticString, _ n: Int64, _ after: StaticString, to out: inout [UInt8]) {
        before.withUTF8Buffer { out.append(contentsOf: $0) }
        if n < 0 { out.append(0x2D) }
        var v = n.magnitude, digits = 1
        while v >= 10 { v /= 10; digits += 1 }
        let start = out.count
        out.append(contentsOf: repeatElement(0x30, count: digits))
        v = n.magnitude
        for k in stride(from: start + digits - 1, through: start, by: -1) {
            out[k] = UInt8(truncatingIfNeeded: v % 10) + 0x30
            v /= 10
        }
        after.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func checkOrder(_ kind: String, _ id: Int64, _ last: inout Int64?) throws {
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
