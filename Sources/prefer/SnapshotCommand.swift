import ArgumentParser
import Foundation
import PreferCore
import PreferStore

/// `prefer snapshot create|list|diff`: named, frozen versions of the labels.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Freeze the current judgments under a tag, list snapshots, compare two.",
        subcommands: [Create.self, List.self, Diff.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze which judgments and adjudications are current; `prefer export --snapshot TAG` exports exactly them later.")
        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var annotator: AnnotatorOption
        @Option(help: "The snapshot's name (letters, digits, '.', '_', '-').") var tag: String
        @Option(help: "A note kept with the snapshot.") var note: String = ""

        func run() throws {
            guard !tag.isEmpty, tag.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0)) }) else {
                throw UserError("--tag must be letters, digits, '.', '_' or '-', got \"\(tag)\"")
            }
            let (_, store) = try projectOptions.open()
            let s = try store.createSnapshot(tag: tag, note: note, by: annotator.resolved)
            print("snapshot \(s.tag): \(s.judgments) judgments, \(s.adjudications) adjudications, content hash \(s.contentHash)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List snapshots, oldest first.")
        @OptionGroup var projectOptions: ProjectOptions

        func run() throws {
            let (_, store) = try projectOptions.open()
            let rows = try store.snapshots()
            if rows.isEmpty { print("No snapshots yet: prefer snapshot create --tag NAME"); return }
            let width = max(3, rows.map(\.tag.count).max() ?? 3)
            print("TAG".padding(toLength: width, withPad: " ", startingAt: 0) + "  CREATED               BY  JUDGMENTS  ADJUDICATIONS  HASH  NOTE")
            for s in rows {
                print([s.tag.padding(toLength: width, withPad: " ", startingAt: 0), ExportManifest.timestamp(s.createdAt), s.createdBy,
                       String(s.judgments), String(s.adjudications), String(s.contentHash.prefix(12)), s.note].joined(separator: "  "))
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count labels added, changed and removed from snapshot A to snapshot B (per item, pair and annotator), and the same for lead adjudications (per item and pair).")
        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The older snapshot.") var a: String
        @Argument(help: "The newer snapshot.") var b: String

        func run() throws {
            let (_, store) = try projectOptions.open()
            let d = SnapshotDiff.between(try store.snapshotLabels(tag: a), try store.snapshotLabels(tag: b))
            let ad = SnapshotDiff.between(try store.snapshotAdjudicationLabels(tag: a), try store.snapshotAdjudicationLabels(tag: b))
            print("\(a) -> \(b): added \(d.added), changed \(d.changed), removed \(d.removed), unchanged \(d.unchanged)")
            print("adjudications: added \(ad.added), changed \(ad.changed), removed \(ad.removed), unchanged \(ad.unchanged)")
        }
    }
}
