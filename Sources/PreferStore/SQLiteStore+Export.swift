import Foundation
import GRDB
import PreferCore

extension SQLiteStore: ExportStoring {
    public func exportVotes(_ filter: VoteFilter) throws -> ExportVotes {
        try pool.read { db in
            var reader = try ExportVoteReader(db, filter)
            var votes: [ExportVote] = []
            while let vote = try reader.next() { votes.append(vote) }
            return ExportVotes(annotators: reader.names.names, votes: votes)
        }
    }

    public func streamExportSelection(_ filter: VoteFilter, alsoItems: [Int64], select: (Int64, [ExportVote], [String]) throws -> Bool,
                                      batch: () -> ExportItemBatch, packed: () throws -> Void,
                                      usedJudgments: () throws -> JudgmentIDSet, hashJudgment: (HashedJudgment) throws -> Void) throws -> [String] {
        try pool.read { db in
            var votes = try ExportVoteReader(db, filter)
            var items = try ExportItemReader(db, low: Int64.min, high: Int64.max)
            var responses = try ExportResponseReader(db, low: Int64.min, high: Int64.max)
            var extra = 0
            func visit(_ id: Int64, _ group: [ExportVote]) throws {
                guard try select(id, group, votes.names.names) else { return }
                let into = batch()
                guard try items.pack(id, into: into) else { throw StoreError.notFound("item \(id) is missing from the database") }
                try responses.pack(id, into: into)
                try packed()
            }
            func visitExtras(before id: Int64) throws {
                while extra < alsoItems.count && alsoItems[extra] < id { try visit(alsoItems[extra], []); extra += 1 }
                while extra < alsoItems.count && alsoItems[extra] == id { extra += 1 }  // visited with its votes
            }
            var group: [ExportVote] = []
            var groupItem: Int64?
            while let vote = try votes.next() {
                if let current = groupItem, current != vote.itemID {
                    try visit(current, group)
                    group.removeAll(keepingCapacity: true)
                }
                if groupItem != vote.itemID { try visitExtras(before: vote.itemID); groupItem = vote.itemID }
                group.append(vote)
            }
            if let current = groupItem { try visit(current, group) }
            try visitExtras(before: Int64.max)
            try Self.usedJudgments(db, try usedJudgments(), hashJudgment)
            return votes.names.names
        }
    }

    /// Hands the judgments in `used` to `body` in id order, read again by id: how the dataset hash gets them in
    /// the order it needs after the items streamed in item order.
    static func usedJudgments(_ db: Database, _ used: JudgmentIDSet, _ body: (HashedJudgment) throws -> Void) throws {
        guard let range = used.range else { return }
        let rows = try RawRows(db, sql: """
            SELECT id, item_id, annotator, left_response_id, right_response_id, choice, both_bad FROM judgment
            WHERE id BETWEEN ? AND ? ORDER BY id
            """, arguments: [range.lowerBound, range.upperBound])
        var found = 0
        var lastName: [UInt8] = [], annotator = ""  // rows of one annotator share one String
        while try rows.step() {
            let id = rows.int64(0)
            guard used.contains(id) else { continue }
            // As `ExportVoteReader` reads the vote: identity terms, the choice clamped to the vote's Int16.
            let bothBad = rows.int64(6) != 0
            let choice = rows.isNull(5) ? 0 : Int(rows.int64(5))
            let u = Vote.unswap(choice: choice, left: rows.int64(3), right: rows.int64(4))
            let name = rows.bytes(2)
            if found == 0 || !name.elementsEqual(lastName) { annotator = rows.string(2); lastName = Array(name) }
            try body(HashedJudgment(id: id, itemID: rows.int64(1), annotator: annotator, choice: Int(Int16(clamping: u.choice)),
                                    bothBad: bothBad))
            found += 1
        }
        guard found == used.count else {
            throw StoreError.notFound("\(used.count - found) used judgment(s) vanished while the export read them")
        }
    }

