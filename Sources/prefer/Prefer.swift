import ArgumentParser
import PreferCore

/// The `prefer` command: collect, measure and export human preference data on LLM outputs.
@main
struct Prefer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prefer",
        abstract: "Collect human preference data on LLM outputs: annotate, measure agreement, export DPO-ready JSONL.",
        discussion: "A project is a folder holding prefer.yaml, guidelines.md and a SQLite database. "
            + "Commands find it from the current folder upwards, or from --project PATH / PREFER_PROJECT.",
        version: preferVersion,
        subcommands: [InitCommand.self, ImportCommand.self, AnnotateCommand.self, StatusCommand.self, AnnotatorsCommand.self, AgreementCommand.self,
                      ScoresCommand.self, DisputesCommand.self, AdjudicateCommand.self, ExportCommand.self, SnapshotCommand.self, VerifyCommand.self]
    )
}
