/// An export whose consensus is decided item by item (majority, unanimous): votes, selection and texts
/// stream together in item order, and the agreement figures accumulate pair by pair, so memory holds one
/// item's votes plus one bit per judgment id (`JudgmentIDSet`) however many pairs there are. The dataset hash
/// needs the used judgments in id order, so the store reads them again by id after the items. This thread
/// reads and selects; a `BackgroundItemWriter` joins texts to pairs, encodes, writes and hashes.
/// Gives exactly what `PairSelection.select` over all votes followed by the texts stream would.
enum StreamedExportRun {
    static func run(store: any ExportStoring, request: ExportRequest, sink: any ExportPairSink) throws -> ExportRunResult {
        let adjudications = try store.exportAdjudications(snapshot: request.filter.snapshot)
        let adjudicationsByItem = Dictionary(grouping: adjudications, by: \.itemID)
        var selection = SelectionRun()
        var used = JudgmentIDSet()
        var hasher = DatasetHasher()
        var batches = Set<Int64>()
        var lastBatch: Int64?
        var itemsUsed = 0
        var pending: [SelectedPair] = []
        // Used judgments often come in id order already (labels imported with the items, one pass of judging):
        // then they are hashed as they stream and not read again. The first one out of order ends that.
        var inIDOrder = true, lastID = Int64.min
        var itemUsed: [Int64] = []
        func hashInStream(_ ids: [Int64], _ votes: [ExportVote], _ annotators: [String], _ writer: BackgroundItemWriter) throws {
            itemUsed.removeAll(keepingCapacity: true)
            itemUsed += ids
            itemUsed.sort()
            guard let first = itemUsed.first else { return }
            var v = 0  // votes ascend by judgment id within the item
            for id in itemUsed {
                while v < votes.count && votes[v].judgmentID < id { v += 1 }
                guard first > lastID, v < votes.count, votes[v].judgmentID == id else {
                    inIDOrder = false
                    try writer.restartJudgments()  // the store reads them all again, by id
                    return
                }
                let vote = votes[v]
                try writer.add(HashedJudgment(id: id, itemID: vote.itemID, annotator: annotators[Int(vote.annotator)],
                                              choice: Int(vote.choice), bothBad: vote.bothBad))
            }
            lastID = itemUsed[itemUsed.count - 1]
        }
        let (names, digests) = try ExportRun.withWriter(sink) { writer in
            try store.streamExportSelection(
                request.filter, alsoItems: adjudicationsByItem.keys.sorted(),
                select: { itemID, votes, annotators in
                    try selection.add(votes: votes, adjudications: adjudicationsByItem[itemID] ?? [], options: request.selection)
                    pending.removeAll(keepingCapacity: true)
                    swap(&pending, &selection.result.pairs)  // both buffers kept from item to item
                    for id in selection.used { used.insert(id) }
                    if inIDOrder { try hashInStream(selection.used, votes, annotators, writer) }
                    selection.used.removeAll(keepingCapacity: true)
                    return !pending.isEmpty
                },
                batch: { writer.batch },
                packed: {
                    if let b = writer.batch.lastBatchID, b != lastBatch { batches.insert(b); lastBatch = b }
                    itemsUsed += 1
                    writer.batch.appendPairs(pending)
                    try writer.packed()
                },
                usedJudgments: {
                    try writer.itemsComplete()  // the file syncs while the judgments are read again
                    return inIDOrder ? JudgmentIDSet() : used  // hashed already when they came in id order
                },
                hashJudgment: { try writer.add($0) })
        }
        var total = selection.finish()
        let byID = Dictionary(adjudications.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in total.usedAdjudications {
            guard let a = byID[id] else { continue }
            try hasher.add(HashedAdjudication(id: a.id, itemID: a.itemID, label: a.label.rawValue))
        }
        total.pairs = []
        return ExportRunResult(datasetVersion: hasher.finalizeHex(itemsDigest: digests.items, judgmentsDigest: digests.judgments),
                               selection: total, annotatorNames: names, batchIDs: batches.sorted(), itemsUsed: itemsUsed)
    }
}
