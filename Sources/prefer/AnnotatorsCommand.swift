import ArgumentParser
import PreferCore
import PreferStore

/// `prefer annotators add|list`.
struct AnnotatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotators",
        abstract: "Add and list the people who annotate.",
        subcommands: [Add.self, List.self, Release.self])

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

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give back the items an annotator holds but has not judged, so others are served them.",
            discussion: "For someone who left the project: their judgments stay; only their open reservations go.")
        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var actor: AnnotatorOption
        @Argument(help: "The annotator whose open items are released.") var name: String

        func run() throws {
            let (_, store) = try projectOptions.open()
            guard try store.hasAnnotator(name) else { throw UserError("unknown annotator \"\(name)\" (see `prefer annotators list`)") }
            let n = try store.releaseUnjudged(annotator: name, by: actor.resolved)
            print("released \(n) item\(n == 1 ? "" : "s") held by \(name)")
        }
    }
}
