/// One disputed choice unit: its votes, who cast them, and what the consensus methods make of it.
public struct Dispute: Sendable, Equatable {
    /// The item and the two responses (response-identity terms).
    public var key: ChoiceUnitKey
    /// The responses' 1-based positions in the item, as `prefer adjudicate --responses` takes them.
    public var positions: (first: Int, second: Int)
    /// Each annotator's label (A = the first response), in the order the votes were cast.
    public var voters: [(annotator: String, label: String)]
    /// Votes per label, labels with none left out.
    public var votes: [String: Int]
    /// 1 - the share of the most chosen label: 0.5 for a 1-1 split, 0.33 for 2-1.
    public var disagreement: Double
    /// Majority label, nil when the top labels tie.
    public var majority: String?
    /// Dawid-Skene label.
    public var dawidSkene: String?
    /// The lead's label, when the unit is adjudicated already.
    public var adjudicated: String?

    public static func == (a: Dispute, b: Dispute) -> Bool {
        a.key == b.key && a.positions == b.positions && a.voters.map { [$0.annotator, $0.label] } == b.voters.map { [$0.annotator, $0.label] }
            && a.votes == b.votes && a.disagreement == b.disagreement && a.majority == b.majority
            && a.dawidSkene == b.dawidSkene && a.adjudicated == b.adjudicated
    }
}

/// The units a lead should settle first (pure): those whose annotators disagree, most disputed first.
public enum DisputeQueue {
    /// Units with two or more votes that do not all carry the same label, ordered: no majority (the top labels
    /// tie) first, then by disagreement, then by number of votes, then by unit. Adjudicated units are left out
    /// unless `includeAdjudicated`. `consensus` is `UnitConsensusBuilder.build` of the same units (one entry per
    /// unit, in the units' order).
    public static func rank(_ units: ChoiceUnits, consensus: [UnitConsensus], bothBad: BothBadPolicy,
                            includeAdjudicated: Bool = false) -> [Dispute] {
        let codes = units.nominalCodes(bothBad: bothBad)
        var voters = [[(annotator: String, label: String)]](repeating: [], count: units.unitKeys.count)
        var positions = [(first: Int, second: Int)](repeating: (0, 0), count: units.unitKeys.count)
        for k in units.votes.indices {
            guard let code = codes[k] else { continue }
            let u = units.unitOfVote[k]
            voters[u].append((units.annotators[units.annotatorOfVote[k]], ChoiceCategory.names[code]))
            positions[u] = (units.votes[k].firstPosition + 1, units.votes[k].secondPosition + 1)
        }
        precondition(consensus.count == units.unitKeys.count, "consensus of other units")
        var out: [Dispute] = []
        for (u, c) in consensus.enumerated() {
            guard includeAdjudicated || c.adjudicated == nil else { continue }
            let votes = c.votes
            let total = votes.values.reduce(0, +)
            guard total >= 2, votes.count >= 2 else { continue }
            out.append(Dispute(key: c.key, positions: positions[u], voters: voters[u], votes: votes,
                               disagreement: 1 - Double(votes.values.max() ?? 0) / Double(total),
                               majority: c.majority, dawidSkene: c.dawidSkene, adjudicated: c.adjudicated))
        }
        return out.sorted { a, b in
            if (a.majority == nil) != (b.majority == nil) { return a.majority == nil }
            if a.disagreement != b.disagreement { return a.disagreement > b.disagreement }
            let na = a.voters.count, nb = b.voters.count
            if na != nb { return na > nb }
            return (a.key.itemID, a.key.first, a.key.second) < (b.key.itemID, b.key.first, b.key.second)
        }
    }
}
