import Foundation
import GRDB
import PreferCore

extension SQLiteStore {
    public func createSnapshot(tag: String, note: String, by actor: String) throws -> SnapshotRecord {
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM snapshot WHERE tag = ?", arguments: [tag]) == true {
                throw StoreError.invalid("snapshot \"\(tag)\" already exists; pick another --tag")
            }
            let judgmentIDs = try Int64.fetchAll(db, sql: """
                SELECT j.id FROM judgment j WHERE j.kind = 'judgment' AND \(Self.notSuperseded) ORDER BY j.id
                """)
            let adjudications = try Self.adjudicationsInForce(db, snapshot: nil)
            let hash = try Self.contentHash(db, adjudications: adjudications)
            let at = Self.now()
            try db.execute(sql: "INSERT INTO snapshot (tag, note, created_at, created_by, content_hash) VALUES (?, ?, ?, ?, ?)",
                           arguments: [tag, note, at, actor, hash])
            let id = db.lastInsertedRowID
            let freezeJudgment = try db.makeStatement(sql: "INSERT INTO snapshot_judgment (snapshot_id, judgment_id) VALUES (?, ?)")
            for j in judgmentIDs { try freezeJudgment.execute(arguments: [id, j]) }
            let freezeAdjudication = try db.makeStatement(sql: "INSERT INTO snapshot_adjudication (snapshot_id, adjudication_id) VALUES (?, ?)")
            for a in adjudications { try freezeAdjudication.execute(arguments: [id, a.id]) }
            try Self.audit(db, actor: actor, action: "snapshot", detail: .object([
                "tag": .string(tag), "content_hash": .string(hash), "judgments": .number(Double(judgmentIDs.count)),
                "adjudications": .number(Double(adjudications.count)),
            ]))
            return SnapshotRecord(id: id, tag: tag, note: note, createdAt: Date(timeIntervalSince1970: at), createdBy: actor,
                                  contentHash: hash, judgments: judgmentIDs.count, adjudications: adjudications.count)
        }
    }

    public func snapshots() throws -> [SnapshotRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM snapshot_judgment x WHERE x.snapshot_id = s.id) AS nj,
                            (SELECT COUNT(*) FROM snapshot_adjudication x WHERE x.snapshot_id = s.id) AS na
                FROM snapshot s ORDER BY s.id
                """).map {
                SnapshotRecord(id: $0["id"], tag: $0["tag"], note: $0["note"], createdAt: Date(timeIntervalSince1970: $0["created_at"]),
                               createdBy: $0["created_by"], contentHash: $0["content_hash"], judgments: $0["nj"], adjudications: $0["na"])
            }
        }
    }

    public func snapshotLabels(tag: String) throws -> [SnapshotLabel] {
        try pool.read { db in
            let id = try Self.snapshotID(db, tag: tag)
            return try Row.fetchAll(db, sql: """
                SELECT j.item_id, j.annotator, j.left_response_id, j.right_response_id, j.choice, j.both_bad FROM judgment j
                WHERE j.id IN (SELECT judgment_id FROM snapshot_judgment WHERE snapshot_id = ?) ORDER BY j.id
                """, arguments: [id]).map { row in
                let u = Vote.unswap(choice: row[4] ?? 0, left: row[2], right: row[3])
                return SnapshotLabel(itemID: row[0], first: u.first, second: u.second, annotator: row[1], choice: u.choice, bothBad: row[5])
            }
        }
    }

    public func snapshotAdjudicationLabels(tag: String) throws -> [SnapshotLabel] {
        try pool.read { db in
            // The snapshot's adjudications as export reads them: newest per pair, in identity order (A = first).
            try Self.adjudicationsInForce(db, snapshot: tag).map { a in
                let strength = a.strength ?? 1
                return SnapshotLabel(itemID: a.itemID, first: a.first, second: a.second, annotator: SnapshotLabel.adjudication,
                                     choice: a.label == .a ? -strength : (a.label == .b ? strength : 0), bothBad: a.label == .bothBad)
            }
        }
    }

    /// The dataset version of the whole database state: every item, every current judgment, the adjudications in force.
    static func contentHash(_ db: Database, adjudications: [ExportAdjudication]) throws -> String {
        var hasher = DatasetHasher()
        let items = try Row.fetchCursor(db, sql: "SELECT id, lower(hex(content_hash)) FROM item ORDER BY id")
        while let row = try items.next() { try hasher.add(HashedItem(id: row[0], contentHash: row[1])) }
        let judgments = try Row.fetchCursor(db, sql: """
            SELECT j.id, j.item_id, j.annotator, j.left_response_id, j.right_response_id, j.choice, j.both_bad FROM judgment j
            WHERE j.kind = 'judgment' AND \(notSuperseded) ORDER BY j.id
            """)
        while let row = try judgments.next() {
            let u = Vote.unswap(choice: row[5] ?? 0, left: row[3], right: row[4])
            try hasher.add(HashedJudgment(id: row[0], itemID: row[1], annotator: row[2], choice: u.choice, bothBad: row[6]))
        }
        for a in adjudications { try hasher.add(HashedAdjudication(id: a.id, itemID: a.itemID, label: a.label.rawValue)) }
        return hasher.finalizeHex()
    }
}
