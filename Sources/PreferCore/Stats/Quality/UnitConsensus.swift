/// A lead's adjudication in force for one choice unit, in response-identity terms (A = the lower response id).
public struct AdjudicationRecord: Sendable, Equatable {
    public var id: Int64
    public var itemID: Int64
    public var firstResponseID: Int64
    public var secondResponseID: Int64
    public var label: Preference
    public var lead: String
    /// Memberwise initialiser.
    public init(id: Int64, itemID: Int64, firstResponseID: Int64, secondResponseID: Int64, label: Preference, lead: String) {
        self.id = id; self.itemID = itemID; self.firstResponseID = firstResponseID
        self.secondResponseID = secondResponseID; self.label = label; self.lead = lead
    }

    /// The unit key, as `ChoiceUnits.key`.
    public var unitKey: String { unit.description }
    /// The unit adjudicated.
    public var unit: ChoiceUnitKey { ChoiceUnitKey(itemID: itemID, first: firstResponseID, second: secondResponseID) }
}

/// The consensus of one choice unit: majority vote, Dawid-Skene, and the adjudication that overrides both.
/// Stored without heap allocations (a project has one per unit, a million for a large one); the dictionaries
/// the JSON output shows are computed on demand.
public struct UnitConsensus: Sendable, Equatable {
    /// The unit.
    public var key: ChoiceUnitKey
    /// Votes per category code (A, B, tie, both_bad).
    var counts: SIMD4<Int32>
    /// Dawid-Skene posterior per category code, and how many categories it covers (3 when both-bad is dropped).
    var posterior: SIMD4<Double>?
    var posteriorCategories: Int8
    /// Majority label; nil when undecided (tie between the top labels).
    public var majority: String?
    /// Dawid-Skene label.
    public var dawidSkene: String?
    /// The lead's label, when adjudicated.
    public var adjudicated: String?
    /// adjudicated ?? majority, and adjudicated ?? Dawid-Skene.
    public var finalMajority: String?
    public var finalDawidSkene: String?

    /// Unit key "item/first-second".
    public var unit: String { key.description }

    /// Votes per category name (A, B, tie, both_bad), categories with none left out.
    public var votes: [String: Int] {
        var out: [String: Int] = [:]
        for c in 0..<4 where counts[c] > 0 { out[ChoiceCategory.names[c]] = Int(counts[c]) }
        return out
    }

    /// Whether anyone voted on the unit.
    /// Whether anybody voted on the unit.
    public var hasVotes: Bool { counts != .zero }

    /// Dawid-Skene posterior per category name (every category a vote could carry under the both-bad policy).
    public var dawidSkenePosterior: [String: Double]? {
        posterior.map { p in
            var out: [String: Double] = [:]
            for c in 0..<Int(posteriorCategories) { out[ChoiceCategory.names[c]] = p[c] }
            return out
        }
    }
}

/// Counts over all units, for the table output.
public struct ConsensusSummary: Sendable, Equatable {
    public var units: Int
    public var majorityDecided: Int
    public var majorityUndecided: Int
    /// Units where majority and Dawid-Skene both decided and differ.
    public var dawidSkeneDiffers: Int
    public var adjudicated: Int
}

/// Consensus per choice unit (pure).
public enum UnitConsensusBuilder {
    /// Majority vote and Dawid-Skene over the units' nominal choice labels; adjudications override both.
    /// Adjudications of units nobody voted on are not listed.
    public static func build(_ units: ChoiceUnits, bothBad: BothBadPolicy,
                             adjudications: [AdjudicationRecord]) throws -> [UnitConsensus] {
        let set = try units.labelSet(bothBad: bothBad)
        let majority = Consensus.majorityVote(set)
        let ds = Consensus.dawidSkene(set)
        var unitIndex: [ChoiceUnitKey: Int] = [:]
        for (i, key) in units.unitKeys.enumerated() { unitIndex[key] = i }
        var adjudicated: [Int: Int] = [:]
        for a in adjudications.sorted(by: { $0.id < $1.id }) {
            if let u = unitIndex[a.unit] { adjudicated[u] = ChoiceCategory.code(a.label) }
        }
        let finalMajority = Consensus.finalLabels(consensus: majority.map(\.label), adjudicated: adjudicated)
        let finalDS = Consensus.finalLabels(consensus: ds.consensus.map(\.label), adjudicated: adjudicated)
        let names = ChoiceCategory.names
        // Every category a vote could carry under the policy, so the posterior's keys do not depend on the data.
        let categories = bothBad == .drop ? 3 : names.count
        return units.unitKeys.indices.map { u in
            var counts = SIMD4<Int32>.zero
            for (c, n) in majority[u].votes.enumerated() where c < 4 { counts[c] = Int32(clamping: n) }
            var posterior: SIMD4<Double>?
            if let p = ds.consensus[u].posterior {
                var v = SIMD4<Double>.zero
                for (c, x) in p.enumerated() where c < categories { v[c] = x }
                posterior = v
            }
            return UnitConsensus(key: units.unitKeys[u], counts: counts, posterior: posterior,
                                 posteriorCategories: Int8(categories), majority: majority[u].label.map { names[$0] },
                                 dawidSkene: ds.consensus[u].label.map { names[$0] },
                                 adjudicated: adjudicated[u].map { names[$0] },
                                 finalMajority: finalMajority[u].map { names[$0] },
                                 finalDawidSkene: finalDS[u].map { names[$0] })
        }
    }

    /// Counts of decided, undecided, disagreeing and adjudicated units, in one pass: filtering copies of the
    /// list (one per count) took more memory than anything else in `prefer agreement` on a large project.
    public static func summary(_ c: [UnitConsensus]) -> ConsensusSummary {
        var s = ConsensusSummary(units: c.count, majorityDecided: 0, majorityUndecided: 0, dawidSkeneDiffers: 0, adjudicated: 0)
        for u in c {
            if u.hasVotes {
                if u.majority != nil { s.majorityDecided += 1 } else { s.majorityUndecided += 1 }
            }
            if u.majority != nil && u.dawidSkene != nil && u.majority != u.dawidSkene { s.dawidSkeneDiffers += 1 }
            if u.adjudicated != nil { s.adjudicated += 1 }
        }
        return s
    }
}
