/// How the annotators' votes on one pair become one label.
public enum ConsensusMethod: String, CaseIterable, Sendable, Codable {
    /// The category with the most votes; a tie between the top categories leaves the pair undecided.
    case majority
    /// Dawid & Skene EM over every pair at once (annotators weighted by their estimated accuracy).
    case dawidSkene = "dawid-skene"
    /// Every vote must give the same category.
    case unanimous
}

/// Which judged pairs an export keeps.
public struct SelectionOptions: Hashable, Sendable {
    public var method: ConsensusMethod
    /// Least share of a pair's votes that must agree with its consensus label.
    public var minAgreement: Double?
    /// Least number of votes on a pair.
    public var minJudgments: Int?
    /// Least mean strength of the votes for the winning side (scale strength units).
    public var minStrength: Double?
    /// Leave gold (quality-check) items out.
    public var excludeGold: Bool
    /// The project scale's largest strength, for margins.
    public var maxStrength: Int

    /// Options with majority vote, no thresholds and a 7-point scale by default.
    public init(method: ConsensusMethod = .majority, minAgreement: Double? = nil, minJudgments: Int? = nil,
                minStrength: Double? = nil, excludeGold: Bool = false, maxStrength: Int = 3) {
        self.method = method; self.minAgreement = minAgreement; self.minJudgments = minJudgments
        self.minStrength = minStrength; self.excludeGold = excludeGold; self.maxStrength = maxStrength
    }
}

/// Why a judged pair yields no preference pair (before encoding; the encoder's reasons are `DropReason`).
public enum SelectionDrop: String, CaseIterable, Sendable {
    /// The item is a gold item and `--exclude-gold` is set.
    case gold = "gold_item"
    /// Majority tied between top labels, or the votes were not unanimous under `unanimous`.
    case noConsensus = "no_consensus"
    /// The consensus is a tie: there is no chosen and rejected response.
    case tie
    case belowMinJudgments = "below_min_judgments"
    case belowMinAgreement = "below_min_agreement"
    case belowMinStrength = "below_min_strength"
}

/// One pair chosen for export, in response ids (texts are joined later, streamed).
public struct SelectedPair: Hashable, Sendable {
    public var itemID: Int64
    public var chosen: Int64
    public var rejected: Int64
    /// The consensus is "both bad" (then chosen is the lower id, an arbitrary order).
    public var bothBad: Bool
    public var strength: Double
    public var margin: Double
    public var nJudgments: Int
    /// Share of votes agreeing with the label; nil with fewer than two votes.
    public var agreement: Double?
    public var scoreChosen: Double?
    public var scoreRejected: Double?
    /// Derived by transitivity, not judged directly.
    public var implied: Bool
    /// Decided by a lead's adjudication.
    public var adjudicated: Bool
}

/// What `PairSelection.select` decided, and what it used (for the dataset version and the manifest).
public struct PairSelectionResult: Sendable {
    /// Ordered by item id, then by the pair's (lower, higher) response ids.
    public var pairs: [SelectedPair] = []
    public var dropped: [SelectionDrop: Int] = [:]
    /// Ids of the judgments behind the selected pairs, ascending.
    public var usedJudgments: [Int64] = []
    /// Ids of the adjudications behind the selected pairs, ascending.
    public var usedAdjudications: [Int64] = []
    /// Used judgments per annotator index.
    public var judgmentsPerAnnotator: [Int32: Int] = [:]
    public var guidelineVersions: [Int64] = []
    public var rubricVersions: [Int64] = []
    /// Items with three or more responses whose consensus preferences form a cycle (no implied pairs added).
    public var itemsWithCycles = 0
    /// Number of judgments behind the selected pairs (`usedJudgments.count` where that list is kept).
    public var judgmentsUsed = 0
    /// The agreement statistics over the votes on the selected judged pairs, as nominal labels.
    public var agreement = ExportAgreementTally()
    /// Number of judged pairs selected (implied pairs excluded).
    public var ratedPairs = 0
}

/// Turns votes and adjudications into preference pairs. Pure: no database, no texts.
///
/// Rule, per judged pair (item, two responses):
/// 1. a lead's adjudication, if any, is the label and skips the vote thresholds (it resolved them);
/// 2. otherwise the consensus of the votes (majority / Dawid-Skene / unanimous) over four labels:
///    first better, second better, tie, both bad; strength is ignored for the label;
/// 3. checks in order: gold item (with `excludeGold`), no consensus, tie, `minJudgments`, `minAgreement`
///    (share of votes equal to the label), `minStrength` (mean |choice| of the votes for the winning side).
/// Items with k > 2 responses: after that, if the item's strict consensus preferences (every decided
/// "x better than y", selected or not) form no cycle, pairs implied by transitivity over the SELECTED
/// preferences are added (a > b and b > c gives a > c), except for pairs that were judged directly, which
/// keep their own verdict. An implied pair carries the weakest link of its path (shortest path, lower ids
/// first): the least strength, margin, judgment count and agreement along it; no rubric scores.
/// With a cycle, only the judged pairs are exported and the item is counted in `itemsWithCycles`.
public enum PairSelection {
    /// Label categories: 0 first better, 1 second better, 2 tie, 3 both bad.
    static func category(_ p: Preference) -> Int {
        switch p { case .a: return 0; case .b: return 1; case .tie: return 2; case .bothBad: return 3 }
    }
    static let preferences: [Preference] = [.a, .b, .tie, .bothBad]

