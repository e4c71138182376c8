import Foundation
import GRDB
import PreferCore

extension SQLiteStore {
    public func addAnnotator(_ name: String, role: AnnotatorRole) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO annotator (name, role, created_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET role = excluded.role
                """, arguments: [name, role.rawValue, Self.isoNow()])
            try Self.audit(db, actor: name, action: "annotator", detail: .object(["name": .string(name), "role": .string(role.rawValue)]))
        }
    }

    /// Whether the annotator is registered (a key lookup; `annotators()` counts every judgment).
    public func hasAnnotator(_ name: String) throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM annotator WHERE name = ?)", arguments: [name]) ?? false }
    }

    public func annotators() throws -> [AnnotatorSummary] {
        try pool.read { db in try Self.annotatorSummaries(db) }
    }

    static func annotatorSummaries(_ db: Database) throws -> [AnnotatorSummary] {
        try Row.fetchAll(db, sql: """
            SELECT a.name, a.role, (
                SELECT COUNT(*) FROM judgment j WHERE j.annotator = a.name AND j.kind = 'judgment'
                  AND NOT EXISTS (SELECT 1 FROM judgment s WHERE s.supersedes_id = j.id)
            ) AS n
            FROM annotator a ORDER BY a.name
            """).map { AnnotatorSummary(name: $0["name"], role: AnnotatorRole(rawValue: $0["role"]) ?? .annotator, judgments: $0["n"]) }
    }

    public func recordGuidelines(_ text: String) throws -> GuidelineVersion {
        try recordVersion(table: "guideline_version", column: "text", text)
    }

    public func recordRubric(_ canonicalJSON: String) throws -> GuidelineVersion {
        try recordVersion(table: "rubric_version", column: "definition_json", canonicalJSON)
    }

    private func recordVersion(table: String, column: String, _ text: String) throws -> GuidelineVersion {
        let sha = SHA256.hex(of: text)
        return try pool.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT id, created_at FROM \(table) WHERE sha256 = ?", arguments: [sha]) {
                return GuidelineVersion(id: row["id"], sha256: sha, createdAt: row["created_at"])
            }
            let at = Self.isoNow()
            try db.execute(sql: "INSERT INTO \(table) (sha256, \(column), created_at) VALUES (?, ?, ?)", arguments: [sha, text, at])
            return GuidelineVersion(id: db.lastInsertedRowID, sha256: sha, createdAt: at)
        }
    }

    public func status(overlap: Int) throws -> StatusReport {
        try pool.read { db in
            let current = """
                FROM judgment j JOIN annotator a ON a.name = j.annotator
                WHERE j.kind = 'judgment' AND NOT EXISTS (SELECT 1 FROM judgment s WHERE s.supersedes_id = j.id)
                """
            let complete = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT j.item_id \(current) AND a.role != 'source'
                GROUP BY j.item_id HAVING COUNT(DISTINCT j.annotator) >= ?)
                """, arguments: [overlap]) ?? 0
            let batches = try Row.fetchAll(db, sql: "SELECT * FROM import_batch ORDER BY id").map {
                BatchRecord(id: $0["id"], fileName: $0["file_name"], sha256: $0["sha256"], format: $0["format"], shape: $0["shape"],
                            importedAt: $0["imported_at"], itemsAdded: $0["items_added"], duplicates: $0["duplicates"],
                            rejected: $0["rejected"], labelsKept: $0["labels_kept"])
            }
            let guideline = try Row.fetchOne(db, sql: "SELECT id, sha256, created_at FROM guideline_version ORDER BY id DESC LIMIT 1").map {
                GuidelineVersion(id: $0["id"], sha256: $0["sha256"], createdAt: $0["created_at"])
            }
            var report = StatusReport(
                items: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item") ?? 0,
                responses: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response") ?? 0,
                goldItems: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item WHERE gold IS NOT NULL") ?? 0,
                judgments: try Int.fetchOne(db, sql: "SELECT COUNT(*) \(current)") ?? 0,
                itemsComplete: complete,
                annotators: try Self.annotatorSummaries(db),
                batches: batches,
                guidelineVersion: guideline,
                schemaVersion: try Migrations.migrator().appliedMigrations(db).last ?? "none")
            for row in try Row.fetchAll(db, sql: "SELECT annotator, COUNT(*) AS n FROM assignment GROUP BY annotator") {
                report.assigned[row["annotator"]] = row["n"]
            }
            return report
        }
    }
}
