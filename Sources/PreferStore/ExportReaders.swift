import GRDB
import PreferCore

/// The export's readers: votes, items and responses, each one ordered query read in place (`RawRows`) and
/// merged by item id, so that a million-pair export holds one item at a time.

/// Reads the votes of a `VoteFilter`, ordered by item then judgment id, in identity terms.
struct ExportVoteReader {
    private let rows: RawRows
    private let filter: VoteFilter
    /// Annotator names seen so far; `ExportVote.annotator` indexes them.
    private(set) var names = AnnotatorNames()
    /// Whether the filter's annotator lists keep each annotator index.
    private var kept: [Bool] = []
    /// The previous row's annotator, as bytes and index: rows of one annotator skip the name lookup.
    private var lastName: [UInt8] = []
    private var lastIndex: Int32 = -1
    /// Source annotators (labels imported with --keep-labels), and gold items: both read once here rather
    /// than joined on every vote row (two b-tree lookups per vote, a tenth of an export's reading time).
    private let sources: Set<String>
    private let goldItems: Set<Int64>

    init(_ db: Database, _ filter: VoteFilter) throws {
        let (sql, args) = try Self.query(db, filter)
        rows = try RawRows(db, sql: sql, arguments: StatementArguments(args))
        self.filter = filter
        sources = filter.includeSources ? [] : Set(try String.fetchAll(db, sql: "SELECT name FROM annotator WHERE role = 'source'"))
        goldItems = Set(try Int64.fetchAll(db, sql: "SELECT id FROM item WHERE gold IS NOT NULL"))
    }

    /// The votes query: current (or snapshot) judgments grouped by item, read from the covering index
    /// `judgment_by_item` alone (checked by a test of the query plan).
    static func query(_ db: Database, _ filter: VoteFilter) throws -> (String, [any DatabaseValueConvertible]) {
        var sql = """
            SELECT j.id, j.item_id, j.annotator, j.left_response_id, j.right_response_id, j.choice, j.both_bad,
                   j.guideline_version_id, j.rubric_version_id, j.scores_json
            FROM judgment j
            WHERE j.kind = 'judgment'
            """
        var args: [any DatabaseValueConvertible] = []
        if let tag = filter.snapshot {
            sql += " AND j.id IN (SELECT judgment_id FROM snapshot_judgment WHERE snapshot_id = ?)"
            args.append(try SQLiteStore.snapshotID(db, tag: tag))
        } else {
            sql += " AND " + SQLiteStore.notSuperseded
        }
        if let g = filter.guidelineVersion { sql += " AND j.guideline_version_id = ?"; args.append(g) }
        sql += " ORDER BY j.item_id, j.id"
        return (sql, args)
    }

    /// The next vote the filter keeps, nil after the last. Votes without a choice (and not both-bad) are skipped.
    mutating func next() throws -> ExportVote? {
        while try rows.step() {
            let annotator = annotatorIndex()
            guard kept[Int(annotator)] else { continue }
            let bothBad = rows.int64(6) != 0
            guard let choice = rows.isNull(5) ? (bothBad ? 0 : nil) : Int(rows.int64(5)) else { continue }
            let u = Vote.unswap(choice: choice, left: rows.int64(3), right: rows.int64(4))
            var vote = ExportVote(judgmentID: rows.int64(0), itemID: rows.int64(1), annotator: annotator, first: u.first,
                                  second: u.second, choice: Int16(clamping: u.choice), bothBad: bothBad,
                                  gold: !goldItems.isEmpty && goldItems.contains(rows.int64(1)),
                                  guidelineVersion: rows.int64OrNil(7), rubricVersion: rows.int64OrNil(8))
            if !rows.textEquals(9, "{}") {
                let scores = Array(SQLiteStore.decodeScores(rows.string(9)).values)
                if !scores.isEmpty {
                    let left = Float(scores.map(\.left).reduce(0, +)) / Float(scores.count)
                    let right = Float(scores.map(\.right).reduce(0, +)) / Float(scores.count)
                    vote.scoreFirst = u.firstShownLeft ? left : right
                    vote.scoreSecond = u.firstShownLeft ? right : left
                }
            }
            return vote
        }
        return nil
    }

    /// The index of the current row's annotator, interned on first sight.
    private mutating func annotatorIndex() -> Int32 {
        let bytes = rows.bytes(2)
        if lastIndex >= 0 && bytes.elementsEqual(lastName) { return lastIndex }
        let name = rows.string(2)
        let index = names.index(name)
        if Int(index) == kept.count {
            kept.append((filter.annotators?.contains(name) ?? true) && !filter.excludeAnnotators.contains(name)
                        && !sources.contains(name))
        }
        lastName = Array(bytes)
        lastIndex = index
        return index
    }
}

/// Items in id order with their prompt messages (no responses), read on demand in increasing id order.
struct ExportItemReader {
    private let db: Database
    private let rows: RawRows
    /// The current row's item id; nil before the first row and after the last.
    private var current: Int64?
    private var started = false
    /// The one-item statement that reads an unusual prompt with SQLite's JSON functions, prepared on first use.
    private var fallback: RawRows?
    private var scanner = StoredPromptScanner()

    init(_ db: Database, low: Int64, high: Int64) throws {
        self.db = db
        rows = try RawRows(db, sql: """
            SELECT id, external_id, batch_id, content_hash, prompt_json FROM item
            WHERE id BETWEEN ? AND ? ORDER BY id
            """, arguments: [low, high])
    }

