import Foundation

/// Table and CSV lines for a ratings-file consensus (the per-item labels are in the JSON only).
public enum RatingsConsensusText {
    /// Counts of decided items and the accuracy of each annotator, best first.
    public static func table(_ c: RatingsConsensus) -> String {
        let decided = c.items.filter { $0.label != nil }.count
        let out = "\nConsensus (\(c.method.rawValue)): \(c.items.count) items, \(decided) decided, "
            + "\(c.items.count - decided) undecided\n\n"
        var rows = [["annotator", c.method == .majority ? "agreement with the others' majority" : "accuracy"]]
        for (name, a) in c.annotatorAccuracy.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            rows.append([printable(name), fmt(a)])
        }
        return out + aligned(rows)
    }

    /// Rows `annotator_accuracy,NAME,,,VALUE,,,` in the AgreementReport CSV columns, by name.
    public static func csvRows(_ c: RatingsConsensus) -> String {
        c.annotatorAccuracy.keys.sorted().map { name in
            ["annotator_accuracy", name, "", "", String(c.annotatorAccuracy[name] ?? 0), "", "", ""]
                .map(csvField).joined(separator: ",") + "\n"
        }.joined()
    }
}
