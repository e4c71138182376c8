/// What happens to "both bad" choices when the choice is measured at nominal level.
public enum BothBadPolicy: String, CaseIterable, Sendable, Codable {
    /// "both_bad" is a fourth category beside A, B and tie.
    case category
    /// Both-bad judgments are left out.
    case drop
}

/// The nominal choice categories in response-identity terms (A = the first, lower-id response).
public enum ChoiceCategory {
    /// Category names by code: 0 A, 1 B, 2 tie, 3 both_bad.
    public static let names = ["A", "B", "tie", "both_bad"]

    /// The code of a preference (index into `names`).
    public static func code(_ p: Preference) -> Int {
        switch p {
        case .a: return 0
        case .b: return 1
        case .tie: return 2
        case .bothBad: return 3
        }
    }
}

/// A choice unit: an item and two of its responses in identity order (the lower id first).
public struct ChoiceUnitKey: Hashable, Sendable, CustomStringConvertible {
    public var itemID: Int64
    public var first: Int64
    public var second: Int64
    /// "item/first-second", the unit's name in reports.
    public var description: String { "\(itemID)/\(first)-\(second)" }
    /// A unit key.
    public init(itemID: Int64, first: Int64, second: Int64) { self.itemID = itemID; self.first = first; self.second = second }
}

/// Votes indexed by choice unit (item, unordered response pair) and annotator: the shared input of the
/// choice statistics, consensus and annotator quality. Votes must already be un-swapped (`VoteRecord`).
public struct ChoiceUnits: Sendable {
    /// The votes kept, in input order: at most one per (unit, annotator) (a later vote replaces an earlier one).
    public let votes: [VoteRecord]
    /// The units, in order of first appearance.
    public let unitKeys: [ChoiceUnitKey]
    /// Unit names "item/first-second" (response ids), in order of first appearance.
    public var units: [String] { unitKeys.map(\.description) }
    /// Annotator names, in order of first appearance.
    public let annotators: [String]
    /// Unit index of each kept vote.
    public let unitOfVote: [Int]
    /// Annotator index of each kept vote.
    public let annotatorOfVote: [Int]

    /// The unit key of a vote: item id and the two response ids in identity order.
    public static func key(_ v: VoteRecord) -> String { unitKey(v).description }

    /// The unit of a vote.
    public static func unitKey(_ v: VoteRecord) -> ChoiceUnitKey {
        ChoiceUnitKey(itemID: v.itemID, first: v.firstResponseID, second: v.secondResponseID)
    }

    /// Indexes the votes; a repeated (unit, annotator) keeps the vote with the larger judgment id.
    public init(_ input: [VoteRecord]) {
        // Struct keys, not strings or arrays: a million votes meant a million formatted keys and array keys.
        struct Slot: Hashable { let unit: Int, annotator: Int }
        var unitIndex: [ChoiceUnitKey: Int] = [:], annotatorIndex: [String: Int] = [:]
        var units: [ChoiceUnitKey] = [], annotators: [String] = []
        var slot: [Slot: Int] = [:]  // (unit, annotator) -> position in kept
        // Positions in `input`, not copies of the records: a vote record is ~230 bytes.
        var kept: [(vote: Int, unit: Int, annotator: Int)] = []
        var replaced = false
        for (position, v) in input.enumerated() {
            let key = Self.unitKey(v)
            let u = unitIndex[key] ?? units.count
            if u == units.count { unitIndex[key] = u; units.append(key) }
            let a = annotatorIndex[v.annotator] ?? annotators.count
            if a == annotators.count { annotatorIndex[v.annotator] = a; annotators.append(v.annotator) }
            if let s = slot[Slot(unit: u, annotator: a)] {
                replaced = true
                if v.judgmentID > input[kept[s].vote].judgmentID { kept[s] = (position, u, a) }
            } else {
                slot[Slot(unit: u, annotator: a)] = kept.count
                kept.append((position, u, a))
            }
        }
        // Usually every vote is kept in input order: share the input's storage instead of copying it.
        self.votes = replaced ? kept.map { input[$0.vote] } : input
        self.unitKeys = units
        self.annotators = annotators
        self.unitOfVote = kept.map(\.unit)
        self.annotatorOfVote = kept.map(\.annotator)
    }

    /// The nominal category code of each kept vote (nil when dropped by the both-bad policy).
    public func nominalCodes(bothBad: BothBadPolicy) -> [Int?] {
        votes.map { v in v.bothBad && bothBad == .drop ? nil : ChoiceCategory.code(v.preference) }
    }

    /// Labels for consensus: one per kept vote with a category (codes 0..<4).
    public func labelSet(bothBad: BothBadPolicy) throws -> LabelSet {
        let codes = nominalCodes(bothBad: bothBad)
        var labels: [(item: Int, annotator: Int, category: Int)] = []
        labels.reserveCapacity(votes.count)
        for k in votes.indices { if let c = codes[k] { labels.append((unitOfVote[k], annotatorOfVote[k], c)) } }
        return try LabelSet(nItems: units.count, nAnnotators: annotators.count,
                            nCategories: ChoiceCategory.names.count, labels: labels)
    }

    /// The choice at nominal level: A 0, B 1, tie 2, both_bad 3 (or dropped).
    public func nominalTable(bothBad: BothBadPolicy) -> RatingTable {
        let codes = nominalCodes(bothBad: bothBad)
        var ratings: [(item: Int, annotator: Int, value: Double)] = []
        for k in votes.indices { if let c = codes[k] { ratings.append((unitOfVote[k], annotatorOfVote[k], Double(c))) } }
        return RatingTable(items: units, annotators: annotators, ratings: ratings)
    }

    /// The choice at ordinal level: the signed strength in identity terms (-3 ... 3); both-bad is not on it.
    public func ordinalTable() -> RatingTable {
        var ratings: [(item: Int, annotator: Int, value: Double)] = []
        for (k, v) in votes.enumerated() where !v.bothBad {
            ratings.append((unitOfVote[k], annotatorOfVote[k], Double(v.choice)))
        }
        return RatingTable(items: units, annotators: annotators, ratings: ratings)
    }
}
