import ArgumentParser
import PreferCore

/// Which judgments `prefer agreement` and `prefer scores` read from the project.
struct VoteSelectionOptions: ParsableArguments {
    @Flag(name: .long, help: "Leave out labels imported with --keep-labels (included by default).")
    var noSourceLabels = false

    @Option(name: .long, help: "Use the judgments frozen in this snapshot instead of the current ones.")
    var snapshot: String?

    /// The store filter for these options.
    var filter: VoteFilter { VoteFilter(includeSources: !noSourceLabels, snapshot: snapshot) }
}
