import ArgumentParser
import Foundation
import PreferCore
import PreferStore

/// `prefer agreement`: inter-annotator agreement of the project's judgments, or of a ratings file.
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-annotator agreement (percent agreement, Krippendorff's alpha, Fleiss' kappa, Gwet's AC1/AC2, "
            + "Cohen's kappa per pair), annotator quality and consensus.",
        discussion: """
            On the project (default): judgments are un-swapped to response identity; the choice is measured at \
            nominal level on {A, B, tie, both_bad} per unit (item, response pair) and at ordinal level on the \
            signed strength; rubric criteria at ordinal level per (item, response). Annotator quality: accuracy on \
            gold items, agreement with the leave-one-out majority, left-pane share with a binomial p-value, \
            median active time and drift. Consensus per unit: majority vote and Dawid-Skene, adjudications override.
            Labels imported with --keep-labels count as an annotator unless --no-source-labels.

            --ratings reads long-format ratings: CSV with a header naming columns item, annotator and value \
            (any order, other columns ignored), or JSONL objects with those keys. Rows with an empty value are \
            skipped. Nominal values may be any text; the other levels need numbers (ratio: >= 0).
            """)

    @OptionGroup var projectOptions: ProjectOptions
    @OptionGroup var selection: VoteSelectionOptions

    @Option(name: .long, help: "Ratings file (CSV or JSONL) with columns item, annotator, value, instead of the project.")
    var ratings: String?

    @Option(name: .long, help: "With --ratings: measurement level nominal, ordinal, interval or ratio (default nominal).")
    var level: String?

    @Option(name: .long, help: "With --ratings: add a consensus, majority or dawid-skene.")
    var consensus: String?

    @Option(name: .long, help: "Project: one report per annotator, criterion, batch or guideline.")
    var by: String?

    @Option(name: .long, help: "Project: report this rubric criterion only.")
    var criterion: String?

    @Option(name: .long, help: "Project: both-bad judgments as a category of the choice, or drop them.")
    var bothBad: String = "category"

    @Option(name: .long, help: "Project: drift window, a number of judgments or 'week' (ISO week).")
    var driftWindow: String = "100"

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: String = "table"

    @Option(name: .long, help: "Minimum shared items for a Cohen's kappa pair.")
    var minShared: Int = 10

    @Option(name: .long, help: "Bootstrap replicates for alpha and Fleiss' kappa intervals (0: none).")
    var bootstrap: Int = 0

    @Option(name: .long, help: "Seed of the bootstrap resampling.")
    var seed: UInt64 = 1

    func validate() throws {
        guard ["table", "json", "csv"].contains(format) else {
            throw ValidationError("--format must be table, json or csv (got '\(format)')")
        }
        guard minShared >= 1 else { throw ValidationError("--min-shared must be at least 1") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
        if ratings != nil {
            let projectOnly = [("--by", by != nil), ("--criterion", criterion != nil), ("--snapshot", selection.snapshot != nil),
                               ("--no-source-labels", selection.noSourceLabels), ("--project", projectOptions.project != nil)]
            if let (flag, _) = projectOnly.first(where: { $0.1 }) {
                throw ValidationError("\(flag) applies to the project, not to --ratings")
            }
            guard MeasurementLevel(rawValue: level ?? "nominal") != nil else {
                throw ValidationError("--level must be nominal, ordinal, interval or ratio (got '\(level ?? "")')")
            }
            if let c = consensus, RatingsConsensusMethod(rawValue: c) == nil {
                throw ValidationError("--consensus must be majority or dawid-skene (got '\(c)')")
            }
        } else {
            if level != nil {
                throw ValidationError("--level applies to --ratings; on a project the choice is reported at nominal and ordinal level")
            }
            if consensus != nil {
                throw ValidationError("--consensus applies to --ratings; on a project both majority and Dawid-Skene are reported")
            }
            if let by, MeasureGrouping(rawValue: by) == nil {
                throw ValidationError("--by must be annotator, criterion, batch or guideline (got '\(by)')")
            }
            guard BothBadPolicy(rawValue: bothBad) != nil else {
                throw ValidationError("--both-bad must be category or drop (got '\(bothBad)')")
            }
            guard DriftWindow(driftWindow) != nil else {
                throw ValidationError("--drift-window must be a positive number of judgments or 'week' (got '\(driftWindow)')")
            }
        }
    }

    func run() throws {
        if let path = ratings { try runRatings(path) } else { try runProject() }
    }

    private func runRatings(_ path: String) throws {
        guard let level = MeasurementLevel(rawValue: level ?? "nominal") else { return }
        let (table, labels) = try RatingTable.load(path: path, level: level)
        let report = AgreementReport.compute(table, level: level, minShared: minShared, bootstrap: bootstrap, seed: seed)
        let agreed = consensus.flatMap(RatingsConsensusMethod.init(rawValue:)).map {
            RatingsConsensus.compute(table, labels: labels, method: $0)
        }
        switch format {
        case "json": writeJSON(try RatingsReportJSON(report: report, consensus: agreed).jsonData())
        case "csv": print(report.csv() + (agreed.map(RatingsConsensusText.csvRows) ?? ""), terminator: "")
        default: print(report.table() + (agreed.map(RatingsConsensusText.table) ?? ""), terminator: "")
        }
    }

    private func runProject() throws {
        let (project, store) = try projectOptions.open()
        var options = MeasureOptions()
        options.by = by.flatMap(MeasureGrouping.init(rawValue:))
        options.bothBad = BothBadPolicy(rawValue: bothBad) ?? .category
        options.drift = DriftWindow(driftWindow) ?? .judgments(100)
        options.minShared = minShared
        options.bootstrap = bootstrap
        options.seed = seed
        let votes = try store.votes(selection.filter)
        let known = project.config.rubric.map(\.id) + CriterionTable.criteria(in: votes)
        var criteria: [String] = []
        for id in known where !criteria.contains(id) { criteria.append(id) }
        if let criterion {
            guard criteria.contains(criterion) else {
                throw UserError("no rubric criterion \"\(criterion)\" in \(project.configPath) or in the judgments"
                    + (criteria.isEmpty ? "" : " (known: \(criteria.joined(separator: ", ")))"))
            }
            criteria = [criterion]
            options.keepUnscoredCriteria = true
        }
        options.criteria = criteria
        let report = try MeasureReport.compute(votes: votes, adjudications: try store.adjudications(snapshot: selection.snapshot),
                                               options: options, sourceLabels: !selection.noSourceLabels)
        switch format {
        case "json": writeJSON(try report.jsonData())
        case "csv": print(report.csv(), terminator: "")
        default: print(report.table(), terminator: "")
        }
        for note in report.notes where format != "table" { printError("Note: \(note)") }
    }

    private func writeJSON(_ data: Data) {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
