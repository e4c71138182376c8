import Foundation
import GRDB
import PreferCore

extension SQLiteStore: ExportStoring {
    public func exportVotes(_ filter: VoteFilter) throws -> ExportVotes {
        try pool.read { db in
            var names = AnnotatorNames()
            var votes: [ExportVote] = []
            let cursor = try Self.voteCursor(db, filter)
            while let row = try cursor.next() {
                if let vote = Self.vote(row, filter, &names) { votes.append(vote) }
            }
            return ExportVotes(annotators: names.names, votes: votes)
        }
    }

    public func streamExportSelection(_ filter: VoteFilter, alsoItems: [Int64], select: (Int64, [ExportVote]) throws -> Bool,
                                      body: (ExportItem) throws -> Void) throws -> [String] {
        try pool.read { db in
            var names = AnnotatorNames()
            let votes = try Self.voteCursor(db, filter)
            var items = try PromptItemCursor(db, low: Int64.min, high: Int64.max)
            var join = ResponseJoin(cursor: try Self.responseCursor(db, low: Int64.min, high: Int64.max))
            var extra = 0
            func visit(_ id: Int64, _ group: [ExportVote]) throws {
                guard try select(id, group) else { return }
                guard var item = try items.item(id) else { throw StoreError.notFound("item \(id) is missing from the database") }
                item.responses = try join.responses(of: id)
                try body(item)
            }
            func visitExtras(before id: Int64) throws {
                while extra < alsoItems.count && alsoItems[extra] < id { try visit(alsoItems[extra], []); extra += 1 }
                while extra < alsoItems.count && alsoItems[extra] == id { extra += 1 }  // visited with its votes
            }
            var group: [ExportVote] = []
            var groupItem: Int64?
            while let row = try votes.next() {
                guard let vote = Self.vote(row, filter, &names) else { continue }
                if let current = groupItem, current != vote.itemID {
                    try visit(current, group)
                    group.removeAll(keepingCapacity: true)
                }
                if groupItem != vote.itemID { try visitExtras(before: vote.itemID); groupItem = vote.itemID }
                group.append(vote)
            }
            if let current = groupItem { try visit(current, group) }
            try visitExtras(before: Int64.max)
            return names.names
        }
    }

    /// The current (or snapshot) judgments of `filter`, ordered by item then judgment id.
    static func voteCursor(_ db: Database, _ filter: VoteFilter) throws -> RowCursor {
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
        return try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
    }

