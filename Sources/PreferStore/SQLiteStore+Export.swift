import Foundation
import GRDB
import PreferCore

extension SQLiteStore: ExportStoring {
    public func exportVotes(_ filter: VoteFilter) throws -> ExportVotes {
        try pool.read { db in
            var sql = """
                SELECT j.id, j.item_id, j.annotator, j.left_response_id, j.right_response_id, j.choice, j.both_bad,
                       i.gold IS NOT NULL, j.guideline_version_id, j.rubric_version_id, j.scores_json
                FROM judgment j
                JOIN annotator a ON a.name = j.annotator
                JOIN item i ON i.id = j.item_id
                WHERE j.kind = 'judgment'
                """
            var args: [any DatabaseValueConvertible] = []
            if let tag = filter.snapshot {
                sql += " AND j.id IN (SELECT judgment_id FROM snapshot_judgment WHERE snapshot_id = ?)"
                args.append(try Self.snapshotID(db, tag: tag))
            } else {
                sql += " AND " + Self.notSuperseded
            }
            if !filter.includeSources { sql += " AND a.role != 'source'" }
            if let g = filter.guidelineVersion { sql += " AND j.guideline_version_id = ?"; args.append(g) }
            sql += " ORDER BY j.item_id, j.id"
            var names: [String] = [], index: [String: Int32] = [:]
            var votes: [ExportVote] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() {
                let annotator: String = row[2]
                if let only = filter.annotators, !only.contains(annotator) { continue }
                if filter.excludeAnnotators.contains(annotator) { continue }
                let bothBad: Bool = row[6]
                guard let choice: Int = row[5] ?? (bothBad ? 0 : nil) else { continue }
                let u = Vote.unswap(choice: choice, left: row[3], right: row[4])
                let a: Int32
                if let known = index[annotator] { a = known } else {
                    a = Int32(names.count); index[annotator] = a; names.append(annotator)
                }
                var vote = ExportVote(judgmentID: row[0], itemID: row[1], annotator: a, first: u.first, second: u.second,
                                      choice: Int16(clamping: u.choice), bothBad: bothBad, gold: row[7],
                                      guidelineVersion: row[8], rubricVersion: row[9])
                let scoresJSON: String = row[10]
                if scoresJSON != "{}" {
                    let scores = Array(Self.decodeScores(scoresJSON).values)
                    if !scores.isEmpty {
                        let left = Float(scores.map(\.left).reduce(0, +)) / Float(scores.count)
                        let right = Float(scores.map(\.right).reduce(0, +)) / Float(scores.count)
                        vote.scoreFirst = u.firstShownLeft ? left : right
                        vote.scoreSecond = u.firstShownLeft ? right : left
                    }
                }
                votes.append(vote)
            }
            return ExportVotes(annotators: names, votes: votes)
        }
    }

    public func exportAdjudications(snapshot: String?) throws -> [ExportAdjudication] {
        try pool.read { db in try Self.adjudicationsInForce(db, snapshot: snapshot) }
    }

    public func streamExportItems(_ ids: [Int64], _ body: (ExportItem) throws -> Void) throws {
        guard let low = ids.first, let high = ids.last else { return }
        try pool.read { db in
            let items = try Row.fetchCursor(db, sql: """
                SELECT id, external_id, batch_id, lower(hex(content_hash)), prompt_json FROM item WHERE id BETWEEN ? AND ? ORDER BY id
                """, arguments: [low, high])
            let responses = try Row.fetchCursor(db, sql: """
                SELECT item_id, id, text FROM response WHERE item_id BETWEEN ? AND ? ORDER BY item_id, position
                """, arguments: [low, high])
            var join = ResponseJoin(cursor: responses)
            let decoder = JSONDecoder()
            var wanted = 0
            while let row = try items.next(), wanted < ids.count {
                let id: Int64 = row[0]
                while wanted < ids.count && ids[wanted] < id { wanted += 1 }
                guard wanted < ids.count, ids[wanted] == id else { continue }
                let promptJSON: String = row[4]
                let prompt: [Message]
                do { prompt = try decoder.decode([Message].self, from: Data(promptJSON.utf8)) } catch {
                    throw StoreError.invalid("item \(id): stored prompt is not a message list (\(error))")
                }
                let item = ExportItem(id: id, externalID: row[1], batchID: row[2], contentHash: row[3], prompt: prompt,
                                      responses: try join.responses(of: id))
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
            SELECT ad.id, ad.item_id, ad.first_response_id, ad.second_response_id, ad.label, ad.strength, i.gold IS NOT NULL
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
            let a = ExportAdjudication(id: row[0], itemID: row[1], first: min(first, second), second: max(first, second),
                                       label: label, strength: row[5], gold: row[6])
            newest[[a.itemID, a.first, a.second]] = a  // ids ascend: the last one wins
        }
        return newest.values.sorted { $0.id < $1.id }
    }
}

/// The response side of the merge-join: a cursor ordered by item id, read one item at a time.
private struct ResponseJoin {
    let cursor: RowCursor
    /// The first response of a later item, read ahead.
    var pending: (item: Int64, id: Int64, text: String)?

    /// The responses of `item`; items must be asked for in increasing order.
    mutating func responses(of item: Int64) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        if let p = pending {
            if p.item > item { return out }
            pending = nil
            if p.item == item { out[p.id] = p.text }
        }
        while let row = try cursor.next() {
            let owner: Int64 = row[0]
            if owner < item { continue }
            if owner > item { pending = (owner, row[1], row[2]); break }
            out[row[1]] = row[2]
        }
        return out
    }
}
