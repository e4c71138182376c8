import ArgumentParser
import Foundation
import PreferCore
import PreferStore

/// `prefer verify FILE`: recomputes an export from the database and checks it against its manifest.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an export against FILE.manifest.json and the database: file hashes and dataset version.",
        discussion: """
            Re-runs the export in memory with the options recorded in the manifest (and its snapshot, if any). \
            Exit 0 and OK when everything matches; otherwise each difference is named and the exit is non-zero: \
            a file whose sha256 differs from the manifest was modified; a different dataset version means the \
            database (items, judgments, adjudications used) changed since the export.
            """)

    @OptionGroup var projectOptions: ProjectOptions
    @Argument(help: ArgumentHelp("The exported file (its --out path), or the manifest itself.", valueName: "file")) var file: String

    func run() throws {
        let manifestPath = file.hasSuffix(".manifest.json") ? file : file + ".manifest.json"
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw UserError("no manifest \(manifestPath) (for a --split export, pass the --out path)")
        }
        let manifest: ExportManifest
        do { manifest = try ExportManifest.decode(data) } catch {
            throw UserError("\(manifestPath): not an export manifest (\(error))")
        }
        guard let start = manifest.commandLine.firstIndex(of: "export") else {
            throw UserError("\(manifestPath): command_line does not contain an export command")
        }
        let recorded: ExportCommand
        do { recorded = try ExportCommand.parse(Array(manifest.commandLine[(start + 1)...])) } catch {
            throw UserError("\(manifestPath): cannot read the recorded options: \(ExportCommand.message(for: error))")
        }
        // The project: --project here, else the one the export named, else found from the current folder.
        let (project, store) = try (projectOptions.project == nil ? recorded.projectOptions : projectOptions).open()
        var request = try recorded.request(config: project.config)
        request.filter.snapshot = manifest.snapshot
        let digest = ExportDigest(options: request.options, splits: try request.split.map(SplitSpec.parse), seed: request.seed)
        let run = try ExportRun.run(store: store, request: request, sink: digest)

        var problems: [String] = []
        let folder = URL(fileURLWithPath: manifestPath).deletingLastPathComponent()
        let recomputed = digest.finish()
        for f in manifest.files {
            let url = folder.appendingPathComponent(URL(fileURLWithPath: f.path).lastPathComponent)
            if let onDisk = try? FileDigest.sha256(of: url) {
                if onDisk != f.sha256 {
                    problems.append("\(url.path): sha256 is \(onDisk) but the manifest records \(f.sha256): the file was modified after export")
                }
            } else {
                problems.append("\(url.path): missing or unreadable")
            }
            if let again = recomputed.first(where: { $0.split == f.split }), again.sha256 != f.sha256 {
                problems.append("\(url.path): exporting again now gives sha256 \(again.sha256) (\(again.rows) rows), the manifest records \(f.sha256) (\(f.rows) rows)")
            }
        }
        if run.datasetVersion != manifest.datasetVersion {
            problems.append("dataset version: the database now gives \(run.datasetVersion), the manifest records \(manifest.datasetVersion):"
                + " the items, judgments or adjudications used changed since the export")
        }
        if problems.isEmpty {
            print("OK \(manifestPath): \(manifest.files.count) file(s) match, dataset version \(manifest.datasetVersion)")
            return
        }
        for p in problems { printError("MISMATCH " + p) }
        throw ExitCode(1)
    }
}

/// SHA-256 of a file, read in chunks.
enum FileDigest {
    static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(chunk) }
        return hash.finalizeHex()
    }
}
