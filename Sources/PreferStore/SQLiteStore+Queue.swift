import Foundation
import GRDB
import PreferCore

/// Routing items to annotators: each annotator holds a small queue of assignments (reservations) that is
/// topped up from the shared seeded order; an item leaves the shared pool once `overlap` annotators hold it.
extension SQLiteStore {
    public func queue(annotator: String, policy: QueuePolicy) throws -> [QueueEntry] {
        try pool.write { db in
            try Self.reopenIfOverlapChanged(db, overlap: policy.overlap)
            var entries = try Self.entries(db, annotator: annotator)
            let open = entries.filter { !$0.done }.count
            if open * 2 <= policy.chunk {
                try Self.assign(db, annotator: annotator, count: policy.chunk - open, start: entries.count, policy: policy)
                entries += try Self.entries(db, annotator: annotator, from: entries.count) // only the new ones
            }
            return entries
        }
    }

    /// Like `queue(annotator:policy:)` for a caller that keeps the queue in memory: tops it up when `open`
    /// (the caller's count of entries not done) is at most half a chunk, and returns only the entries from
    /// position `from` on, so the cost does not grow with the annotator's history.
    public func queueTail(annotator: String, policy: QueuePolicy, open: Int, from: Int) throws -> [QueueEntry] {
        try pool.write { db in
            try Self.reopenIfOverlapChanged(db, overlap: policy.overlap)
            if open * 2 <= policy.chunk {
                try Self.assign(db, annotator: annotator, count: policy.chunk - open, start: from, policy: policy)
            }
            return try Self.entries(db, annotator: annotator, from: from)
        }
    }

