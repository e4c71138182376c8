import ArgumentParser
import PreferCore
import PreferStore

/// `prefer annotators add|list`.
struct AnnotatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotators",
        abstract: "Add and list the people who annotate.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an annotator, or change their role.")
        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The annotator's name.") var name: String
        @Option(help: "lead (may adjudicate) or annotator.") var role: String = "annotator"

        func run() throws {
            guard let r = AnnotatorRole(rawValue: role), r != .source else {
                throw UserError("--role must be lead or annotator, got \"\(role)\"")
            }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("source:") else {
                throw UserError("annotator names must not be empty or start with \"source:\" (kept for imported labels)")
            }
            let (_, store) = try projectOptions.open()
            try store.addAnnotator(trimmed, role: r)
            print("\(trimmed) (\(r.rawValue))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List annotators with their current judgment counts.")
        @OptionGroup var projectOptions: ProjectOptions

        func run() throws {
            let (_, store) = try projectOptions.open()
            let rows = try store.annotators()
            if rows.isEmpty { print("No annotators yet: prefer annotators add NAME"); return }
            let width = max(4, rows.map(\.name.count).max() ?? 4)
            print("NAME".padding(toLength: width, withPad: " ", startingAt: 0) + "  ROLE       JUDGMENTS")
            for a in rows {
                print(a.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                      + a.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + "  " + String(a.judgments))
            }
        }
    }
}
