import Foundation

/// The storage operations prefer needs, kept behind a protocol so a second backend (PostgreSQL, for
/// teams on several machines) can be added beside the SQLite one.
public protocol PreferStoring: AnyObject {
    /// Runs a whole `prefer import` (any number of files) as ONE transaction: if `body` throws, nothing of
    /// any file is kept. Bulk rows are written with synchronous=NORMAL; judgments keep FULL.
    func importSession(again: Bool, _ body: (ImportSession) throws -> Void) throws

    /// Adds an annotator, or changes the role of an existing one.
    func addAnnotator(_ name: String, role: AnnotatorRole) throws
    /// All annotators with their current judgment counts.
    func annotators() throws -> [AnnotatorSummary]

    /// Records the guidelines text in force, returning its version (an existing one if the text is unchanged).
    func recordGuidelines(_ text: String) throws -> GuidelineVersion
    /// Records the rubric definition in force (canonical JSON), returning its version.
    func recordRubric(_ canonicalJSON: String) throws -> GuidelineVersion

    /// Appends a judgment (synchronous=FULL: durable when this returns) and returns its id.
    func appendJudgment(_ j: NewJudgment) throws -> Int64
    /// Appends a row that undoes judgment `id` (the original stays in history).
    /// With `restorePrevious`, undoing a row that changed an earlier judgment appends a copy of that earlier row
    /// (the item goes back to how it was); otherwise, or without one, an `undo` row leaves the item unjudged.
    func undoJudgment(_ id: Int64, by annotator: String, restorePrevious: Bool) throws -> Int64
    /// Every judgment row ever written for an item, oldest first.
    func judgmentHistory(itemID: Int64) throws -> [JudgmentRecord]
    /// Current judgments (kind judgment, not superseded), optionally of one annotator.
    func currentJudgments(annotator: String?) throws -> [JudgmentRecord]

    /// The annotator's queue, oldest first, topped up with new assignments when fewer than half of
    /// `policy.chunk` entries are open (see `QueueRules` for how items, pairs and sides are chosen).
    func queue(annotator: String, policy: QueuePolicy) throws -> [QueueEntry]
    /// Items the annotator could still be assigned (open regular items not yet in their queue).
    func openItemCount(annotator: String) throws -> Int
    /// The prompt and response texts of an item, for display.
    func displayItem(_ itemID: Int64) throws -> DisplayItem

    /// Counts and progress for `prefer status`.
    func status(overlap: Int) throws -> StatusReport
    /// Appends an audit log entry.
    func audit(actor: String, action: String, detail: JSONValue) throws
}

/// One import transaction: files are added one after another as batches.
public protocol ImportSession: AnyObject {
    /// Starts a batch for one file; items go into the returned sink.
    func begin(_ info: BatchInfo, keepLabelsAs: String?) throws -> ImportSink
    /// Ends the current batch once the file is read (its sha256 and shape are known only then); refuses a
    /// file already imported (same sha256) unless the session allows it again.
    func finish(sha256: String, shape: String) throws -> ImportCounts
}

extension PreferStoring {
    /// Undoes judgment `id`, restoring the judgment it changed, if any.
    public func undoJudgment(_ id: Int64, by annotator: String) throws -> Int64 {
        try undoJudgment(id, by: annotator, restorePrevious: true)
    }

    /// Imports one file's items in one transaction (a session with a single batch).
    public func importBatch(_ info: BatchInfo, keepLabelsAs: String?, again: Bool,
                            produce: (ImportSink) throws -> Void) throws -> ImportCounts {
        var counts = ImportCounts()
        try importSession(again: again) { session in
            try produce(try session.begin(info, keepLabelsAs: keepLabelsAs))
            counts = try session.finish(sha256: info.sha256, shape: info.shape)
        }
        return counts
    }
}

/// Receives items during an import; the store decides what is new.
public protocol ImportSink: AnyObject {
    /// Adds an item; returns false when it is a duplicate of a stored item.
    @discardableResult func add(_ item: ImportedItem) throws -> Bool
    /// Adds an item whose JSON and hash are already encoded (the import hot path); returns false for a duplicate.
    @discardableResult func add(_ item: EncodedItem) throws -> Bool
    /// Counts a row that was rejected (with --skip-invalid).
    func reject()
}

extension ImportSink {
    /// Encodes the item, then adds it.
    @discardableResult public func add(_ item: ImportedItem) throws -> Bool { try add(EncodedItem(item)) }
}
