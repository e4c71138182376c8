import ArgumentParser
import Foundation
import PreferCore
import PreferStore

/// `prefer scores`: Bradley-Terry model strengths from the project's judgments.
struct ScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "Model scores: Bradley-Terry strengths with bootstrap intervals and a win-rate matrix.",
        discussion: """
            Each current judgment compares the models of its two responses (un-swapped to response identity); \
            both-bad counts as a tie. Scores are centred log-strengths (choix conventions); elo = 1000 + \
            400 * score / ln 10. Responses without a model name are grouped as "(unknown)" unless \
            --unknown-models exclude.
            """)

    @OptionGroup var projectOptions: ProjectOptions
    @OptionGroup var selection: VoteSelectionOptions

    @Option(name: .long, help: "Ties: half (half a win each) or drop.")
    var ties: String = "half"

    @Option(name: .long, help: "Bootstrap resamples for the score intervals (0: none).")
    var bootstrap: Int = 200

    @Option(name: .long, help: "Seed of the bootstrap resampling.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Responses without a model name: group (as \"(unknown)\") or exclude.")
    var unknownModels: String = "group"

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: String = "table"

    func validate() throws {
        guard TiePolicy(rawValue: ties) != nil else { throw ValidationError("--ties must be half or drop (got '\(ties)')") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
        guard UnknownModelPolicy(rawValue: unknownModels) != nil else {
            throw ValidationError("--unknown-models must be group or exclude (got '\(unknownModels)')")
        }
        guard ["table", "json", "csv"].contains(format) else {
            throw ValidationError("--format must be table, json or csv (got '\(format)')")
        }
    }

    func run() throws {
        let (_, store) = try projectOptions.open()
        let votes = try store.votes(selection.filter)
        let report = try ModelScoresReport.compute(votes, ties: TiePolicy(rawValue: ties) ?? .half, bootstrap: bootstrap,
                                                   seed: seed, unknown: UnknownModelPolicy(rawValue: unknownModels) ?? .group)
        switch format {
        case "json":
            FileHandle.standardOutput.write(try report.jsonData())
            FileHandle.standardOutput.write(Data("\n".utf8))
        case "csv":
            print(report.csv(), terminator: "")
            for note in report.notes { printError("Note: \(note)") }
        default:
            print(report.table(), terminator: "")
        }
    }
}