    /// One row of `voteCursor` as a vote in identity terms; nil when the filter's annotator lists leave it out
    /// or it has no choice.
    static func vote(_ row: Row, _ filter: VoteFilter, _ names: inout AnnotatorNames) -> ExportVote? {
        let annotator: String = row[2]
        if let only = filter.annotators, !only.contains(annotator) { return nil }
        if filter.excludeAnnotators.contains(annotator) { return nil }
        let bothBad: Bool = row[6]
        guard let choice: Int = row[5] ?? (bothBad ? 0 : nil) else { return nil }
        let u = Vote.unswap(choice: choice, left: row[3], right: row[4])
        var vote = ExportVote(judgmentID: row[0], itemID: row[1], annotator: names.index(annotator), first: u.first,
                              second: u.second, choice: Int16(clamping: u.choice), bothBad: bothBad, gold: row[7],
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
        return vote
    }

    /// Responses of the items in `low...high`, by item then position.
    static func responseCursor(_ db: Database, low: Int64, high: Int64) throws -> RowCursor {
        try Row.fetchCursor(db, sql: """
            SELECT item_id, id, text FROM response WHERE item_id BETWEEN ? AND ? ORDER BY item_id, position
            """, arguments: [low, high])
    }

    public func exportAdjudications(snapshot: String?) throws -> [ExportAdjudication] {
        try pool.read { db in try Self.adjudicationsInForce(db, snapshot: snapshot) }
    }

    public func streamExportItems(_ ids: [Int64], _ body: (ExportItem) throws -> Void) throws {
        guard let low = ids.first, let high = ids.last else { return }
        try pool.read { db in
            var items = try PromptItemCursor(db, low: low, high: high)
            var join = ResponseJoin(cursor: try Self.responseCursor(db, low: low, high: high))
            for id in ids {
                guard var item = try items.item(id) else { continue }
                item.responses = try join.responses(of: id)
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

/// Annotator names interned to the indices `ExportVote.annotator` holds.
struct AnnotatorNames {
    private(set) var names: [String] = []
    private var index: [String: Int32] = [:]

    /// The index of `name`, added on first sight.
    mutating func index(_ name: String) -> Int32 {
        if let known = index[name] { return known }
        let i = Int32(names.count)
        index[name] = i
        names.append(name)
        return i
    }
}

/// The item side of the merge-join: items in id order with their prompt messages, read one item at a time.
///
/// One row per prompt message (one row with NULL message columns for an empty or unreadable prompt).
/// SQLite's JSON functions split the stored prompt: about five times faster than a JSONDecoder call per
/// item, which dominated a million-item export. An unreadable prompt is an error only for an item asked for.
private struct PromptItemCursor {
    private let cursor: RowCursor
    /// The item whose rows are being read, and why its prompt is unreadable, if it is.
    private var building: (item: ExportItem, error: String?)?
    /// A complete item read past the one last asked for.
    private var peeked: (item: ExportItem, error: String?)?

    init(_ db: Database, low: Int64, high: Int64) throws {
        func field(_ function: String, _ name: String) -> String {
            // `m.value` of a non-object element is bare text, which the JSON functions would reject.
            "CASE WHEN m.type = 'object' THEN \(function)(m.value, '$.\(name)') END"
        }
        cursor = try Row.fetchCursor(db, sql: """
            SELECT i.id, i.external_id, i.batch_id, lower(hex(i.content_hash)),
                   CASE WHEN json_valid(i.prompt_json) THEN json_type(i.prompt_json) END,
                   m.key, m.type, \(field("json_type", "role")), \(field("json_extract", "role")),
                   \(field("json_type", "content")), \(field("json_extract", "content"))
            FROM item i
            LEFT JOIN json_each(CASE WHEN json_valid(i.prompt_json) AND json_type(i.prompt_json) = 'array'
                                     THEN i.prompt_json ELSE '[]' END) m
            WHERE i.id BETWEEN ? AND ? ORDER BY i.id
            """, arguments: [low, high])
    }

    /// The item `id` (without responses), or nil when there is none; ids must be asked for in increasing order.
    mutating func item(_ id: Int64) throws -> ExportItem? {
        while true {
            guard let next = try peeked ?? nextItem() else { return nil }
            peeked = nil
            if next.item.id < id { continue }
            if next.item.id > id { peeked = next; return nil }
            if let error = next.error { throw StoreError.invalid("item \(id): \(error)") }
            return next.item
        }
    }

    /// Reads rows until an item is complete.
    private mutating func nextItem() throws -> (item: ExportItem, error: String?)? {
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            var done: (item: ExportItem, error: String?)?
            if building?.item.id != id {
                done = building
                let item = ExportItem(id: id, externalID: row[1], batchID: row[2], contentHash: row[3], prompt: [], responses: [:])
                building = (item, row[4] as String? == "array" ? nil : "stored prompt is not a message list")
            }
            if building?.error == nil, let key: Int = row[5] {  // no key: an empty (or unreadable) prompt
                if row[6] as String? == "object", row[7] as String? == "text", row[9] as String? == "text",
                   key == building?.item.prompt.count {
                    building?.item.prompt.append(Message(role: row[8], content: row[10]))
                } else {
                    building?.error = "stored prompt message \(key) is not an object with text role and content"
                }
            }
            if let done { return done }
        }
        defer { building = nil }
        return building
    }
}