    /// The item `id` (without responses), or nil when there is none; ids must be asked for in increasing order.
    /// Throws when its stored prompt is not a list of messages with text role and content.
    mutating func item(_ id: Int64) throws -> ExportItem? {
        guard try moveTo(id) else { return nil }
        let prompt: [Message]
        if let fast = StoredPromptScanner.messages(rows.bytes(4)) { prompt = fast } else { prompt = try fallbackPrompt(id) }
        // lower(hex(content_hash)) written here: SQLite's hex() cost a fifth of a second per million items.
        return ExportItem(id: id, externalID: rows.stringOrNil(1), batchID: rows.int64(2), contentHash: rows.lowerHex(3),
                          prompt: prompt)
    }

    /// Appends the item `id` (without responses) to `batch`; false when there is none. Ids must be asked for
    /// in increasing order. Throws when its stored prompt is not a list of messages with text role and content.
    mutating func pack(_ id: Int64, into batch: ExportItemBatch) throws -> Bool {
        guard try moveTo(id) else { return false }
        let scanned = scanner.scan(rows.bytes(4))
        let fallback = scanned ? [] : try fallbackPrompt(id)
        let external: UnsafeBufferPointer<UInt8>? = rows.isNull(1) ? nil : rows.cStringBytes(1)
        batch.beginItem(id: id, batchID: rows.int64(2), externalID: external, contentHash: rows.blob(3))
        if scanned {
            scanner.text.withUnsafeBufferPointer { t in
                for m in scanner.spans {
                    batch.appendMessage(role: UnsafeBufferPointer(rebasing: t[m.role]), content: UnsafeBufferPointer(rebasing: t[m.content]))
                }
            }
        }
        for m in fallback { batch.appendMessage(m) }
        return true
    }

    /// Moves to the row of item `id`; false when there is none.
    private mutating func moveTo(_ id: Int64) throws -> Bool {
        if !started { started = true; current = try rows.step() ? rows.int64(0) : nil }
        while let c = current, c < id { current = try rows.step() ? rows.int64(0) : nil }
        return current == id
    }

    /// The prompt as SQLite's JSON functions split it: one row per message, or one row with NULL message
    /// columns for an empty or unreadable prompt.
    private mutating func fallbackPrompt(_ id: Int64) throws -> [Message] {
        func field(_ function: String, _ name: String) -> String {
            // `m.value` of a non-object element is bare text, which the JSON functions would reject.
            "CASE WHEN m.type = 'object' THEN \(function)(m.value, '$.\(name)') END"
        }
        if let f = fallback { try f.rerun([id]) } else {
            fallback = try RawRows(db, sql: """
                SELECT CASE WHEN json_valid(i.prompt_json) THEN json_type(i.prompt_json) END,
                       m.key, m.type, \(field("json_type", "role")), \(field("json_extract", "role")),
                       \(field("json_type", "content")), \(field("json_extract", "content"))
                FROM item i
                LEFT JOIN json_each(CASE WHEN json_valid(i.prompt_json) AND json_type(i.prompt_json) = 'array'
                                         THEN i.prompt_json ELSE '[]' END) m
                WHERE i.id = ?
                """, arguments: [id])
        }
        guard let f = fallback else { return [] }
        var messages: [Message] = []
        while try f.step() {
            guard f.textEquals(0, "array") else { throw StoreError.invalid("item \(id): stored prompt is not a message list") }
            if f.isNull(1) { continue }  // no key: an empty prompt
            let key = f.int64(1)
            guard f.textEquals(2, "object"), f.textEquals(3, "text"), f.textEquals(5, "text"), key == messages.count else {
                throw StoreError.invalid("item \(id): stored prompt message \(key) is not an object with text role and content")
            }
            messages.append(Message(role: f.string(4), content: f.string(6)))
        }
        return messages
    }
}

/// The response side of the merge-join: responses ordered by item id then position, one item at a time.
struct ExportResponseReader {
    private let rows: RawRows
    /// The current row's item id; nil before the first row and after the last.
    private var current: Int64?
    private var started = false

    init(_ db: Database, low: Int64, high: Int64) throws {
        rows = try RawRows(db, sql: """
            SELECT item_id, id, text FROM response WHERE item_id BETWEEN ? AND ? ORDER BY item_id, position
            """, arguments: [low, high])
    }

    /// The responses of `item` (id -> text); items must be asked for in increasing order.
    mutating func responses(of item: Int64) throws -> ResponseTexts {
        var out = ResponseTexts()
        try each(of: item) { out.append(id: $0, utf8: $1) }
        return out
    }

    /// Appends the responses of `item` to the current item of `batch`; items must be asked for in increasing order.
    mutating func pack(_ item: Int64, into batch: ExportItemBatch) throws {
        try each(of: item) { batch.appendResponse(id: $0, text: $1) }
    }

    /// Calls `body` with each response of `item` (id, text bytes as `String(cString:)` reads them).
    private mutating func each(of item: Int64, _ body: (Int64, UnsafeBufferPointer<UInt8>) -> Void) throws {
        if !started { started = true; current = try rows.step() ? rows.int64(0) : nil }
        while let c = current, c < item { current = try rows.step() ? rows.int64(0) : nil }
        while current == item {
            body(rows.int64(1), rows.cStringBytes(2))
            current = try rows.step() ? rows.int64(0) : nil
        }
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
