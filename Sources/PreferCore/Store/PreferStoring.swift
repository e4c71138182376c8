import Foundation

/// The storage operations prefer needs, kept behind a protocol so a second backend (PostgreSQL, for
/// teams on several machines) can be added beside the SQLite one.
public protocol PreferStoring: AnyObject {
    /// Imports one file's items in ONE transaction: `produce` is called with a sink and streams items into it;
    /// if it throws, nothing of the batch is kept. Duplicates (same content hash) are skipped and counted.
    /// Refuses a file whose sha256 was imported before unless `again`.
    func importBatch(_ info: BatchInfo, keepLabelsAs: String?, again: Bool,
                     produce: (ImportSink) throws -> Void) throws -> ImportCounts

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
    func undoJudgment(_ id: Int64, by annotator: String) throws -> Int64
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

/// Receives items during an import; the store decides what is new.
public protocol ImportSink: AnyObject {
    /// Adds an item; returns false when it is a duplicate of a stored item.
    @discardableResult func add(_ item: ImportedItem) throws -> Bool
    /// Counts a row that was rejected (with --skip-invalid).
    func reject()
}
