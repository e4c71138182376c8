import Foundation
import GRDB
import PreferCore

/// Giving reserved overlap slots back: after a skip, or when a lead releases what an annotator holds
/// but has not judged (someone who left the project).
extension SQLiteStore {
    /// Releases the annotator's reservations that have no current judgment or skip; returns how many.
    public func releaseUnjudged(annotator: String, by actor: String) throws -> Int {
        try pool.write { db in
            let open = try Self.entries(db, annotator: annotator).filter { !$0.done }
            for e in open {
                try db.execute(sql: "DELETE FROM assignment WHERE annotator = ? AND item_id = ? AND left_response_id = ? AND right_response_id = ?",
                               arguments: [annotator, e.itemID, e.leftResponseID, e.rightResponseID])
                try Self.releaseSlot(db, itemID: e.itemID)
            }
            // Positions stay unique and in order: later entries move up to close the gaps.
            let rows = try Row.fetchAll(db, sql: "SELECT id FROM assignment WHERE annotator = ? ORDER BY queue_position", arguments: [annotator])
            for (position, row) in rows.enumerated() {
                try db.execute(sql: "UPDATE assignment SET queue_position = ? WHERE id = ?", arguments: [position, row["id"] as Int64])
            }
            try Self.audit(db, actor: actor, action: "release", detail: .object([
                "annotator": .string(annotator), "released": .number(Double(open.count)),
            ]))
            return open.count
        }
    }

    /// One fewer annotator holds the item: it is open to others again.
    static func releaseSlot(_ db: Database, itemID: Int64) throws {
        try db.execute(sql: "UPDATE item SET assigned = MAX(assigned - 1, 0), open = 1 WHERE id = ? AND gold IS NULL AND assigned > 0",
                       arguments: [itemID])
    }
}