    public func exportAdjudications(snapshot: String?) throws -> [ExportAdjudication] {
        try pool.read { db in try Self.adjudicationsInForce(db, snapshot: snapshot) }
    }

    public func streamExportItems(_ ids: [Int64], _ body: (ExportItem) throws -> Void) throws {
        guard let low = ids.first, let high = ids.last else { return }
        try pool.read { db in
            var items = try ExportItemReader(db, low: low, high: high)
            var responses = try ExportResponseReader(db, low: low, high: high)
            for id in ids {
                guard var item = try items.item(id) else { continue }
                item.responses = try responses.responses(of: id)
                try body(item)
            }
        }
    }

    public func exportLineage(batchIDs: [Int64], guidelineIDs: [Int64], rubricIDs: [Int64]) throws -> ExportLineage {
        try pool.read { db in
            func list(_ ids: [Int64]) -> String { ids.map(String.init).joined(separator: ",") }
            let batches = try Row.fetchAll(db, sql: """
                SELECT file_name, sha256, imported_at FROM import_batch WHERE id IN (\(list(batchIDs))) ORDER BY id
                """).map { ExportManifest.SourceBatch(file: $0[0], sha256: $0[1], importedAt: $0[2]) }
            func versions(_ table: String, _ ids: [Int64]) throws -> [ExportManifest.Version] {
                try Row.fetchAll(db, sql: "SELECT id, sha256 FROM \(table) WHERE id IN (\(list(ids))) ORDER BY id")
                    .map { ExportManifest.Version(id: $0[0], sha256: $0[1]) }
            }
            return ExportLineage(batches: batches, guidelineVersions: try versions("guideline_version", guidelineIDs),
                                 rubricVersions: try versions("rubric_version", rubricIDs))
        }
    }

    /// SQL condition: judgment `j` has not been changed or undone.
    static let notSuperseded = "NOT EXISTS (SELECT 1 FROM judgment s WHERE s.supersedes_id = j.id)"

    /// The id of a snapshot tag, or a clear error.
    static func snapshotID(_ db: Database, tag: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM snapshot WHERE tag = ?", arguments: [tag]) else {
            throw StoreError.notFound("no snapshot \"\(tag)\" (see `prefer snapshot list`)")
        }
        return id
    }

    /// The newest not-superseded adjudication per item and pair (or the snapshot's), A = the lower response id.
    static func adjudicationsInForce(_ db: Database, snapshot: String?) throws -> [ExportAdjudication] {
        var sql = """
            SELECT ad.id, ad.item_id, ad.first_response_id, ad.second_response_id, ad.label, ad.strength, i.gold IS NOT NULL, ad.lead
            FROM adjudication ad JOIN item i ON i.id = ad.item_id
            """
        var args: StatementArguments = []
        if let tag = snapshot {
            sql += " WHERE ad.id IN (SELECT adjudication_id FROM snapshot_adjudication WHERE snapshot_id = ?)"
            args = [try snapshotID(db, tag: tag)]
        } else {
            sql += " WHERE NOT EXISTS (SELECT 1 FROM adjudication s WHERE s.supersedes_id = ad.id)"
        }
        var newest: [[Int64]: ExportAdjudication] = [:]
        let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY ad.id", arguments: args)
        while let row = try rows.next() {
            let first: Int64 = row[2], second: Int64 = row[3]
            guard var label = Preference(rawValue: row[4]) else { continue }
            if first > second { label = label == .a ? .b : (label == .b ? .a : label) }
            var a = ExportAdjudication(id: row[0], itemID: row[1], first: min(first, second), second: max(first, second),
                                       label: label, strength: row[5], gold: row[6])
            a.lead = row[7]
            newest[[a.itemID, a.first, a.second]] = a  // ids ascend: the last one wins
        }
        return newest.values.sorted { $0.id < $1.id }
    }
}
