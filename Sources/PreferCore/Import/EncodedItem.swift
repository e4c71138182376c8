/// An imported item with everything the store writes computed once on a parse thread (the prefetch workers):
/// canonical JSON, content hash, queue key and the packed values to bind, so that the database writer, the
/// import's critical path, only binds and steps. A class: the writer takes items out of a batch without
/// retaining each of their strings.
public final class EncodedItem: Sendable {
    /// The item as read, if it was kept (see `ImportOptions.keepsItems`).
    public let item: ImportedItem?
    /// `ImportedItem.line`.
    public let line: Int
    /// How many responses the item has.
    public let responseCount: Int
    /// `ImportedItem.sourceLabel`.
    public let sourceLabel: SourceLabel?
    /// The seed `queueKey` was computed with.
    public let queueSeed: UInt64
    /// `QueueRules.queueKey(contentHash:seed: queueSeed)`.
    public let queueKey: Int64
    /// `ContentKey.of(hash:)` of the content hash: the first key the store tries for the item.
    public let contentKey: Int64
    /// The values the inserts bind, in `Slot` order, then `responseSlots` per response.
    public let packed: PackedValues

    /// Positions of an item's own values in `packed`.
    public enum Slot {
        public static let externalID = 0, promptJSON = 1, metadataJSON = 2, contentHash = 3, gold = 4
        /// Response `r`'s text is at `responses + responseSlots * r`, then its model and metadata JSON.
        public static let responses = 5, responseSlots = 3
    }

    /// Encodes an item; `queueSeed` is the project's seed (the store recomputes the key under another seed).
    public init(_ item: ImportedItem, queueSeed: UInt64 = 0, keepingItem: Bool = true) {
        self.item = keepingItem ? item : nil
        line = item.line
        responseCount = item.responses.count
        sourceLabel = item.sourceLabel
        var packed = PackedValues(reservingBytes: item.responses.reduce(256) { $0 + $1.text.utf8.count + 16 }
                                      + item.prompt.reduce(0) { $0 + $1.content.utf8.count + 32 },
                                  values: Slot.responses + Slot.responseSlots * item.responses.count)
        packed.append(item.externalID)
        packed.appendValue { Self.writeMessagesJSON(item.prompt, into: &$0) }
        packed.append(Self.json(item.metadata))
        // ImportedItem.contentHash, from the prompt JSON just written.
        var hash = SHA256()
        packed.withValues { ImportedItem.hashContent(promptJSON: $0[Slot.promptJSON]!, responses: item.responses, into: &hash) }
        hash.finalize { packed.append(bytes: $0) }
        packed.append(item.gold?.rawValue)
        for r in item.responses {
            packed.append(r.text)
            packed.append(r.model)
            packed.append(Self.json(r.metadata))
        }
        self.packed = packed
        self.queueSeed = queueSeed
        (queueKey, contentKey) = packed.withValues {
            (QueueRules.queueKey(contentHashBytes: $0[Slot.contentHash]!, seed: queueSeed), ContentKey.of(hash: $0[Slot.contentHash]!))
        }
    }

    /// The 32 bytes of `ImportedItem.contentHash`.
    public var contentHashBytes: [UInt8] { packed.withValues { Array($0[Slot.contentHash]!) } }
    /// `ImportedItem.contentHash` (lowercase hex).
    public var contentHash: String { SHA256.hexString(contentHashBytes) }
    /// `item.prompt.canonicalJSON`.
    public var promptJSON: String { packed.string(Slot.promptJSON) ?? "" }
    /// The item's metadata as canonical JSON (`{}` when there is none).
    public var metadataJSON: String { packed.string(Slot.metadataJSON) ?? "{}" }
    /// Each response's metadata as canonical JSON, in response order.
    public var responseMetadataJSON: [String] {
        (0..<responseCount).map { packed.string(Slot.responses + Slot.responseSlots * $0 + 2) ?? "{}" }
    }

    /// `messages.canonicalJSON`, as a string (tests compare the two).
    static func messagesJSON(_ messages: [Message]) -> String {
        var out: [UInt8] = []
        writeMessagesJSON(messages, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `messages.canonicalJSON` written directly (no dictionaries, no key sort): the keys of a message are
    /// always `content` then `role` in sorted order. The import tests check the two agree.
    static func writeMessagesJSON(_ messages: [Message], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, m) in messages.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"content":"#.utf8)
            JSONBytes.quote(m.content, into: &out)
            out.append(contentsOf: #","role":"#.utf8)
            JSONBytes.quote(m.role, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func json(_ fields: [String: JSONValue]) -> String {
        fields.isEmpty ? "{}" : JSONValue.object(fields).canonicalJSON
    }
}
