/// How often one annotator agrees with the majority of the other annotators.
public struct LeaveOneOutAgreement: Codable, Sendable, Equatable {
    public let annotator: Int
    /// Items where the others reached a majority (items with no other label or a tie are skipped).
    public let compared: Int
    public let agreed: Int
    /// agreed / compared; nil when nothing could be compared.
    public let share: Double?
}

extension Consensus {
    /// For each annotator, the share of their labels equal to the majority of the OTHER annotators on that item.
    public static func leaveOneOutAgreement(_ set: LabelSet) -> [LeaveOneOutAgreement] {
        var counts = set.voteCounts()
        var compared = [Int](repeating: 0, count: set.nAnnotators)
        var agreed = [Int](repeating: 0, count: set.nAnnotators)
        for l in set.labels {
            counts[l.item][l.category] -= 1 // remove own vote, then restore
            if let others = majority(counts[l.item]) {
                compared[l.annotator] += 1
                if others == l.category { agreed[l.annotator] += 1 }
            }
            counts[l.item][l.category] += 1
        }
        return (0..<set.nAnnotators).map { a in
            LeaveOneOutAgreement(annotator: a, compared: compared[a], agreed: agreed[a],
                                 share: compared[a] > 0 ? Double(agreed[a]) / Double(compared[a]) : nil)
        }
    }
}
