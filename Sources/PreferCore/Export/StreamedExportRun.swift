/// An export whose consensus is decided item by item (majority, unanimous): votes, selection and texts
/// stream together in item order, so memory holds one item's votes plus a compact record per used judgment
/// (its dataset-hash line, fed in judgment id order at the end) instead of every vote and every pair.
/// Gives exactly what `PairSelection.select` over all votes followed by the texts stream would.
enum StreamedExportRun {
    /// What the dataset hash needs of one used judgment: 24 bytes instead of an `ExportVote`.
    struct UsedJudgment {
        let id: Int64
        let itemID: Int64
        let annotator: Int32
        let choice: Int16
        let bothBad: Bool
    }

    static func run(store: any ExportStoring, request: ExportRequest, sink: any ExportPairSink) throws -> ExportRunResult {
        let adjudications = try store.exportAdjudications(snapshot: request.filter.snapshot)
        let adjudicationsByItem = Dictionary(grouping: adjudications, by: \.itemID)
        var total = PairSelectionResult()
        var guidelines = Set<Int64>(), rubrics = Set<Int64>()
        var used: [UsedJudgment] = []
        var usedAdjudications: [Int64] = []
        var hasher = DatasetHasher()
        var batches = Set<Int64>()
        var itemsUsed = 0
        var pending: [SelectedPair] = []
        let names = try store.streamExportSelection(
            request.filter, alsoItems: adjudicationsByItem.keys.sorted(),
            select: { itemID, votes in
                let r = try PairSelection.select(votes: votes, adjudications: adjudicationsByItem[itemID] ?? [],
                                                 options: request.selection)
                merge(r, votes, into: &total, &used, &usedAdjudications, &guidelines, &rubrics)
                pending = r.pairs
                return !pending.isEmpty
            },
            body: { item in
                try hasher.add(HashedItem(id: item.id, contentHash: item.contentHash))
                batches.insert(item.batchID)
                itemsUsed += 1
                for p in pending { try sink.add(ExportRun.exportPair(p, item)) }
                pending = []
            })
        used.sort { $0.id < $1.id }
        for u in used {
            try hasher.add(HashedJudgment(id: u.id, itemID: u.itemID, annotator: names[Int(u.annotator)], choice: Int(u.choice),
                                          bothBad: u.bothBad))
        }
        total.usedJudgments = used.map(\.id)
        used = []
        let byID = Dictionary(adjudications.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        total.usedAdjudications = usedAdjudications.sorted()
        for id in total.usedAdjudications {
            guard let a = byID[id] else { continue }
            try hasher.add(HashedAdjudication(id: a.id, itemID: a.itemID, label: a.label.rawValue))
        }
        total.guidelineVersions = guidelines.sorted()
        total.rubricVersions = rubrics.sorted()
        return ExportRunResult(datasetVersion: hasher.finalizeHex(), selection: total, annotatorNames: names,
                               batchIDs: batches.sorted(), itemsUsed: itemsUsed)
    }

    /// Adds one item's selection to the running totals (pairs excepted: they are written, not kept).
    static func merge(_ r: PairSelectionResult, _ votes: [ExportVote], into total: inout PairSelectionResult,
                      _ used: inout [UsedJudgment], _ usedAdjudications: inout [Int64],
                      _ guidelines: inout Set<Int64>, _ rubrics: inout Set<Int64>) {
        for (reason, n) in r.dropped { total.dropped[reason, default: 0] += n }
        for (annotator, n) in r.judgmentsPerAnnotator { total.judgmentsPerAnnotator[annotator, default: 0] += n }
        guidelines.formUnion(r.guidelineVersions)
        rubrics.formUnion(r.rubricVersions)
        total.itemsWithCycles += r.itemsWithCycles
        for rating in r.ratings { total.ratings.append((total.ratedPairs + rating.item, rating.annotator, rating.value)) }
        total.ratedPairs += r.ratedPairs
        usedAdjudications += r.usedAdjudications
        var u = 0  // both lists ascend by judgment id within the item
        for v in votes.sorted(by: { $0.judgmentID < $1.judgmentID }) where u < r.usedJudgments.count && v.judgmentID == r.usedJudgments[u] {
            used.append(UsedJudgment(id: v.judgmentID, itemID: v.itemID, annotator: v.annotator, choice: v.choice, bothBad: v.bothBad))
            u += 1
        }
    }
}
