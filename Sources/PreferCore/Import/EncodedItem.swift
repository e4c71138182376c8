/// An imported item with the JSON text and content hash the store writes, computed once on the parse thread
/// (the prefetch worker) so that the database writer, the slower of the two threads, only binds and steps.
public struct EncodedItem: Sendable {
    /// The item as read.
    public var item: ImportedItem
    /// `item.prompt.canonicalJSON`.
    public var promptJSON: String
    /// The item's metadata as canonical JSON (`{}` when there is none).
    public var metadataJSON: String
    /// Each response's metadata as canonical JSON, in response order.
    public var responseMetadataJSON: [String]
    /// `ImportedItem.contentHash` (lowercase hex).
    public var contentHash: String
    /// The 32 bytes the content hash spells.
    public var contentHashBytes: [UInt8]

    /// Encodes an item.
    public init(_ item: ImportedItem) {
        self.item = item
        promptJSON = Self.messagesJSON(item.prompt)
        metadataJSON = Self.json(item.metadata)
        responseMetadataJSON = item.responses.map { Self.json($0.metadata) }
        contentHashBytes = ImportedItem.contentHashBytes(promptJSON: promptJSON, responses: item.responses)
        contentHash = SHA256.hexString(contentHashBytes)
    }

    /// `messages.canonicalJSON` written directly (no dictionaries, no key sort): the keys of a message are
    /// always `content` then `role` in sorted order. The import tests check the two agree.
    static func messagesJSON(_ messages: [Message]) -> String {
        var out = "["
        out.reserveCapacity(messages.reduce(2) { $0 + $1.content.utf8.count + $1.role.utf8.count + 26 })
        for (i, m) in messages.enumerated() {
            if i > 0 { out += "," }
            out += "{\"content\":"
            out += JSONValue.quote(m.content)
            out += ",\"role\":"
            out += JSONValue.quote(m.role)
            out += "}"
        }
        out += "]"
        return out
    }

    private static func json(_ fields: [String: JSONValue]) -> String {
        fields.isEmpty ? "{}" : JSONValue.object(fields).canonicalJSON
    }
}
