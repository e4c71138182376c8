import Foundation
import PreferCore
import PreferStore
import PreferUI

/// Performs the annotate screen's effects against the store: every submission is committed
/// (synchronous=FULL) before the next item is drawn, so nothing is ever unsaved.
final class AnnotateSession {
    let store: SQLiteStore
    let annotator: String
    let policy: QueuePolicy
    let guidelineVersion: Int64?
    let rubricVersion: Int64?
    private(set) var queue: [QueueEntry] = []
    /// How many queue entries are done, kept up to date so a key press does not scan a long history.
    private var doneCount = 0
    /// Of the done entries, those whose current state is a skip (not counted as judged).
    private var skippedCount = 0
    private(set) var index: Int?
    /// Judgment ids this session submitted, newest last, with their queue position: what `u` undoes.
    /// `restored` marks a row that an undo brought back: undoing it again un-judges the item (no redo).
    private var submitted: [(id: Int64, position: Int, restored: Bool)] = []
    private var openItems: Int?
    /// Whether a submission left the queue low: topped up after the next frame is drawn, off the key's path.
    private var topUpDue = false
    /// Whether something was committed since the last checkpoint.
    private var unsettled = false

    init(store: SQLiteStore, annotator: String, policy: QueuePolicy, guidelineVersion: Int64?, rubricVersion: Int64?) throws {
        self.store = store
        self.annotator = annotator
        self.policy = policy
        self.guidelineVersion = guidelineVersion
        self.rubricVersion = rubricVersion
        // Checkpoints run while the annotator reads (`idle()`), not inside the commit of a key press;
        // the raised threshold (40 MB of WAL) only matters if there is never a pause.
        try store.deferCheckpoints(upToPages: 10_000)
        try refresh()
        // Resume at the first item not yet judged.
        index = queue.firstIndex { !$0.done }
    }

    /// Loads the whole queue, topping it up (at start and after an undo).
    private func refresh() throws {
        let before = queue.count
        queue = try store.queue(annotator: annotator, policy: policy)
        doneCount = queue.reduce(0) { $0 + ($1.done ? 1 : 0) }
        skippedCount = queue.reduce(0) { $0 + ($1.skipped ? 1 : 0) }
        try countOpenItems(after: before)
    }

    /// After a submission: tops the queue up when it runs low, loading only the new entries; a reload of
    /// every entry costs about 1 ms per 500 of the annotator's past judgments, too slow for each key.
    private func topUpIfLow() throws {
        let open = queue.count - doneCount
        guard open * 2 <= policy.chunk else { return }
        let before = queue.count
        let tail = try store.queueTail(annotator: annotator, policy: policy, open: open, from: before)
        doneCount += tail.reduce(0) { $0 + ($1.done ? 1 : 0) }
        skippedCount += tail.reduce(0) { $0 + ($1.skipped ? 1 : 0) }
        queue += tail
        try countOpenItems(after: before)
    }

    /// Counting the open items reads an index of all of them (tens of ms at 1 M items, too slow for a key
    /// press), so it is counted once and each top-up subtracts the regular items it took; items other
    /// annotators close meanwhile are noticed at the next start.
    private func countOpenItems(after before: Int) throws {
        if let open = openItems {
            if queue.count > before { openItems = max(0, open - (try store.regularItemCount(queue[before...].map(\.itemID)))) }
        } else {
            openItems = try store.openItemCount(annotator: annotator)
        }
    }

    var progress: AnnotateState.Progress {
        AnnotateState.Progress(judged: doneCount - skippedCount, skipped: skippedCount, assigned: queue.count + (openItems ?? 0))
    }

    /// The item at the current position, ready for the screen (nil when the queue is finished).
    func currentItem() throws -> AnnotateItem? {
        guard let i = index, queue.indices.contains(i) else { return nil }
        let e = queue[i]
        let shown = try store.displayItem(e.itemID)
        var previous: Submission?
        if let jid = try e.judgmentID ?? (e.skipped ? skipID(e) : nil),
           let r = try store.judgmentHistory(itemID: e.itemID).first(where: { $0.id == jid }) {
            previous = Self.submission(from: r, entry: e)
        }
        return AnnotateItem(itemID: e.itemID, prompt: shown.prompt,
                            left: ShownResponse(id: e.leftResponseID, text: shown.responses[e.leftResponseID] ?? ""),
                            right: ShownResponse(id: e.rightResponseID, text: shown.responses[e.rightResponseID] ?? ""),
                            queuePosition: e.position, previous: previous)
    }

