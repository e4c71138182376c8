/// Items of a streamed export with their selected pairs, packed as bytes: the thread reading the database
/// copies each item's texts in (no String, no allocation once the buffers have grown), and the writer thread
/// makes the Strings when it joins texts to pairs. Batches are reused, so the reading thread neither
/// allocates nor frees per item (a million items made millions of both, the largest cost left on it).
///
/// Texts are kept as given: `item(at:)` decodes them as `String(decoding:as: UTF8.self)` does, so bytes
/// that are not valid UTF-8 are repaired exactly as when SQLite text is read into a String.
public final class ExportItemBatch {
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

    private var bytes: [UInt8] = []
    private var items: [Item] = []
    private var messages: [(role: Range<Int>, content: Range<Int>)] = []
    private var responses: [(id: Int64, text: Range<Int>)] = []
    private var pairs: [SelectedPair] = []

    /// An empty batch.
    public init() {}

    /// Number of items.
    public var count: Int { items.count }

    /// Empties the batch, keeping its buffers.
    public func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        messages.removeAll(keepingCapacity: true)
        responses.removeAll(keepingCapacity: true)
        pairs.removeAll(keepingCapacity: true)
    }

    /// Starts an item: its ids, external id (nil for NULL) and the raw bytes of its content hash, which
    /// `ImportedItem.contentHash` writes as lowercase hex. Messages, responses and pairs added next belong to it.
    public func beginItem(id: Int64, batchID: Int64, externalID: UnsafeBufferPointer<UInt8>?, contentHash: UnsafeBufferPointer<UInt8>) {
        begin(id: id, batchID: batchID, externalID: externalID.map { append($0) }, contentHash: append(contentHash), hashIsHex: false)
    }

    /// Appends an item given as Strings, with its messages and responses.
    func append(_ item: ExportItem) {
        func text(_ s: String) -> Range<Int> {
            var s = s
            return s.withUTF8 { append($0) }
        }
        begin(id: item.id, batchID: item.batchID, externalID: item.externalID.map(text), contentHash: text(item.contentHash),
              hashIsHex: true)
        for m in item.prompt { appendMessage(m) }
        item.responses.forEach { id, bytes in appendResponse(id: id, text: bytes) }
    }

    private func begin(id: Int64, batchID: Int64, externalID: Range<Int>?, contentHash: Range<Int>, hashIsHex: Bool) {
        let m = messages.count, r = responses.count, p = pairs.count
        items.append(Item(id: id, batchID: batchID, externalID: externalID, contentHash: contentHash, hashIsHex: hashIsHex,
                          messages: m..<m, responses: r..<r, pairs: p..<p))
    }

    /// Adds a prompt message (role and content as UTF-8) to the current item.
    public func appendMessage(role: UnsafeBufferPointer<UInt8>, content: UnsafeBufferPointer<UInt8>) {
        messages.append((append(role), append(content)))
        items[items.count - 1].messages = items[items.count - 1].messages.lowerBound..<messages.count
    }

    /// Adds a prompt message given as Strings to the current item.
    public func appendMessage(_ m: Message) {
        var role = m.role, content = m.content
        role.withUTF8 { r in content.withUTF8 { c in appendMessage(role: r, content: c) } }
    }

    /// Adds the text of response `id` to the current item.
    public func appendResponse(id: Int64, text: UnsafeBufferPointer<UInt8>) {
        responses.append((id, append(text)))
        items[items.count - 1].responses = items[items.count - 1].responses.lowerBound..<responses.count
    }

    /// Adds the current item's selected pairs.
    public func appendPairs(_ selected: [SelectedPair]) {
        pairs += selected
        items[items.count - 1].pairs = items[items.count - 1].pairs.lowerBound..<pairs.count
    }

    /// The import batch of the last item.
    public var lastBatchID: Int64? { items.last?.batchID }

    /// Item `i` with its texts as Strings, and its pairs.
    func item(at i: Int) -> (ExportItem, ArraySlice<SelectedPair>) {
        let e = items[i]
        return bytes.withUnsafeBufferPointer { b in
            func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
            var texts = ResponseTexts()
            for r in responses[e.responses] { texts.append(id: r.id, utf8: UnsafeBufferPointer(rebasing: b[r.text])) }
            let item = ExportItem(id: e.id, externalID: e.externalID.map(text), batchID: e.batchID,
                                  contentHash: e.hashIsHex ? text(e.contentHash) : LowerHex.string(UnsafeBufferPointer(rebasing: b[e.contentHash])),
                                  prompt: messages[e.messages].map { Message(role: text($0.role), content: text($0.content)) },
                                  responses: texts)
            return (item, pairs[e.pairs])
        }
    }

    private func append(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: b)
        return start..<bytes.count
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
