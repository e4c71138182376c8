import Foundation
import GRDB
import PreferCore

extension SQLiteStore {
    /// Adjudications in force (not superseded; or those frozen in a snapshot), the newest per item and pair,
    /// in response-identity terms: A = the lower response id. Ordered by id.
    public func adjudications(snapshot: String? = nil) throws -> [AdjudicationRecord] {
        try pool.read { db in
            var sql = "SELECT id, item_id, lead, first_response_id, second_response_id, label FROM adjudication ad"
            var args: StatementArguments = []
            if let tag = snapshot {
                guard let sid = try Int64.fetchOne(db, sql: "SELECT id FROM snapshot WHERE tag = ?", arguments: [tag]) else {
                    throw StoreError.notFound("no snapshot \"\(tag)\" (see `prefer snapshot list`)")
                }
                sql += " WHERE ad.id IN (SELECT adjudication_id FROM snapshot_adjudication WHERE snapshot_id = ?)"
                args = [sid]
            } else {
                sql += " WHERE NOT EXISTS (SELECT 1 FROM adjudication s WHERE s.supersedes_id = ad.id)"
            }
            var newest: [[Int64]: AdjudicationRecord] = [:]
            let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY ad.id", arguments: args)
            while let row = try rows.next() {
                let first: Int64 = row["first_response_id"], second: Int64 = row["second_response_id"]
                guard var label = Preference(rawValue: row["label"]) else { continue }
                if first > second { label = label == .a ? .b : (label == .b ? .a : label) }
                let a = AdjudicationRecord(id: row["id"], itemID: row["item_id"], firstResponseID: min(first, second),
                                           secondResponseID: max(first, second), label: label, lead: row["lead"])
                newest[[a.itemID, a.firstResponseID, a.secondResponseID]] = a  // ids ascend: the last one wins
            }
            return newest.values.sorted { $0.id < $1.id }
        }
    }
}
