import ArgumentParser
import PreferCore
import PreferStore

/// `prefer adjudicate ITEM --prefer A|B|tie|both_bad`: a lead settles a disputed item; the adjudication wins over
/// every consensus in `prefer agreement` and `prefer export`.
struct AdjudicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjudicate",
        abstract: "Settle an item as a lead: the label wins over consensus in agreement and export.",
        discussion: """
            A and B are the item's responses in import order (response_a / response_b, chosen / rejected, or the first \
            two of `responses`; --responses picks another pair by position, e.g. 1,3). A later adjudication of the \
            same pair supersedes the earlier one; both stay in the history and the audit log.
            """)

    @OptionGroup var projectOptions: ProjectOptions
    @OptionGroup var annotator: AnnotatorOption
    @Argument(help: "The item: its id, or the id field of the imported row.") var item: String
    @Option(name: .customLong("prefer"), help: "A, B, tie or both_bad.") var label: String
    @Option(help: ArgumentHelp("Which two responses, by 1-based position (default 1,2).", valueName: "i,j")) var responses = "1,2"
    @Option(help: "Strength on the project's scale (1 = slight ... max), optional.") var strength: Int?
    @Option(help: "Why: kept with the adjudication.") var note = ""

    func run() throws {
        guard let preference = Preference(rawValue: label == "a" ? "A" : label == "b" ? "B" : label.replacingOccurrences(of: "-", with: "_")) else {
            throw UserError("--prefer must be A, B, tie or both_bad, got \"\(label)\"")
        }
        let positions = responses.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard positions.count == 2, positions[0] != positions[1], positions.allSatisfy({ $0 >= 1 }) else {
            throw UserError("--responses takes two different positions like 1,2")
        }
        let (project, store) = try projectOptions.open()
        if let s = strength, !(1...project.config.scale.maxStrength).contains(s) {
            throw UserError("--strength must be from 1 to \(project.config.scale.maxStrength) on this project's scale")
        }
        let (itemID, ids) = try store.itemResponses(item)
        guard positions.allSatisfy({ $0 <= ids.count }) else {
            throw UserError("item \(item) has \(ids.count) responses; --responses \(responses) is out of range")
        }
        do {
            let id = try store.adjudicate(itemID: itemID, first: ids[positions[0] - 1], second: ids[positions[1] - 1],
                                          label: preference, strength: strength, note: note, lead: annotator.resolved)
            print("adjudication \(id): item \(itemID), responses \(positions[0]) and \(positions[1]): \(preference.rawValue)")
        } catch let e as StoreError {
            throw UserError("\(e)")
        }
    }
}