    /// Selects the pairs to export; throws only when Dawid-Skene rejects the labels.
    public static func select(votes: [ExportVote], adjudications: [ExportAdjudication],
                              options: SelectionOptions) throws -> PairSelectionResult {
        var run = SelectionRun()
        // Reserved once: doubling growth would hold two copies of these large arrays at its peak.
        run.result.pairs.reserveCapacity(votes.count)
        run.used.reserveCapacity(votes.count)
        try run.add(votes: votes, adjudications: adjudications, options: options)
        run.result.usedJudgments = run.used.sorted()
        return run.finish()
    }

    /// The label category of every task, nil when the votes give no consensus.
    static func consensusLabels(_ grouped: PairTasks, _ votes: [ExportVote], _ method: ConsensusMethod,
                                into labels: inout [Int?]) throws {
        // Loops rather than map/filter, into a reused array: this runs once per item of a million-item export.
        labels.removeAll(keepingCapacity: true)
        for t in grouped.tasks.indices {
            guard !grouped.tasks[t].votes.isEmpty else { labels.append(nil); continue }
            let counts = grouped.counts(of: t, votes)
            var pick = -1, picks = 0
            switch method {
            case .majority, .dawidSkene:
                let top = counts.max()
                for k in 0..<4 where counts[k] == top { pick = k; picks += 1 }
            case .unanimous:
                for k in 0..<4 where counts[k] > 0 { pick = k; picks += 1 }
            }
            labels.append(picks == 1 ? pick : nil)
        }
        if method == .dawidSkene {
            let annotators = Int(votes.map(\.annotator).max() ?? -1) + 1
            var triples: [(item: Int, annotator: Int, category: Int)] = []
            triples.reserveCapacity(votes.count)
            for t in grouped.tasks.indices {
                for v in grouped.votes(of: t) { triples.append((t, Int(votes[v].annotator), category(votes[v].preference))) }
            }
            let set = try LabelSet(nItems: grouped.tasks.count, nAnnotators: annotators, nCategories: 4, labels: triples)
            labels = Consensus.dawidSkene(set).consensus.map(\.label)
        }
        // Adjudications win over every method.
        for (t, a) in grouped.adjudication { labels[t] = category(a.label) }
    }

    enum Decision { case selected(SelectedPair), dropped(SelectionDrop) }

    /// Applies the checks of rule 3 to one task and builds its pair.
    static func decide(_ grouped: PairTasks, _ t: Int, _ label: Int?, _ votes: [ExportVote], _ o: SelectionOptions) -> Decision {
        let task = grouped.tasks[t], adjudication = grouped.adjudication[t]
        if o.excludeGold && task.gold { return .dropped(.gold) }
        guard let label else { return .dropped(.noConsensus) }
        let pref = preferences[label]
        if pref == .tie { return .dropped(.tie) }
        let taskVotes = grouped.votes(of: t)  // indices into `votes`
        let n = taskVotes.count
        var agreeing = 0, agreeingStrength = 0
        for v in taskVotes where category(votes[v].preference) == label {
            agreeing += 1
            agreeingStrength += abs(Int(votes[v].choice))
        }
        let share = n == 0 ? 1 : Double(agreeing) / Double(n)
        let strength = agreeing == 0 ? 0 : Double(agreeingStrength) / Double(agreeing)
        if adjudication == nil {
            if let m = o.minJudgments, n < m { return .dropped(.belowMinJudgments) }
            if let m = o.minAgreement, share < m { return .dropped(.belowMinAgreement) }
            if let m = o.minStrength, pref != .bothBad, strength < m { return .dropped(.belowMinStrength) }
        }
        let firstChosen = pref != .b
        let chosen = firstChosen ? task.first : task.second, rejected = firstChosen ? task.second : task.first
        let signed = taskVotes.lazy.map { v in votes[v].bothBad ? 0 : (firstChosen ? -Int(votes[v].choice) : Int(votes[v].choice)) }
        let adjStrength = adjudication?.strength
        var margin = Margin.from(strengths: signed, maxStrength: o.maxStrength)
        if taskVotes.isEmpty, let s = adjStrength { margin = Margin.from(strengths: [max(s, 0)], maxStrength: o.maxStrength) }
        if pref == .bothBad { margin = 0 }
        func meanScore(_ side: (ExportVote) -> Float?) -> Double? {
            var sum: Float = 0, count = 0
            for v in taskVotes { if let x = side(votes[v]) { sum += x; count += 1 } }
            return count == 0 ? nil : Double(sum) / Double(count)
        }
        let scoreFirst = meanScore(\.scoreFirst), scoreSecond = meanScore(\.scoreSecond)
        return .selected(SelectedPair(
            itemID: task.itemID, chosen: chosen, rejected: rejected, bothBad: pref == .bothBad,
            strength: adjStrength.map(Double.init) ?? strength, margin: margin, nJudgments: n, agreement: n >= 2 ? share : nil,
            scoreChosen: firstChosen ? scoreFirst : scoreSecond, scoreRejected: firstChosen ? scoreSecond : scoreFirst,
            implied: false, adjudicated: adjudication != nil))
    }
}

