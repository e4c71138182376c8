import ArgumentParser
import Foundation
import PreferCore
import PreferProject
import PreferStore

/// `prefer status [--json]`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Items, responses, gold items, judgments, progress per annotator, batches, guideline version.")

    @OptionGroup var projectOptions: ProjectOptions
    @Flag(help: "Print JSON with stable keys (see README).") var json = false

    func run() throws {
        let (project, store) = try projectOptions.open()
        let s = try store.status(overlap: project.config.overlap)
        if json {
            print(StatusJSON.encode(s, project: project.config.name, overlap: project.config.overlap))
            return
        }
        print("Project     \(project.config.name)  (\(Project.displayPath(project.root.path)))")
        print("Items       \(s.items)  (\(s.goldItems) gold), \(s.responses) responses")
        print("Judgments   \(s.judgments) current; \(s.itemsComplete) of \(s.items) items have \(project.config.overlap) annotators")
        if let g = s.guidelineVersion {
            print("Guidelines  version \(g.id) (sha256 \(g.sha256.prefix(12)), since \(g.createdAt))")
            if let text = project.guidelinesText(), SHA256.hex(of: text) != g.sha256 {
                print("            \(project.config.guidelinesFile) has changed since: the next `prefer annotate` records a new version")
            }
        }
        print("\nAnnotators")
        if s.annotators.isEmpty { print("  none yet: prefer annotators add NAME") }
        for a in s.annotators {
            let queue = a.role == .source ? "" : ", \(s.assigned[a.name] ?? 0) in queue"
            print("  \(a.name)  \(a.role.rawValue)  \(a.judgments) judgments\(queue)")
        }
        print("\nBatches")
        if s.batches.isEmpty { print("  none yet: prefer import FILE") }
        for b in s.batches {
            print("  #\(b.id) \(b.fileName)  \(b.format)/\(b.shape)  +\(b.itemsAdded) items, \(b.duplicates) duplicates, \(b.rejected) rejected  \(b.importedAt)")
        }
    }
}

/// The `prefer status --json` document; keys are stable (documented in the README).
enum StatusJSON {
    static func encode(_ s: StatusReport, project: String, overlap: Int) -> String {
        func n(_ i: Int) -> JSONValue { .number(Double(i)) }
        let value = JSONValue.object([
            "project": .string(project),
            "items": n(s.items),
            "responses": n(s.responses),
            "gold_items": n(s.goldItems),
            "judgments": n(s.judgments),
            "overlap": n(overlap),
            "items_complete": n(s.itemsComplete),
            "schema_version": .string(s.schemaVersion),
            "annotators": .array(s.annotators.map {
                .object(["name": .string($0.name), "role": .string($0.role.rawValue), "judgments": n($0.judgments),
                         "assigned": n(s.assigned[$0.name] ?? 0)])
            }),
            "batches": .array(s.batches.map {
                .object(["id": n(Int($0.id)), "file": .string($0.fileName), "sha256": .string($0.sha256), "format": .string($0.format),
                         "shape": .string($0.shape), "imported_at": .string($0.importedAt), "items_added": n($0.itemsAdded),
                         "duplicates": n($0.duplicates), "rejected": n($0.rejected), "labels_kept": n($0.labelsKept)])
            }),
            "guideline_version": s.guidelineVersion.map { .object(["id": n(Int($0.id)), "sha256": .string($0.sha256), "created_at": .string($0.createdAt)]) } ?? .null,
        ])
        return value.canonicalJSON
    }
}