    private func skipID(_ e: QueueEntry) throws -> Int64? {
        try store.judgmentHistory(itemID: e.itemID).last { $0.annotator == annotator }?.id
    }

    /// Runs a top-up a submission deferred; true when the queue grew (the progress line changes).
    /// A failure is not shown: the next submission tries again, and at the end of the queue it is reported.
    func topUpIfDue() -> Bool {
        guard topUpDue else { return false }
        topUpDue = false
        let before = queue.count
        do { try topUpIfLow() } catch { return false }
        return queue.count != before
    }

    /// Called on the idle tick: checkpoints what was committed since the last one (nothing otherwise,
    /// so an idle screen does no work). A failed checkpoint loses nothing; SQLite retries it later.
    func idle() {
        guard unsettled else { return }
        unsettled = false
        try? store.checkpoint()
    }

    /// Applies one effect; returns a status message for the screen, or nil.
    func perform(_ effect: AnnotateEffect, now: Date) throws -> String? {
        switch effect {
        case .submit(let s):
            let id = try store.appendJudgment(NewJudgment(
                itemID: s.itemID, annotator: annotator, leftResponseID: s.leftResponseID, rightResponseID: s.rightResponseID,
                choice: s.skipReason == nil ? s.choice : nil, bothBad: s.bothBad, scores: s.scores, flags: s.flags,
                confidence: s.confidence, rationale: s.rationale, skipReason: s.skipReason, guidelineVersion: guidelineVersion,
                rubricVersion: rubricVersion, startedAt: s.startedAt, submittedAt: now, activeSeconds: s.activeSeconds))
            let position = index ?? 0
            submitted.append((id, position, false))
            unsettled = true
            if queue.indices.contains(position), queue[position].itemID == s.itemID {
                // What a reload would read: the new row is now the pair's current judgment or skip.
                if !queue[position].done { doneCount += 1 }
                skippedCount += (s.skipReason != nil ? 1 : 0) - (queue[position].skipped ? 1 : 0)
                queue[position].judgmentID = s.skipReason == nil ? id : nil
                queue[position].skipped = s.skipReason != nil
                // With an item still open the top-up can wait for `topUpIfDue()`; with none it cannot.
                if doneCount < queue.count { topUpDue = true } else { try topUpIfLow() }
            } else {
                try refresh()
            }
            index = (position + 1 ..< max(position + 1, queue.count)).first { !queue[$0].done } ?? queue.firstIndex { !$0.done }
            return s.skipReason != nil ? "skipped" : "saved"
        case .undoLast:
            while let last = submitted.last {
                let undone = try store.judgmentHistory(itemID: queue.indices.contains(last.position) ? queue[last.position].itemID : -1)
                    .first { $0.id == last.id }
                let newID: Int64
                do {
                    newID = try store.undoJudgment(last.id, by: annotator, restorePrevious: !last.restored)
                } catch StoreError.invalid {
                    submitted.removeLast() // changed since (revisited): nothing of this entry is current any more
                    continue
                }
                submitted.removeLast() // only once the undo is committed
                // Undoing a change restores the earlier judgment as a new row: later undos refer to that row.
                if !last.restored, let earlier = undone?.supersedes {
                    for i in submitted.indices where submitted[i].id == earlier { submitted[i] = (newID, submitted[i].position, true) }
                }
                unsettled = true
                try refresh()
                index = last.position
                return "undone"
            }
            return "nothing to undo in this session"
        case .next:
            guard let i = index else { return nil }
            if i + 1 < queue.count { index = i + 1; return nil }
            return "end of the queue"
        case .previous:
            let i = index ?? queue.count
            if i > 0 { index = i - 1; return nil }
            return "start of the queue"
        case .quit:
            return nil
        }
    }

    /// The screen's view of a stored judgment, for revisiting it.
    static func submission(from r: JudgmentRecord, entry e: QueueEntry) -> Submission {
        // Stored in the order shown; flip if the entry shows the pair the other way round.
        let same = r.leftResponseID == e.leftResponseID
        return Submission(itemID: r.itemID, leftResponseID: e.leftResponseID, rightResponseID: e.rightResponseID,
                          choice: r.choice.map { same ? $0 : -$0 }, bothBad: r.bothBad, skipReason: r.skipReason,
                          scores: same ? r.scores : r.scores.mapValues { SidePair(left: $0.right, right: $0.left) },
                          flags: r.flags, confidence: r.confidence, rationale: r.rationale, startedAt: r.startedAt,
                          activeSeconds: r.activeSeconds)
    }
}