/// Two response ids, smaller first: the key of an unordered pair, for sorting and lookups.
struct PairKey: Hashable, Comparable {
    let a: Int64, b: Int64
    init(_ x: Int64, _ y: Int64) { a = min(x, y); b = max(x, y) }
    static func < (l: PairKey, r: PairKey) -> Bool { (l.a, l.b) < (r.a, r.b) }
}

/// One judged pair (item, first, second): a range of `PairTasks.order`, which lists vote indices by pair.
struct PairTask {
    let itemID: Int64
    let first: Int64
    let second: Int64
    var votes: Range<Int>
    var gold: Bool
}

/// Votes and adjudications grouped by judged pair, ordered by item then pair. Compact: a million votes
/// make a million 48-byte tasks and one index array, no per-task allocation.
struct PairTasks {
    private(set) var tasks: [PairTask] = []
    /// Vote indices, grouped by task.
    private(set) var order: [Int]
    /// The adjudication in force per task index (few, so a dictionary).
    private(set) var adjudication: [Int: ExportAdjudication] = [:]

    /// No votes.
    init() { order = [] }

    init(votes: [ExportVote], adjudications: [ExportAdjudication]) {
        self.init()
        fill(votes: votes, adjudications: adjudications)
    }

    /// Groups these votes and adjudications instead, reusing the buffers (a streamed export groups item by item).
    mutating func fill(votes: [ExportVote], adjudications: [ExportAdjudication]) {
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: votes.indices)
        tasks.removeAll(keepingCapacity: true)
        if !adjudication.isEmpty { adjudication = [:] }
        order.sort {
            let x = votes[$0], y = votes[$1]
            return (x.itemID, x.first, x.second, x.judgmentID) < (y.itemID, y.first, y.second, y.judgmentID)
        }
        for (k, i) in order.enumerated() {
            let v = votes[i]
            if let last = tasks.last, last.itemID == v.itemID, last.first == v.first, last.second == v.second {
                tasks[tasks.count - 1].votes = last.votes.lowerBound..<(k + 1)
            } else {
                tasks.append(PairTask(itemID: v.itemID, first: v.first, second: v.second, votes: k..<(k + 1), gold: v.gold))
            }
        }
        guard !adjudications.isEmpty else { return }
        var byPair: [ItemPair: ExportAdjudication] = [:]
        for a in adjudications { byPair[ItemPair(item: a.itemID, first: a.first, second: a.second)] = a }
        for t in tasks.indices {
            let key = ItemPair(item: tasks[t].itemID, first: tasks[t].first, second: tasks[t].second)
            if let a = byPair.removeValue(forKey: key) { adjudication[t] = a }
        }
        guard !byPair.isEmpty else { return }
        // Adjudications of pairs nobody voted on become tasks of their own, merged into the order.
        var merged: [(PairTask, ExportAdjudication?)] = tasks.indices.map { (tasks[$0], adjudication[$0]) }
        for a in byPair.values {
            merged.append((PairTask(itemID: a.itemID, first: a.first, second: a.second, votes: 0..<0, gold: a.gold), a))
        }
        merged.sort { ($0.0.itemID, $0.0.first, $0.0.second) < ($1.0.itemID, $1.0.first, $1.0.second) }
        tasks = merged.map(\.0)
        adjudication = [:]
        for (t, m) in merged.enumerated() { if let a = m.1 { adjudication[t] = a } }
    }

    /// The vote indices of task `t`.
    func votes(of t: Int) -> ArraySlice<Int> { order[tasks[t].votes] }

    /// Votes per label category of task `t`.
    func counts(of t: Int, _ all: [ExportVote]) -> SIMD4<Int> {
        var c = SIMD4<Int>.zero
        for v in votes(of: t) { c[PairSelection.category(all[v].preference)] += 1 }
        return c
    }

    struct ItemPair: Hashable { let item: Int64, first: Int64, second: Int64 }
}
