import ArgumentParser
import Canvas
import Foundation
import PreferCore
import PreferStore

/// `prefer disputes`: the items whose annotators disagree, most disputed first, for a lead to settle with
/// `prefer adjudicate`.
struct DisputesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disputes",
        abstract: "List the items whose annotators disagree, most disputed first (for `prefer adjudicate`).",
        discussion: """
            A unit is an item's pair of responses; it is disputed when two or more votes on it do not all carry the \
            same label (A, B, tie, both_bad; A = the first response in import order). Units without a majority come \
            first, then by how split the votes are, then by how many there are. Units already adjudicated are left \
            out unless --include-adjudicated. Annotator names are shown: this is a lead's view.
            """)

    @OptionGroup var projectOptions: ProjectOptions
    @OptionGroup var selection: VoteSelectionOptions

    @Option(name: .long, help: "How many to list (0: all).")
    var limit = 20

    @Flag(name: .long, help: "Also list units a lead has adjudicated.")
    var includeAdjudicated = false

    @Option(name: .long, help: "Both-bad judgments as a label of their own (category), or left out (drop).")
    var bothBad: String = "category"

    @Option(name: .long, help: "Output format: table or json.")
    var format: String = "table"

    func validate() throws {
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json (got '\(format)')") }
        guard BothBadPolicy(rawValue: bothBad) != nil else { throw ValidationError("--both-bad must be category or drop (got '\(bothBad)')") }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() throws {
        let (_, store) = try projectOptions.open()
        let policy = BothBadPolicy(rawValue: bothBad) ?? .category
        let units = ChoiceUnits(try store.votes(selection.filter))
        let consensus = try UnitConsensusBuilder.build(units, bothBad: policy,
                                                       adjudications: try store.adjudications(snapshot: selection.snapshot))
        let all = DisputeQueue.rank(units, consensus: consensus, bothBad: policy, includeAdjudicated: includeAdjudicated)
        let shown = limit == 0 ? all[...] : all.prefix(limit)
        let fileIDs = try store.externalIDs(shown.map(\.key.itemID))
        let withVotes = consensus.reduce(0) { $0 + ($1.hasVotes ? 1 : 0) }
        if format == "json" {
            let data = try JSONSerialization.data(withJSONObject: [
                "disputed": all.count, "units_with_votes": withVotes,
                "disputes": shown.map { Self.json($0, fileID: fileIDs[$0.key.itemID]) },
            ], options: [.sortedKeys])
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            return
        }
        print(Self.table(Array(shown), fileIDs: fileIDs, disputed: all.count, withVotes: withVotes,
                         includeAdjudicated: includeAdjudicated), terminator: "")
    }

    /// One dispute as JSON (keys: item, id, responses, votes, voters, disagreement, majority, dawid_skene, adjudicated).
    static func json(_ d: Dispute, fileID: String?) -> [String: Any] {
        [
            "item": d.key.itemID, "id": fileID ?? NSNull(), "responses": [d.positions.first, d.positions.second], "votes": d.votes,
            "voters": d.voters.map { ["annotator": $0.annotator, "label": $0.label] },
            "disagreement": (d.disagreement * 1000).rounded() / 1000,
            "majority": d.majority ?? NSNull(), "dawid_skene": d.dawidSkene ?? NSNull(), "adjudicated": d.adjudicated ?? NSNull(),
        ]
    }

    /// The table a lead reads: names and labels sanitised (annotator names are user input).
    static func table(_ shown: [Dispute], fileIDs: [Int64: String], disputed: Int, withVotes: Int, includeAdjudicated: Bool) -> String {
        var out = "\(disputed) disputed of \(withVotes) items with votes"
            + (includeAdjudicated ? "" : " (adjudicated ones left out)") + "\n"
        guard !shown.isEmpty else { return out + "Nothing to settle.\n" }
        let rows = shown.enumerated().map { i, d -> [String] in
            [String(i + 1), String(d.key.itemID), fileIDs[d.key.itemID].map { Sanitizer.plainText($0, singleLine: true) } ?? "-",
             "\(d.positions.first),\(d.positions.second)",
             ChoiceCategory.names.compactMap { name in d.votes[name].map { "\(name) \($0)" } }.joined(separator: ", "),
             d.majority ?? "-", d.dawidSkene ?? "-",
             d.voters.map { Sanitizer.plainText($0.annotator, singleLine: true) + " " + $0.label }.joined(separator: ", ")]
        }
        let header = ["#", "item", "file id", "responses", "votes", "majority", "dawid-skene", "voters"]
        let widths = header.indices.map { c in ([header] + rows).map { DisplayWidth.of($0[c]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, s in c == cells.count - 1 ? s : s + String(repeating: " ", count: widths[c] - DisplayWidth.of(s)) }
                .joined(separator: "  ") + "\n"
        }
        out += "\n" + line(header)
        for r in rows { out += line(r) }
        if shown.count < disputed { out += "... \(disputed - shown.count) more (--limit 0 lists all)\n" }
        let first = shown[0]
        out += "\nSettle one: prefer adjudicate \(first.key.itemID) --responses \(first.positions.first),\(first.positions.second)"
            + " --prefer A|B|tie|both_bad --note \"why\"\n"
        return out
    }
}
