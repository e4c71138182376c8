import Foundation

/// The store operations `prefer export`, `prefer snapshot` and `prefer verify` need, beside `PreferStoring`
/// so that a second backend (PostgreSQL) can implement them separately.
public protocol ExportStoring: AnyObject {
    /// The current (or, with `filter.snapshot`, the frozen) judgments in compact identity terms, ordered by
    /// item then judgment id. Votes are small: texts are never loaded here.
    func exportVotes(_ filter: VoteFilter) throws -> ExportVotes
    /// The adjudications in force (newest not superseded per item and pair), or those frozen in a snapshot.
    func exportAdjudications(snapshot: String?) throws -> [ExportAdjudication]
    /// Streams the items whose ids are in `ids` (ascending), each with its responses, in id order.
    /// Texts are read by a merge-join of two cursors (items, responses) ordered by item id: constant memory.
    func streamExportItems(_ ids: [Int64], _ body: (ExportItem) throws -> Void) throws
    /// One pass for a streamed export: the votes of `exportVotes(filter)` grouped by item in item id order,
    /// handed to `select` with the annotator names met so far, which the votes' indices refer to (also called
    /// with no votes for each id in `alsoItems`, ascending, that has none);
    /// when `select` returns true, that item and its texts are appended to `batch()` (`beginItem`, messages,
    /// responses) and `packed()` is called, before the next item. Then, in the same read transaction,
    /// `hashJudgment` gets each judgment whose id is in `usedJudgments()` (asked once, after the items), in
    /// increasing id order, as the dataset hash needs them. Memory stays flat: only one item's votes and a
    /// batch of texts are held. Returns the annotator names the votes' indices refer to.
    func streamExportSelection(_ filter: VoteFilter, alsoItems: [Int64], select: (Int64, [ExportVote], [String]) throws -> Bool,
                               batch: () -> ExportItemBatch, packed: () throws -> Void, usedJudgments: () throws -> JudgmentIDSet,
                               hashJudgment: (HashedJudgment) throws -> Void) throws -> [String]
    /// The import batches and guideline/rubric versions with these ids, for the manifest.
    func exportLineage(batchIDs: [Int64], guidelineIDs: [Int64], rubricIDs: [Int64]) throws -> ExportLineage

    /// Freezes the current judgments and adjudications under `tag`; fails when the tag exists.
    func createSnapshot(tag: String, note: String, by actor: String) throws -> SnapshotRecord
    /// Every snapshot, oldest first.
    func snapshots() throws -> [SnapshotRecord]
    /// The labels a snapshot froze, one per (item, pair, annotator), for `snapshot diff`.
    func snapshotLabels(tag: String) throws -> [SnapshotLabel]
    /// The lead adjudications frozen in a snapshot, one label per pair (annotator `SnapshotLabel.adjudication`).
    func snapshotAdjudicationLabels(tag: String) throws -> [SnapshotLabel]

    /// Appends an audit log entry.
    func audit(actor: String, action: String, detail: JSONValue) throws
}

/// One judgment in identity terms, compact (consensus over a million votes fits in memory).
public struct ExportVote: Hashable, Sendable {
    public var judgmentID: Int64
    public var itemID: Int64
    /// Index into `ExportVotes.annotators`.
    public var annotator: Int32
    /// The compared responses, lower id first.
    public var first: Int64
    public var second: Int64
    /// Signed choice: negative = first better, 0 = tie; magnitude = strength.
    public var choice: Int16
    public var bothBad: Bool
    /// Whether the item is a gold item.
    public var gold: Bool
    public var guidelineVersion: Int64?
    public var rubricVersion: Int64?
    /// Mean rubric score over the criteria for the first and second response, when scores were given.
    public var scoreFirst: Float?
    public var scoreSecond: Float?

    /// Memberwise initialiser.
    public init(judgmentID: Int64, itemID: Int64, annotator: Int32, first: Int64, second: Int64, choice: Int16, bothBad: Bool,
                gold: Bool = false, guidelineVersion: Int64? = nil, rubricVersion: Int64? = nil,
                scoreFirst: Float? = nil, scoreSecond: Float? = nil) {
        self.judgmentID = judgmentID; self.itemID = itemID; self.annotator = annotator; self.first = first
        self.second = second; self.choice = choice; self.bothBad = bothBad; self.gold = gold
        self.guidelineVersion = guidelineVersion; self.rubricVersion = rubricVersion
        self.scoreFirst = scoreFirst; self.scoreSecond = scoreSecond
    }

    /// The vote as a preference in identity terms (A = first response).
    public var preference: Preference { .of(choice: Int(choice), bothBad: bothBad) }
}

/// Votes with their annotator name table.
public struct ExportVotes: Sendable {
    /// Annotator names; `ExportVote.annotator` indexes this list.
    public var annotators: [String]
    public var votes: [ExportVote]
    /// Memberwise initialiser.
    public init(annotators: [String], votes: [ExportVote]) { self.annotators = annotators; self.votes = votes }
}

