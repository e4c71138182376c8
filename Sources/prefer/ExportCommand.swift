import ArgumentParser
import Foundation
import PreferCore
import PreferProject
import PreferStore

/// `prefer export --format F --out FILE [options]`: consensus pairs as JSONL, with a manifest beside.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write preference pairs as JSONL (TRL, KTO, OpenAI, reward) with a manifest beside the file.",
        discussion: """
            Each judged pair (item, two responses) gets one label: a lead's adjudication if there is one, else the \
            consensus of the votes (--consensus). Ties and pairs without consensus are dropped; both-bad pairs only \
            make rows in kto with --kto-both-bad. For items with 3+ responses, when the item's consensus \
            preferences form no cycle, transitive pairs are added (a > b and b > c gives a > c) unless that pair \
            was judged directly. FILE.manifest.json records what went in; `prefer verify FILE` checks it.
            """)

    @OptionGroup var projectOptions: ProjectOptions
    @Option(help: "trl, trl-conversational, kto, openai or reward.") var format: String
    @Option(help: ArgumentHelp("The JSONL file to write (with --split, one file per split beside it).", valueName: "file")) var out: String
    @Option(help: "plain or hh: how text formats lay out the prompt.") var promptTemplate: String = "plain"
    @Flag(help: "kto: write prompt and completion as message lists.") var conversational = false
    @Flag(help: "kto: write both-bad pairs as two false rows instead of dropping them.") var ktoBothBad = false
    @Flag(help: "Add id, n_judgments, agreement and strength to every row.") var withMetadata = false
    @Option(help: "majority, dawid-skene or unanimous (adjudications always win).") var consensus: String = "majority"
    @Option(help: "Least share of a pair's votes agreeing with its label (0...1).") var minAgreement: Double?
    @Option(help: "Least number of votes on a pair.") var minJudgments: Int?
    @Option(help: "Least mean strength of the votes for the winning side (scale units).") var minStrength: Double?
    @Flag(help: "Leave gold items out.") var excludeGold = false
    @Option(help: ArgumentHelp("Only these annotators' votes (comma-separated).", valueName: "a,b")) var annotators: String?
    @Option(help: ArgumentHelp("Ignore these annotators' votes (comma-separated).", valueName: "a,b")) var excludeAnnotators: String?
    @Option(help: ArgumentHelp("Only votes made under this guideline version id.", valueName: "id")) var guideline: Int64?
    @Flag(help: "Ignore labels imported with --keep-labels.") var noSourceLabels = false
    @Option(help: ArgumentHelp("Split by prompt, e.g. train=0.9,test=0.1.", valueName: "spec")) var split: String?
    @Option(help: "Seed of the split (default: the project seed).") var seed: UInt64?
    @Option(help: ArgumentHelp("Export the judgments frozen in this snapshot.", valueName: "tag")) var snapshot: String?
    @Flag(help: "Write an empty file (exit 0) when no row passes the filters.") var allowEmpty = false

    /// The content-deciding settings, checked; the scale and default seed come from the project.
    func request(config: ProjectConfig) throws -> ExportRequest {
        guard let f = ExportFormat(rawValue: format) else {
            throw UserError("--format must be one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(format)\"")
        }
        guard let template = PromptTemplate(rawValue: promptTemplate) else {
            throw UserError("--prompt-template must be plain or hh, got \"\(promptTemplate)\"")
        }
        guard let method = ConsensusMethod(rawValue: consensus) else {
            throw UserError("--consensus must be majority, dawid-skene or unanimous, got \"\(consensus)\"")
        }
        if let m = minAgreement, !(0...1).contains(m) { throw UserError("--min-agreement must be between 0 and 1, got \(m)") }
        if let m = minJudgments, m < 1 { throw UserError("--min-judgments must be at least 1, got \(m)") }
        if conversational && f != .kto { throw UserError("--conversational applies to --format kto only") }
        if ktoBothBad && f != .kto { throw UserError("--kto-both-bad applies to --format kto only") }
        if let s = split { _ = try SplitSpec.parse(s) }
        func names(_ s: String?) -> Set<String>? {
            s.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) }
        }
        return ExportRequest(
            options: ExportOptions(format: f, template: template, conversational: conversational, withMetadata: withMetadata,
                                   keepBothBad: ktoBothBad),
            selection: SelectionOptions(method: method, minAgreement: minAgreement, minJudgments: minJudgments,
                                        minStrength: minStrength, excludeGold: excludeGold, maxStrength: config.scale.maxStrength),
            filter: VoteFilter(annotators: names(annotators), excludeAnnotators: names(excludeAnnotators) ?? [],
                               includeSources: !noSourceLabels, guidelineVersion: guideline, snapshot: snapshot),
            split: split, seed: seed ?? config.seed)
    }

    func run() throws {
        let (project, store) = try projectOptions.open()
        let request = try request(config: project.config)
        // `--out data/train.jsonl` in a fresh checkout: create the folder, as a user expects.
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw UserError("cannot create the folder \(folder.path) for --out: \(error.localizedDescription)")
        }
        let writer = try ExportWriter(options: request.options, target: out, splits: try request.split.map(SplitSpec.parse),
                                      seed: request.seed)
        let result: ExportRunResult
        do { result = try ExportRun.run(store: store, request: request, sink: writer) } catch {
            writer.abort()
            throw error
        }
        let lineage = try store.exportLineage(batchIDs: result.batchIDs, guidelineIDs: result.selection.guidelineVersions,
                                              rubricIDs: result.selection.rubricVersions)
        if writer.counts.rows == 0 && !allowEmpty {
            writer.abort()
            ExportSummary.print(writer.counts, result.selection, files: [])
            throw UserError("no rows to export after filtering (see the drop counts above); nothing was written."
                + " Use --allow-empty to write an empty file")
        }
        let files = try writer.commit()
        let manifest = ExportManifestBuilder.manifest(
            commandLine: CommandLine.arguments, createdAt: ExportManifest.timestamp(Date()), request: request, run: result,
            lineage: lineage, counts: writer.counts, files: files)
        let manifestPath = out + ".manifest.json"
        do { try manifest.encoded().write(to: URL(fileURLWithPath: manifestPath), options: .atomic) } catch {
            throw UserError("cannot write \(manifestPath): \(error.localizedDescription)")
        }
        try store.audit(actor: Project.annotatorName(flag: nil, environment: ProcessInfo.processInfo.environment), action: "export",
                        detail: .object(["out": .string(out), "format": .string(format), "rows": .number(Double(writer.counts.rows)),
                                         "dataset_version": .string(result.datasetVersion),
                                         "snapshot": snapshot.map(JSONValue.string) ?? .null]))
        ExportSummary.print(writer.counts, result.selection, files: files)
        print("manifest \(manifestPath)  dataset_version \(result.datasetVersion)")
    }
}

/// The human summary of an export: files, rows, drops per reason.
enum ExportSummary {
    static func print(_ counts: ExportCounts, _ selection: PairSelectionResult, files: [ExportManifest.File]) {
        for f in files { Swift.print("wrote \(f.path)  \(f.rows) rows  sha256 \(f.sha256)") }
        Swift.print("pairs exported: \(counts.exportedPairs)  rows: \(counts.rows)")
        var drops: [(String, Int)] = SelectionDrop.allCases.map { ($0.rawValue, selection.dropped[$0, default: 0]) }
        drops += DropReason.dropReasons.map { ($0.rawValue, counts.dropped[$0, default: 0]) }
        let nonzero = drops.filter { $0.1 > 0 }
        Swift.print("dropped: " + (nonzero.isEmpty ? "none" : nonzero.map { "\($0.0) \($0.1)" }.joined(separator: ", ")))
        if selection.itemsWithCycles > 0 {
            Swift.print("items whose preferences form a cycle (no implied pairs): \(selection.itemsWithCycles)")
        }
    }
}
