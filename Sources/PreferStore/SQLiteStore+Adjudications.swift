import Foundation
import GRDB
import PreferCore

extension SQLiteStore {
    /// Adjudications in force (not superseded; or those frozen in a snapshot), the newest per item and pair,
    /// in response-identity terms: A = the lower response id. Ordered by id.
    public func adjudications(snapshot: String? = nil) throws -> [AdjudicationRecord] {
        try pool.read { db in
            try Self.adjudicationsInForce(db, snapshot: snapshot).map {
                AdjudicationRecord(id: $0.id, itemID: $0.itemID, firstResponseID: $0.first, secondResponseID: $0.second,
                                   label: $0.label, lead: $0.lead)
            }
        }
    }

    /// A lead settles an item's pair: appends an adjudication that supersedes the pair's previous one.
    /// `label` is in identity terms (A = `first`, the lower response id).
    public func adjudicate(itemID: Int64, first: Int64, second: Int64, label: Preference, strength: Int?, note: String,
                           lead: String) throws -> Int64 {
        try pool.write { db in
            guard try String.fetchOne(db, sql: "SELECT role FROM annotator WHERE name = ?", arguments: [lead]) == AnnotatorRole.lead.rawValue else {
                throw StoreError.invalid("only a lead may adjudicate; \(lead) is not one (prefer annotators add \(lead) --role lead)")
            }
            let responses = try Int64.fetchAll(db, sql: "SELECT id FROM response WHERE item_id = ?", arguments: [itemID])
            guard responses.contains(first), responses.contains(second), first != second else {
                throw StoreError.invalid("responses \(first) and \(second) are not two responses of item \(itemID)")
            }
            let previous = try Int64.fetchOne(db, sql: """
                SELECT ad.id FROM adjudication ad WHERE ad.item_id = ? AND ad.first_response_id = ? AND ad.second_response_id = ?
                  AND NOT EXISTS (SELECT 1 FROM adjudication s WHERE s.supersedes_id = ad.id) ORDER BY ad.id DESC LIMIT 1
                """, arguments: [itemID, min(first, second), max(first, second)])
            let flipped = first > second && (label == .a || label == .b)
            let stored = flipped ? (label == .a ? Preference.b : .a) : label
            try db.execute(sql: """
                INSERT INTO adjudication (item_id, lead, first_response_id, second_response_id, label, strength, note, created_at, supersedes_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [itemID, lead, min(first, second), max(first, second), stored.rawValue, strength, note, Self.now(), previous])
            let id = db.lastInsertedRowID
            try Self.audit(db, actor: lead, action: "adjudicate", detail: .object([
                "item": .number(Double(itemID)), "adjudication": .number(Double(id)), "label": .string(stored.rawValue),
            ]))
            return id
        }
    }

    /// The item's id for an id or an external id, and its response ids in import order.
    public func itemResponses(_ reference: String) throws -> (itemID: Int64, responses: [Int64]) {
        try pool.read { db in
            let id = try Int64(reference).flatMap { try Int64.fetchOne(db, sql: "SELECT id FROM item WHERE id = ?", arguments: [$0]) }
                ?? Int64.fetchOne(db, sql: "SELECT id FROM item WHERE external_id = ? ORDER BY id LIMIT 1", arguments: [reference])
            guard let itemID = id else { throw StoreError.notFound("no item \"\(reference)\" (an item id or the file's id field)") }
            return (itemID, try Int64.fetchAll(db, sql: "SELECT id FROM response WHERE item_id = ? ORDER BY position", arguments: [itemID]))
        }
    }

    /// The import file's id (`id` field) of each of these items that had one.
    public func externalIDs(_ itemIDs: [Int64]) throws -> [Int64: String] {
        guard !itemIDs.isEmpty else { return [:] }
        return try pool.read { db in
            var out: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, external_id FROM item WHERE external_id IS NOT NULL AND id IN (\(databaseQuestionMarks(count: itemIDs.count)))",
                                        arguments: StatementArguments(itemIDs)) {
                out[row[0]] = row[1]
            }
            return out
        }
    }
}
