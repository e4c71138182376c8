/// A gold item's known answer, in terms of response identity (first / second response as imported).
public enum GoldAnswer: String, Hashable, Sendable, Codable {
    case a = "A", b = "B", tie
}

/// A response as read from an import file, before it has a database id.
public struct ImportedResponse: Hashable, Sendable {
    public var text: String
    /// Model or source name; never shown to annotators.
    public var model: String?
    public var metadata: [String: JSONValue]
    public init(text: String, model: String? = nil, metadata: [String: JSONValue] = [:]) {
        self.text = text; self.model = model; self.metadata = metadata
    }
}

/// A label the source file itself carries (`--keep-labels`), in terms of response identity.
public struct SourceLabel: Hashable, Sendable {
    /// Index of the preferred response in `responses`, nil for a tie.
    public var preferred: Int?
    /// Index of the other response of the pair.
    public var other: Int
    public init(preferred: Int?, other: Int) { self.preferred = preferred; self.other = other }
}

/// One comparison item parsed from an import file: a prompt and two or more responses.
public struct ImportedItem: Hashable, Sendable {
    /// The item id from the file (`id` field), if any.
    public var externalID: String?
    public var prompt: [Message]
    public var responses: [ImportedResponse]
    /// Fields of the row not otherwise understood, kept verbatim.
    public var metadata: [String: JSONValue]
    public var gold: GoldAnswer?
    /// The file's own preference, recorded as a judgment with `--keep-labels`.
    public var sourceLabel: SourceLabel?
    /// 1-based line (JSONL) or record (CSV, counting the header as line 1) of the row.
    public var line: Int

    public init(externalID: String? = nil, prompt: [Message], responses: [ImportedResponse], metadata: [String: JSONValue] = [:],
                gold: GoldAnswer? = nil, sourceLabel: SourceLabel? = nil, line: Int) {
        self.externalID = externalID; self.prompt = prompt; self.responses = responses; self.metadata = metadata
        self.gold = gold; self.sourceLabel = sourceLabel; self.line = line
    }

    /// SHA-256 over the prompt and the response texts: two rows with the same hash are duplicates.
    public var contentHash: String { Self.contentHash(promptJSON: prompt.canonicalJSON, responses: responses) }

    /// The content hash from an already encoded prompt (import encodes it once for hashing and storage).
    public static func contentHash(promptJSON: String, responses: [ImportedResponse]) -> String {
        SHA256.hexString(contentHashBytes(promptJSON: promptJSON, responses: responses))
    }

    /// The 32 bytes `contentHash` spells.
    public static func contentHashBytes(promptJSON: String, responses: [ImportedResponse]) -> [UInt8] {
        var h = SHA256()
        var prompt = promptJSON
        prompt.withUTF8 { hashContent(promptJSON: UnsafeRawBufferPointer($0), responses: responses, into: &h) }
        return h.finalizeBytes()
    }

    /// Feeds what `contentHash` covers into `h`: the prompt's canonical JSON, then each response text after a
    /// unit separator.
    static func hashContent(promptJSON: UnsafeRawBufferPointer, responses: [ImportedResponse], into h: inout SHA256) {
        h.update(promptJSON)
        for r in responses {
            h.update("\u{1F}")
            h.update(r.text)
        }
    }
}
