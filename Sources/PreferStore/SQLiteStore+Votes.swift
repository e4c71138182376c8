import Foundation
import GRDB
import PreferCore

extension SQLiteStore {
    /// Current (or snapshot) judgments un-swapped to response identity, ordered by item then judgment id.
    public func votes(_ filter: VoteFilter = VoteFilter()) throws -> [VoteRecord] {
        try pool.read { db in
            var sql = """
                SELECT j.*, a.role, i.gold, i.batch_id,
                       rl.position AS left_position, rl.model AS left_model,
                       rr.position AS right_position, rr.model AS right_model
                FROM judgment j
                JOIN annotator a ON a.name = j.annotator
                JOIN item i ON i.id = j.item_id
                JOIN response rl ON rl.id = j.left_response_id
                JOIN response rr ON rr.id = j.right_response_id
                WHERE j.kind = 'judgment'
                """
            var args: [any DatabaseValueConvertible] = []
            if let tag = filter.snapshot {
                guard let sid = try Int64.fetchOne(db, sql: "SELECT id FROM snapshot WHERE tag = ?", arguments: [tag]) else {
                    throw StoreError.notFound("no snapshot \"\(tag)\" (see `prefer snapshot list`)")
                }
                sql += " AND j.id IN (SELECT judgment_id FROM snapshot_judgment WHERE snapshot_id = ?)"
                args.append(sid)
            } else {
                sql += " AND NOT EXISTS (SELECT 1 FROM judgment s WHERE s.supersedes_id = j.id)"
            }
            if !filter.includeSources { sql += " AND a.role != 'source'" }
            if let g = filter.guidelineVersion { sql += " AND j.guideline_version_id = ?"; args.append(g) }
            sql += " ORDER BY j.item_id, j.id"
            var out: [VoteRecord] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() {
                let annotator: String = row["annotator"]
                if let only = filter.annotators, !only.contains(annotator) { continue }
                if filter.excludeAnnotators.contains(annotator) { continue }
                guard let choice: Int = row["choice"] ?? (row["both_bad"] as Bool ? 0 : nil) else { continue }
                let left: Int64 = row["left_response_id"], right: Int64 = row["right_response_id"]
                let u = Vote.unswap(choice: choice, left: left, right: right)
                let leftPos: Int = row["left_position"], rightPos: Int = row["right_position"]
                let leftModel: String? = row["left_model"], rightModel: String? = row["right_model"]
                var scores = Self.decodeScores(row["scores_json"])
                if !u.firstShownLeft { scores = scores.mapValues { SidePair(left: $0.right, right: $0.left) } }
                out.append(VoteRecord(
                    judgmentID: row["id"], itemID: row["item_id"], annotator: annotator,
                    role: AnnotatorRole(rawValue: row["role"]) ?? .annotator,
                    firstResponseID: u.first, secondResponseID: u.second,
                    firstPosition: u.firstShownLeft ? leftPos : rightPos, secondPosition: u.firstShownLeft ? rightPos : leftPos,
                    firstModel: u.firstShownLeft ? leftModel : rightModel, secondModel: u.firstShownLeft ? rightModel : leftModel,
                    choice: u.choice, bothBad: row["both_bad"], firstShownLeft: u.firstShownLeft, scores: scores,
                    flags: Self.decodeFlags(row["flags_json"]),
                    confidence: row["confidence"], guidelineVersion: row["guideline_version_id"], rubricVersion: row["rubric_version_id"],
                    batchID: row["batch_id"], submittedAt: Date(timeIntervalSince1970: row["submitted_at"]),
                    activeSeconds: row["active_seconds"], gold: (row["gold"] as String?).flatMap(GoldAnswer.init(rawValue:))))
            }
            return out
        }
    }
}
