/// A pair selection fed in parts: all votes at once (`PairSelection.select`), or item by item for a streamed
/// export, which takes each part's pairs and used judgment ids out before feeding the next. Running totals
/// (drops, per-annotator counts, agreement) accumulate in `result` in feeding order, so feeding items in id
/// order gives the same result as feeding all votes at once.
struct SelectionRun {
    /// Totals so far; `pairs` holds the pairs selected since the caller last emptied it.
    var result = PairSelectionResult()
    /// Ids of the judgments behind the pairs selected since the caller last emptied it, in selection order.
    var used: [Int64] = []
    private var usedAdjudications: [Int64] = []
    private var guidelines = Set<Int64>(), rubrics = Set<Int64>()
    /// Used judgments per annotator index (an array: a dictionary update per vote showed in the profile).
    private var perAnnotator: [Int] = []
    /// One judged pair's (annotator, category) votes, reused from pair to pair.
    private var pairRatings: [(annotator: Int32, category: Int)] = []
    /// The votes grouped by pair and their consensus labels, reused from call to call.
    private var grouped = PairTasks()
    private var labels: [Int?] = []
    /// One item's selected pairs and strict preferences, reused from item to item.
    private var itemPairs: [SelectedPair] = []
    private var strict: [(Int64, Int64)] = []

    /// Selects the pairs of these votes and adjudications (whole items: an item's votes never span two calls).
    mutating func add(votes: [ExportVote], adjudications: [ExportAdjudication], options: SelectionOptions) throws {
        grouped.fill(votes: votes, adjudications: adjudications)
        let tasks = grouped.tasks
        try PairSelection.consensusLabels(grouped, votes, options.method, into: &labels)
        var start = 0
        while start < tasks.count {
            var end = start
            while end < tasks.count && tasks[end].itemID == tasks[start].itemID { end += 1 }
            itemPairs.removeAll(keepingCapacity: true)
            strict.removeAll(keepingCapacity: true)
            for t in start..<end {
                let task = tasks[t]
                let label = labels[t]
                if label == 0 { strict.append((task.first, task.second)) }
                if label == 1 { strict.append((task.second, task.first)) }
                switch PairSelection.decide(grouped, t, label, votes, options) {
                case .dropped(let reason): result.dropped[reason, default: 0] += 1
                case .selected(let pair):
                    itemPairs.append(pair)
                    if let a = grouped.adjudication[t] { usedAdjudications.append(a.id) }
                    pairRatings.removeAll(keepingCapacity: true)
                    for v in grouped.votes(of: t) {
                        let vote = votes[v]
                        used.append(vote.judgmentID)
                        result.judgmentsUsed += 1
                        let a = Int(vote.annotator)
                        if a >= perAnnotator.count { perAnnotator += [Int](repeating: 0, count: a + 1 - perAnnotator.count) }
                        perAnnotator[a] += 1
                        if let g = vote.guidelineVersion { guidelines.insert(g) }
                        if let r = vote.rubricVersion { rubrics.insert(r) }
                        pairRatings.append((vote.annotator, PairSelection.category(vote.preference)))
                    }
                    result.agreement.add(pair: pairRatings)
                    result.ratedPairs += 1
                }
            }
            if strict.count >= 2 {  // only then can a pair be implied or a cycle exist
                let judged = Set(tasks[start..<end].map { PairKey($0.first, $0.second) })
                switch ImpliedPairs.derive(selected: itemPairs, strict: strict, judged: judged) {
                case .cycle: result.itemsWithCycles += 1
                case .pairs(let implied): itemPairs += implied
                }
                itemPairs.sort { PairKey($0.chosen, $0.rejected) < PairKey($1.chosen, $1.rejected) }
            }
            result.pairs += itemPairs
            start = end
        }
    }

    /// The totals, with the adjudications and guideline and rubric versions used, ascending. `usedJudgments`
    /// is left as the caller set it (a streamed export does not keep the list).
    consuming func finish() -> PairSelectionResult {
        for (a, n) in perAnnotator.enumerated() where n > 0 { result.judgmentsPerAnnotator[Int32(a)] = n }
        result.usedAdjudications = usedAdjudications.sorted()
        result.guidelineVersions = guidelines.sorted()
        result.rubricVersions = rubrics.sorted()
        return result
    }
}
