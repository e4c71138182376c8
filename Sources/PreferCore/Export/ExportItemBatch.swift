/// Items of a streamed export with their selected pairs, packed as bytes: the thread reading the database
/// copies each item's texts in (no String, no allocation once the buffers have grown), and the writer thread
/// makes the Strings when it joins texts to pairs. Batches are reused, so the reading thread neither
/// allocates nor frees per item (a million items made millions of both, the largest cost left on it).
///
/// Texts are kept as given and decoded as `String(decoding:as: UTF8.self)` does, so bytes that are not
/// valid UTF-8 are repaired exactly as when SQLite text is read into a String.
public final class ExportItemBatch {
    /// All state in one stored property: each method is one exclusive access, not one per array.
    private var s = Packed()

    /// An empty batch.
    public init() {}

    /// Number of items.
    public var count: Int { s.items.count }

    /// Empties the batch, keeping its buffers.
    public func removeAll() { s.removeAll() }

    /// Starts an item: its ids, external id (nil for NULL) and the raw bytes of its content hash, which
    /// `ImportedItem.contentHash` writes as lowercase hex. Messages, responses and pairs added next belong to it.
    public func beginItem(id: Int64, batchID: Int64, externalID: UnsafeBufferPointer<UInt8>?, contentHash: UnsafeBufferPointer<UInt8>) {
        s.begin(id: id, batchID: batchID, externalID: externalID, contentHash: contentHash, hashIsHex: false)
    }

    /// Appends an item given as Strings, with its messages and responses.
    func append(_ item: ExportItem) {
        var external = item.externalID, hash = item.contentHash
        hash.withUTF8 { h in
            if external == nil {
                s.begin(id: item.id, batchID: item.batchID, externalID: nil, contentHash: h, hashIsHex: true)
            } else {
                external?.withUTF8 { e in s.begin(id: item.id, batchID: item.batchID, externalID: e, contentHash: h, hashIsHex: true) }
            }
        }
        for m in item.prompt { appendMessage(m) }
        item.responses.forEach { id, bytes in appendResponse(id: id, text: bytes) }
    }

    /// Adds a prompt message (role and content as UTF-8) to the current item.
    public func appendMessage(role: UnsafeBufferPointer<UInt8>, content: UnsafeBufferPointer<UInt8>) {
        s.appendMessage(role: role, content: content)
    }

    /// Adds a prompt message given as Strings to the current item.
    public func appendMessage(_ m: Message) {
        var role = m.role, content = m.content
        role.withUTF8 { r in content.withUTF8 { c in appendMessage(role: r, content: c) } }
    }

    /// Adds the text of response `id` to the current item.
    public func appendResponse(id: Int64, text: UnsafeBufferPointer<UInt8>) { s.appendResponse(id: id, text: text) }

    /// Adds the current item's selected pairs.
    public func appendPairs(_ selected: [SelectedPair]) { s.appendPairs(selected) }

    /// The import batch of the last item.
    public var lastBatchID: Int64? { s.items.last?.batchID }

    /// Item `i` as the dataset hash takes it.
    func hashedItem(at i: Int) -> HashedItem {
        let e = s.items[i]
        return s.bytes.withUnsafeBufferPointer { b in
            let hash = UnsafeBufferPointer(rebasing: b[e.contentHash])
            return HashedItem(id: e.id, contentHash: e.hashIsHex ? String(decoding: hash, as: UTF8.self) : LowerHex.string(hash))
        }
    }

    /// Each selected pair of item `i` joined with the item's texts (as `ExportRun.exportPair` joins them).
    func forEachPair(ofItem i: Int, _ body: (ExportPair) throws -> Void) throws {
        let e = s.items[i]
        guard !e.pairs.isEmpty else { return }
        try s.bytes.withUnsafeBufferPointer { b in
            func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
            func response(_ id: Int64) -> String? { s.responses[e.responses].last { $0.id == id }.map { text($0.text) } }
            let prompt = s.messages[e.messages].map { Message(role: text($0.role), content: text($0.content)) }
            let externalID = e.externalID.map(text)
            for p in s.pairs[e.pairs] {
                guard let chosen = response(p.chosen), let rejected = response(p.rejected) else {
                    throw StoreError.notFound("item \(e.id): response \(p.chosen) or \(p.rejected) is missing from the database")
                }
                try body(ExportRun.exportPair(p, id: e.id, externalID: externalID, prompt: prompt, chosen: chosen, rejected: rejected))
            }
        }
    }

    private struct Item {
        let id: Int64
        let batchID: Int64
        let externalID: Range<Int>?
        let contentHash: Range<Int>
        /// Whether `contentHash` holds the hex text already rather than the raw bytes.
        let hashIsHex: Bool
        var messages: Range<Int>
        var responses: Range<Int>
        var pairs: Range<Int>
    }

    private struct Packed {
        var bytes: [UInt8] = []
        var items: [Item] = []
        var messages: [(role: Range<Int>, content: Range<Int>)] = []
        var responses: [(id: Int64, text: Range<Int>)] = []
        var pairs: [SelectedPair] = []

        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
            messages.removeAll(keepingCapacity: true)
            responses.removeAll(keepingCapacity: true)
            pairs.removeAll(keepingCapacity: true)
        }

        mutating func begin(id: Int64, batchID: Int64, externalID: UnsafeBufferPointer<UInt8>?, contentHash: UnsafeBufferPointer<UInt8>,
                            hashIsHex: Bool) {
            let external = externalID.map { append($0) }
            let hash = append(contentHash)
            let m = messages.count, r = responses.count, p = pairs.count
            items.append(Item(id: id, batchID: batchID, externalID: external, contentHash: hash, hashIsHex: hashIsHex,
                              messages: m..<m, responses: r..<r, pairs: p..<p))
        }

        mutating func appendMessage(role: UnsafeBufferPointer<UInt8>, content: UnsafeBufferPointer<UInt8>) {
            messages.append((append(role), append(content)))
            items[items.count - 1].messages = items[items.count - 1].messages.lowerBound..<messages.count
        }

        mutating func appendResponse(id: Int64, text: UnsafeBufferPointer<UInt8>) {
            responses.append((id, append(text)))
            items[items.count - 1].responses = items[items.count - 1].responses.lowerBound..<responses.count
        }

        mutating func appendPairs(_ selected: [SelectedPair]) {
            for p in selected { pairs.append(p) }  // faster here than `+=`, which showed in the profile
            items[items.count - 1].pairs = items[items.count - 1].pairs.lowerBound..<pairs.count
        }

        private mutating func append(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
            let start = bytes.count
            bytes.append(contentsOf: b)
            return start..<bytes.count
        }
    }
}

/// Bytes as lowercase hex text (SQL `lower(hex(x))`, `ImportedItem.contentHash`).
public enum LowerHex {
    /// The hex text of `bytes`.
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { d in
                for (k, b) in bytes.enumerated() {
                    out[2 * k] = d[Int(b >> 4)]
                    out[2 * k + 1] = d[Int(b & 0x0F)]
                }
            }
            return bytes.count * 2
        }
    }
}