/// A lead's adjudication of one pair, in identity terms (A = the lower response id).
public struct ExportAdjudication: Hashable, Sendable {
    public var id: Int64
    public var itemID: Int64
    public var first: Int64
    public var second: Int64
    public var label: Preference
    /// The lead's strength, if given.
    public var strength: Int?
    /// Whether the item is a gold item.
    public var gold: Bool
    /// The lead who settled it.
    public var lead: String = ""
    /// Memberwise initialiser.
    public init(id: Int64, itemID: Int64, first: Int64, second: Int64, label: Preference, strength: Int? = nil, gold: Bool = false) {
        self.id = id; self.itemID = itemID; self.first = first; self.second = second; self.label = label
        self.strength = strength; self.gold = gold
    }
}

/// An item's texts as export reads them.
public struct ExportItem: Sendable {
    public var id: Int64
    public var externalID: String?
    public var batchID: Int64
    /// `ImportedItem.contentHash`, for the dataset version.
    public var contentHash: String
    public var prompt: [Message]
    /// Response id -> text.
    public var responses: ResponseTexts
    /// Memberwise initialiser.
    public init(id: Int64, externalID: String?, batchID: Int64, contentHash: String, prompt: [Message],
                responses: ResponseTexts = ResponseTexts()) {
        self.id = id; self.externalID = externalID; self.batchID = batchID; self.contentHash = contentHash
        self.prompt = prompt; self.responses = responses
    }
}

/// One item's response texts by response id, kept as UTF-8 bytes in one buffer: a String is made only for
/// a text a pair uses, when it is used (on the export's writer thread, off the thread reading the database).
public struct ResponseTexts: Sendable {
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    private struct Entry: Sendable { let id: Int64, start: Int, end: Int }

    /// No texts.
    public init() {}

    /// Adds the text of response `id` (valid UTF-8 or not: it is repaired when read, as `String(decoding:)` does).
    public mutating func append(id: Int64, utf8: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        entries.append(Entry(id: id, start: start, end: bytes.count))
    }

    /// The text of response `id` (the last one added under that id), nil when there is none.
    public subscript(id: Int64) -> String? {
        guard let e = entries.last(where: { $0.id == id }) else { return nil }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[e.start..<e.end]), as: UTF8.self) }
    }

    /// Number of texts.
    public var count: Int { entries.count }

    /// Calls `body` with each response id and its text bytes, in the order added.
    public func forEach(_ body: (Int64, UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { b in for e in entries { body(e.id, UnsafeBufferPointer(rebasing: b[e.start..<e.end])) } }
    }
}

/// Where the exported data came from: batches and the guideline and rubric versions.
public struct ExportLineage: Sendable, Equatable {
    public var batches: [ExportManifest.SourceBatch]
    public var guidelineVersions: [ExportManifest.Version]
    public var rubricVersions: [ExportManifest.Version]
    /// Memberwise initialiser.
    public init(batches: [ExportManifest.SourceBatch], guidelineVersions: [ExportManifest.Version], rubricVersions: [ExportManifest.Version]) {
        self.batches = batches; self.guidelineVersions = guidelineVersions; self.rubricVersions = rubricVersions
    }
}

/// A stored snapshot: a tag naming a frozen set of judgments and adjudications.
public struct SnapshotRecord: Sendable, Equatable {
    public var id: Int64
    public var tag: String
    public var note: String
    public var createdAt: Date
    public var createdBy: String
    /// `DatasetHasher` over all items and the frozen judgments and adjudications.
    public var contentHash: String
    public var judgments: Int
    public var adjudications: Int
    /// Memberwise initialiser.
    public init(id: Int64, tag: String, note: String, createdAt: Date, createdBy: String, contentHash: String, judgments: Int, adjudications: Int) {
        self.id = id; self.tag = tag; self.note = note; self.createdAt = createdAt; self.createdBy = createdBy
        self.contentHash = contentHash; self.judgments = judgments; self.adjudications = adjudications
    }
}

/// One frozen label: who said what about which pair of which item (identity terms).
public struct SnapshotLabel: Hashable, Sendable {
    public var itemID: Int64
    public var first: Int64
    public var second: Int64
    public var annotator: String
    public var choice: Int
    public var bothBad: Bool
    /// The annotator name adjudication labels carry: one per pair, whichever lead settled it.
    public static let adjudication = "(adjudication)"

    /// Memberwise initialiser.
    public init(itemID: Int64, first: Int64, second: Int64, annotator: String, choice: Int, bothBad: Bool) {
        self.itemID = itemID; self.first = first; self.second = second; self.annotator = annotator
        self.choice = choice; self.bothBad = bothBad
    }
}
