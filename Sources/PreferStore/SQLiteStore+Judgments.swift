import Foundation
import GRDB
import PreferCore

extension SQLiteStore {
    public func appendJudgment(_ j: NewJudgment) throws -> Int64 {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM annotator WHERE name = ?", arguments: [j.annotator]) == true else {
                throw StoreError.unknownAnnotator(j.annotator)
            }
            // One current row per (item, annotator, pair): a new judgment supersedes the previous head.
            let head = try Self.head(db, itemID: j.itemID, annotator: j.annotator, a: j.leftResponseID, b: j.rightResponseID)
            let kind: JudgmentKind = j.skipReason != nil ? .skip : .judgment
            if kind == .skip, try head.map({ try String.fetchOne(db, sql: "SELECT kind FROM judgment WHERE id = ?", arguments: [$0]) }) != "skip" {
                // A skip gives the item's overlap slot back so another annotator can judge it; the skipper keeps it
                // in their queue (never served twice) and may still judge it later.
                try Self.releaseSlot(db, itemID: j.itemID)
            }
            try db.execute(sql: """
                INSERT INTO judgment (kind, item_id, annotator, left_response_id, right_response_id, choice, both_bad,
                    scores_json, flags_json, confidence, rationale, skip_reason, guideline_version_id, rubric_version_id,
                    started_at, submitted_at, active_seconds, supersedes_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    kind.rawValue, j.itemID, j.annotator, j.leftResponseID, j.rightResponseID, j.choice, j.bothBad,
                    Self.encodeScores(j.scores), JSONValue.array(j.flags.map(JSONValue.string)).canonicalJSON, j.confidence,
                    j.rationale, j.skipReason, j.guidelineVersion, j.rubricVersion,
                    j.startedAt.timeIntervalSince1970, j.submittedAt.timeIntervalSince1970, j.activeSeconds, j.supersedes ?? head,
                ])
            let id = db.lastInsertedRowID
            try Self.recordHead(db, id: id, kind: kind.rawValue, itemID: j.itemID, annotator: j.annotator,
                                a: j.leftResponseID, b: j.rightResponseID)
            return id
        }
    }

    /// Records a pair's new current row (the newest, which nothing supersedes yet) on the annotator's assignment,
    /// in the transaction that wrote it: what annotate reads at start instead of searching the judgments.
    static func recordHead(_ db: Database, id: Int64?, kind: String?, itemID: Int64, annotator: String, a: Int64, b: Int64) throws {
        try db.execute(sql: """
            UPDATE assignment SET head_id = ?, head_kind = ?
            WHERE annotator = ? AND item_id = ? AND ((left_response_id = ? AND right_response_id = ?)
                                                  OR (left_response_id = ? AND right_response_id = ?))
            """, arguments: [id, kind, annotator, itemID, a, b, b, a])
    }

    /// Records the pair's current row as `head(_:itemID:annotator:a:b:)` finds it.
    static func refreshHead(_ db: Database, itemID: Int64, annotator: String, a: Int64, b: Int64) throws {
        let head = try Self.head(db, itemID: itemID, annotator: annotator, a: a, b: b)
        let kind = try head.flatMap { try String.fetchOne(db, sql: "SELECT kind FROM judgment WHERE id = ?", arguments: [$0]) }
        try recordHead(db, id: head, kind: kind, itemID: itemID, annotator: annotator, a: a, b: b)
    }

    /// Sets every assignment's head from the judgments (`head(_:itemID:annotator:a:b:)` for each): migration v5,
    /// and databases written by other tools.
    static let backfillHeadsSQL = """
        UPDATE assignment SET head_id = (\(headQuery(item: "assignment.item_id", annotator: "assignment.annotator",
                                                   a: "assignment.left_response_id", b: "assignment.right_response_id")));
        UPDATE assignment SET head_kind = (SELECT kind FROM judgment WHERE id = assignment.head_id);
        """

    /// Undoes judgment `id`: when it had changed an earlier judgment or skip (and `restorePrevious`), a copy of
    /// that earlier row is appended (the item goes back to how it was); otherwise an `undo` row is. History is
    /// never rewritten.
    public func undoJudgment(_ id: Int64, by annotator: String, restorePrevious: Bool) throws -> Int64 {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM judgment WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("no judgment \(id)")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM judgment WHERE supersedes_id = ?", arguments: [id]) == true {
                throw StoreError.invalid("judgment \(id) was already changed or undone")
            }
            let previous: Int64? = row["supersedes_id"]
            let restorable = try restorePrevious && previous.flatMap {
                try String.fetchOne(db, sql: "SELECT kind FROM judgment WHERE id = ?", arguments: [$0])
            }.map { $0 != JudgmentKind.undo.rawValue } ?? false
            if let previous, restorable {
                let columns = """
                    kind, item_id, annotator, left_response_id, right_response_id, choice, both_bad, scores_json, flags_json,
                    confidence, rationale, skip_reason, guideline_version_id, rubric_version_id, started_at, submitted_at,
                    active_seconds
                    """
                try db.execute(sql: "INSERT INTO judgment (\(columns), supersedes_id) SELECT \(columns), ? FROM judgment WHERE id = ?",
                               arguments: [id, previous])
            } else {
                let now = Self.now()
                try db.execute(sql: """
                    INSERT INTO judgment (kind, item_id, annotator, left_response_id, right_response_id, started_at, submitted_at, supersedes_id)
                    VALUES ('undo', ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [row["item_id"] as Int64, annotator, row["left_response_id"] as Int64,
                                     row["right_response_id"] as Int64, now, now, id])
            }
            let newID = db.lastInsertedRowID
            // The undo row is the undoer's; the judgment undone may be someone else's: both pairs' heads change.
            for who in Set([annotator, row["annotator"] as String]) {
                try Self.refreshHead(db, itemID: row["item_id"], annotator: who, a: row["left_response_id"], b: row["right_response_id"])
            }
            try Self.audit(db, actor: annotator, action: "undo", detail: .object([
                "judgment": .number(Double(id)), "restored": previous.map { restorable ? .number(Double($0)) : .null } ?? .null,
            ]))
            return newID
        }
    }

    public func judgmentHistory(itemID: Int64) throws -> [JudgmentRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM judgment WHERE item_id = ? ORDER BY id", arguments: [itemID]).map(Self.record)
        }
    }

    public func currentJudgments(annotator: String?) throws -> [JudgmentRecord] {
        try pool.read { db in
            var sql = """
                SELECT j.* FROM judgment j
                WHERE j.kind = 'judgment' AND NOT EXISTS (SELECT 1 FROM judgment s WHERE s.supersedes_id = j.id)
                """
            var args: StatementArguments = []
            if let a = annotator { sql += " AND j.annotator = ?"; args = [a] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY j.id", arguments: args).map(Self.record)
        }
    }

    /// The newest row of the chain for (item, annotator, unordered pair), if any.
    static func head(_ db: Database, itemID: Int64, annotator: String, a: Int64, b: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: headQuery(item: "?1", annotator: "?2", a: "?3", b: "?4"), arguments: [itemID, annotator, a, b])
    }

    /// The query behind `head`, over SQL expressions for the item, annotator and pair (parameters, or the columns
    /// of an outer query): the one definition of a pair's current row.
    static func headQuery(item: String, annotator: String, a: String, b: String) -> String {
        """
        SELECT j.id FROM judgment j
        WHERE j.item_id = \(item) AND j.annotator = \(annotator)
          AND ((j.left_response_id = \(a) AND j.right_response_id = \(b)) OR (j.left_response_id = \(b) AND j.right_response_id = \(a)))
          AND NOT EXISTS (SELECT 1 FROM judgment s WHERE s.supersedes_id = j.id)
        ORDER BY j.id DESC LIMIT 1
        """
    }

    static func encodeScores(_ scores: [String: SidePair<Int>]) -> String {
        JSONValue.object(scores.mapValues { .object(["left": .number(Double($0.left)), "right": .number(Double($0.right))]) }).canonicalJSON
    }

    static func decodeScores(_ json: String) -> [String: SidePair<Int>] {
        // Most judgments have no rubric scores: skip the JSON decoder for the stored empty object.
        if json == "{}" { return [:] }
        guard let obj = JSONValue.parse(json)?.objectValue else { return [:] }
        return obj.compactMapValues { v in
            guard let o = v.objectValue, let l = o["left"]?.numberValue, let r = o["right"]?.numberValue else { return nil }
            return SidePair(left: Int(l), right: Int(r))
        }
    }

    /// Flag names from stored `flags_json` (no decoder for the usual empty list).
    static func decodeFlags(_ json: String) -> [String] {
        if json == "[]" { return [] }
        return (JSONValue.parse(json)?.arrayValue ?? []).compactMap(\.stringValue)
    }

    static func record(_ row: Row) -> JudgmentRecord {
        JudgmentRecord(
            id: row["id"], kind: JudgmentKind(rawValue: row["kind"]) ?? .judgment, itemID: row["item_id"], annotator: row["annotator"],
            leftResponseID: row["left_response_id"], rightResponseID: row["right_response_id"], choice: row["choice"],
            bothBad: row["both_bad"], scores: decodeScores(row["scores_json"]),
            flags: decodeFlags(row["flags_json"]),
            confidence: row["confidence"], rationale: row["rationale"], skipReason: row["skip_reason"],
            guidelineVersion: row["guideline_version_id"], rubricVersion: row["rubric_version_id"],
            startedAt: Date(timeIntervalSince1970: row["started_at"]), submittedAt: Date(timeIntervalSince1970: row["submitted_at"]),
            activeSeconds: row["active_seconds"], supersedes: row["supersedes_id"])
    }
}