    /// Open regular items not yet in the annotator's queue: all open items (a count of the partial index,
    /// ~20 ms at 1 M items) minus the annotator's own open ones (a short lookup), not a probe per item.
    public func openItemCount(annotator: String) throws -> Int {
        try pool.read { db in
            let open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item WHERE open = 1 AND gold IS NULL") ?? 0
            let mine = try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT a.item_id) FROM assignment a JOIN item i ON i.id = a.item_id
                WHERE a.annotator = ? AND i.open = 1 AND i.gold IS NULL
                """, arguments: [annotator]) ?? 0
            return open - mine
        }
    }

    /// How many of these items are regular (not gold) items.
    public func regularItemCount(_ itemIDs: [Int64]) throws -> Int {
        guard !itemIDs.isEmpty else { return 0 }
        return try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item WHERE gold IS NULL AND id IN (\(databaseQuestionMarks(count: itemIDs.count)))",
                             arguments: StatementArguments(itemIDs)) ?? 0
        }
    }

    public func displayItem(_ itemID: Int64) throws -> DisplayItem {
        try pool.read { db in
            guard let promptJSON = try String.fetchOne(db, sql: "SELECT prompt_json FROM item WHERE id = ?", arguments: [itemID]) else {
                throw StoreError.notFound("no item \(itemID)")
            }
            let prompt = (JSONValue.parse(promptJSON)?.arrayValue ?? []).compactMap { m -> Message? in
                guard let o = m.objectValue, let r = o["role"]?.stringValue, let c = o["content"]?.stringValue else { return nil }
                return Message(role: r, content: c)
            }
            var responses: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, text FROM response WHERE item_id = ?", arguments: [itemID]) {
                responses[row["id"]] = row["text"]
            }
            return DisplayItem(itemID: itemID, prompt: prompt, responses: responses)
        }
    }

    /// The annotator's assignments with the state of each (judged, skipped, open).
    static func entries(_ db: Database, annotator: String, from: Int = 0) throws -> [QueueEntry] {
        // Positional columns through a cursor: an annotator's history can be hundreds of thousands of rows,
        // and named column lookups and string splitting per row cost more than the query itself. Each
        // assignment carries its pair's current judgment row (`recordHead`, migration v5).
        let rows = try Row.fetchCursor(db, sql: """
            SELECT item_id, left_response_id, right_response_id, queue_position, head_id, head_kind
            FROM assignment WHERE annotator = ? AND queue_position >= ?
            ORDER BY queue_position
            """, arguments: [annotator, from])
        var out: [QueueEntry] = []
        while let row = try rows.next() {
            let head: Int64? = row[4]
            let kind: String? = row[5]
            out.append(QueueEntry(itemID: row[0], leftResponseID: row[1], rightResponseID: row[2], position: row[3],
                                  judgmentID: kind == "judgment" ? head : nil, skipped: kind == "skip"))
        }
        return out
    }

    /// Adds `count` assignments at positions `start...`, drawing gold items at the gold rate.
    static func assign(_ db: Database, annotator: String, count: Int, start: Int, policy: QueuePolicy) throws {
        guard count > 0 else { return }
        try db.execute(sql: "INSERT INTO annotator (name, role, created_at) VALUES (?, 'annotator', ?) ON CONFLICT(name) DO NOTHING",
                       arguments: [annotator, isoNow()])
        let regular = try Int64.fetchAll(db, sql: """
            SELECT i.id FROM item i WHERE i.open = 1 AND i.gold IS NULL
              AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator = ?)
            ORDER BY i.queue_key LIMIT ?
            """, arguments: [annotator, count])
        var gold: [Int64] = []
        if policy.goldRate > 0 {
            gold = try Int64.fetchAll(db, sql: """
                SELECT i.id FROM item i WHERE i.gold IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator = ?)
                """, arguments: [annotator])
            gold.sort { QueueRules.goldOrder(itemID: $0, annotator: annotator, seed: policy.seed) < QueueRules.goldOrder(itemID: $1, annotator: annotator, seed: policy.seed) }
        }
        var r = regular.makeIterator()
        var g = gold.makeIterator()
        var position = start
        let now = isoNow()
        while position < start + count {
            let isGold = QueueRules.isGoldSlot(position, rate: policy.goldRate, annotator: annotator, seed: policy.seed)
            guard let itemID = (isGold ? (g.next() ?? r.next()) : (r.next() ?? g.next())) else { break }
            let responses = try Int64.fetchAll(db, sql: "SELECT id FROM response WHERE item_id = ? ORDER BY position", arguments: [itemID])
            guard responses.count >= 2 else { continue }
            var counts: [QueueRules.Pair: Int] = [:]
            if responses.count > 2 {
                let index = Dictionary(uniqueKeysWithValues: responses.enumerated().map { ($1, $0) })
                for row in try Row.fetchAll(db, sql: "SELECT left_response_id, right_response_id FROM assignment WHERE item_id = ?", arguments: [itemID]) {
                    if let a = index[row["left_response_id"]], let b = index[row["right_response_id"]] { counts[QueueRules.Pair(a, b), default: 0] += 1 }
                }
            }
            let pair = QueueRules.pair(k: responses.count, counts: counts, itemID: itemID, annotator: annotator, seed: policy.seed)
            var left = responses[pair.first], right = responses[pair.second]
            if QueueRules.swapped(itemID: itemID, annotator: annotator, seed: policy.seed) { swap(&left, &right) }
            try db.execute(sql: """
                INSERT INTO assignment (item_id, annotator, left_response_id, right_response_id, queue_position, assigned_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [itemID, annotator, left, right, position, now])
            // A pair judged before (an assignment released and drawn again) keeps its current row.
            try Self.refreshHead(db, itemID: itemID, annotator: annotator, a: left, b: right)
            try db.execute(sql: "UPDATE item SET assigned = assigned + 1, open = (assigned + 1 < ?) WHERE id = ? AND gold IS NULL",
                           arguments: [policy.overlap, itemID])
            position += 1
        }
    }

    /// When prefer.yaml's overlap changes, items are reopened or closed to match it.
    static func reopenIfOverlapChanged(_ db: Database, overlap: Int) throws {
        let stored = try String.fetchOne(db, sql: "SELECT value FROM project_meta WHERE key = 'overlap'")
        guard stored != String(overlap) else { return }
        try db.execute(sql: "UPDATE item SET open = (assigned < ?) WHERE open != (assigned < ?)", arguments: [overlap, overlap])
        try db.execute(sql: "INSERT INTO project_meta (key, value) VALUES ('overlap', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [String(overlap)])
    }
}
