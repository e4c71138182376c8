import ArgumentParser
import Foundation
import PreferCore
import PreferProject
import PreferStore

/// `prefer import FILE...`: comparison data into the project, all files in one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import comparison data (JSONL, .jsonl.gz, CSV): pairs, k responses, TRL preference rows, HH-RLHF transcripts.",
        discussion: """
            The shape is detected per file from the first row, or forced with --format:
              pairs      prompt + response_a, response_b (optional model_a, model_b, id)
              responses  prompt + responses: a list of strings or {text, model}
              trl        prompt + chosen, rejected (strings, or lists of {role, content})
              hh         chosen + rejected holding whole "\\n\\nHuman:/\\n\\nAssistant:" transcripts
            prompt may be a string or a list of messages (`messages` is a synonym). A `gold` field (A, B, tie;
            `chosen` for TRL rows) marks a gold item. Other fields are kept as item metadata.
            All files are imported in one transaction: on the first bad row nothing is imported, unless
            --skip-invalid, which imports the good rows and writes the bad ones to a rejects file.
            """)

    @OptionGroup var projectOptions: ProjectOptions
    @OptionGroup var annotator: AnnotatorOption

    @Argument(help: "Files to import.") var files: [String]

    @Option(name: .long, help: "Force the shape: pairs, responses, trl, hh (default: detected per file).")
    var format: String?

    @Flag(help: "Record each file's own preference (chosen/rejected, winner/label) as judgments by a source annotator.")
    var keepLabels = false

    @Option(help: ArgumentHelp("Name of the source annotator for --keep-labels, always prefixed source: (default: source:<file stem>).", valueName: "name"))
    var source: String?

    @Flag(help: "Import the good rows and write the bad ones, with their reasons, to a rejects file.")
    var skipInvalid = false

    @Option(help: ArgumentHelp("Where --skip-invalid writes bad rows (default: <file stem>.rejects.jsonl in the current folder).", valueName: "file"))
    var rejects: String?

    @Flag(help: "Import a file again even though the same bytes (sha256) were imported before.")
    var again = false

    @Option(help: "Longest accepted line in bytes.") var maxLineBytes = 8 << 20

    func validate() throws {
        if let f = format, ImportShape(rawValue: f) == nil {
            throw ValidationError("--format must be one of \(ImportShape.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(f)\"")
        }
        if rejects != nil && !skipInvalid { throw ValidationError("--rejects goes with --skip-invalid") }
        if rejects != nil && files.count > 1 { throw ValidationError("--rejects takes one file; import several files without it") }
        if maxLineBytes < 1024 { throw ValidationError("--max-line-bytes must be at least 1024") }
        let paths = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if let twice = paths.first(where: { p in paths.filter { $0 == p }.count > 1 }) {
            throw ValidationError("\(twice) is listed twice")
        }
    }

    func run() throws {
        let (project, store) = try projectOptions.open()
        let who = annotator.resolved
        var options = ImportOptions(shape: format.flatMap(ImportShape.init(rawValue:)), maxLineBytes: maxLineBytes)
        options.queueSeed = project.config.seed
        options.keepsItems = false
        var reports: [(file: String, counts: ImportCounts, rejectsPath: String?)] = []
        let started = Date()
        do {
            try store.importSession(again: again) { session in
                for file in files {
                    reports.append(try importFile(file, session: session, options: options, seed: project.config.seed, who: who))
                }
                // Only bad rows: roll back, so no empty batch blocks importing the corrected file.
                if reports.allSatisfy({ $0.counts.itemsAdded == 0 && $0.counts.labelsKept == 0 && $0.counts.rejected > 0 }) {
                    throw NothingImported()
                }
            }
        } catch is NothingImported {
            for r in reports where r.counts.rejected > 0 {
                printError("\(r.file): \(r.counts.rejected) rows rejected (see \(r.rejectsPath ?? "the rejects file"))")
            }
            throw UserError("every row was rejected: nothing was imported")
        } catch let e as ImportRowError {
            throw UserError("\(e)\nNothing was imported. Fix the row, or pass --skip-invalid to import the good rows and report the bad ones.")
        } catch let e as ImportFileError {
            throw UserError("\(e)\nNothing was imported.")
        } catch let e as StoreError {
            throw UserError("\(e)\nNothing was imported.")
        }
        let seconds = Date().timeIntervalSince(started)
        var total = ImportCounts()
        for r in reports {
            let c = r.counts
            var line = "\(r.file): \(c.itemsAdded) items added"
            if c.duplicates > 0 { line += ", \(c.duplicates) duplicates skipped" }
            if c.labelsKept > 0 { line += ", \(c.labelsKept) labels kept" }
            if c.rejected > 0, let p = r.rejectsPath { line += ", \(c.rejected) rows rejected (see \(p))" }
            print(line)
            total.itemsAdded += c.itemsAdded
            total.rowsRead += c.rowsRead
        }
        if reports.count > 1 { print("total: \(total.itemsAdded) items added from \(total.rowsRead) rows") }
        if seconds > 0.5 {
            printError(String(format: "%.1f s, %.0f rows/s", seconds, Double(total.rowsRead) / seconds))
        }
    }

    /// Streams one file into the session; with --skip-invalid bad rows go to the rejects file.
    private func importFile(_ file: String, session: ImportSession, options: ImportOptions, seed: UInt64,
                            who: String) throws -> (file: String, counts: ImportCounts, rejectsPath: String?) {
        let reader = try ImportReader(path: file, options: options)
        let url = URL(fileURLWithPath: file)
        let stem = Self.stem(url.lastPathComponent)
        let info = BatchInfo(fileName: url.lastPathComponent, filePath: url.standardizedFileURL.path, sha256: "",
                             format: reader.format, shape: options.shape?.rawValue ?? "", importedBy: who, seed: seed)
        let sink = try session.begin(info, keepLabelsAs: keepLabels ? Self.sourceName(source, stem: stem) : nil)
        var rejectWriter: RejectsWriter?
        let rejectsPath = rejects ?? "\(stem).rejects.jsonl"
        defer { rejectWriter?.close() }
        while let result = try reader.nextEncoded() {
            switch result {
            case .success(let item):
                try sink.add(item)
            case .failure(let error):
                guard skipInvalid else { throw error }
                if rejectWriter == nil { rejectWriter = try RejectsWriter(path: rejectsPath) }
                try rejectWriter?.write(error)
                sink.reject()
            }
        }
        if reader.rowsRead == 0 {
            throw ImportFileError(file: file, message: "the file has no rows")
        }
        let counts = try session.finish(sha256: reader.sha256, shape: reader.shape?.rawValue ?? "")
        return (file, counts, rejectWriter == nil ? nil : rejectsPath)
    }

    /// Imported labels always belong to a `source:` annotator, so they never mix with a person's judgments.
    static func sourceName(_ flag: String?, stem: String) -> String {
        guard let f = flag, !f.isEmpty else { return "source:\(stem)" }
        return f.hasPrefix("source:") ? f : "source:\(f)"
    }

    /// `data.jsonl.gz` -> `data`.
    static func stem(_ name: String) -> String {
        var s = name
        for ext in [".gz", ".jsonl", ".json", ".csv"] where s.hasSuffix(ext) { s.removeLast(ext.count) }
        return s.isEmpty ? name : s
    }
}

/// Thrown inside the import transaction to roll it back when every row was rejected.
struct NothingImported: Error {}

/// The rejects file of --skip-invalid: one JSON object per bad row, with its reason.
final class RejectsWriter {
    let handle: FileHandle

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw UserError("cannot write the rejects file \(path)")
        }
        handle = h
    }

    func write(_ e: ImportRowError) throws {
        var fields: [String: JSONValue] = [
            "file": .string(e.file), "line": .number(Double(e.line)), "error": .string(e.message), "message": .string(e.description),
        ]
        if let f = e.field { fields["field"] = .string(f) }
        if let raw = e.rawLine { fields["raw"] = .string(raw) }
        try handle.write(contentsOf: Data((JSONValue.object(fields).canonicalJSON + "\n").utf8))
    }

    func close() { try? handle.close() }
}
