/// Everything that decides an export's content (not where it is written).
public struct ExportRequest: Equatable, Sendable {
    public var options: ExportOptions
    public var selection: SelectionOptions
    /// Which votes count: annotators, imported labels, guideline version, snapshot.
    public var filter: VoteFilter
    /// The `--split` text, nil for one file.
    public var split: String?
    public var seed: UInt64

    /// Memberwise initialiser.
    public init(options: ExportOptions, selection: SelectionOptions, filter: VoteFilter, split: String? = nil, seed: UInt64 = 0) {
        self.options = options; self.selection = selection; self.filter = filter; self.split = split; self.seed = seed
    }
}

/// Receives the export's pairs in order: the file writer, or an in-memory digest for `prefer verify`.
public protocol ExportPairSink: AnyObject {
    /// Encodes one pair (or counts its drop).
    func add(_ pair: ExportPair) throws
    /// Rows and drops so far.
    var counts: ExportCounts { get }
    /// Called once after the last pair, while the run finishes other work: a file sink flushes and syncs
    /// its files here, so that committing them later only renames.
    func rowsComplete() throws
}

extension ExportPairSink {
    /// Nothing to finish by default.
    public func rowsComplete() throws {}
}

extension ExportWriter: ExportPairSink {
    /// Flushes and fsyncs every file (`JSONLFileWriter.prepareCommit()`); `commit()` then only renames.
    public func rowsComplete() throws {
        do { try prepareCommit() } catch {
            abort()
            throw error
        }
    }
}

/// What an export used and decided, for the manifest.
public struct ExportRunResult: Sendable {
    public var datasetVersion: String
    public var selection: PairSelectionResult
    /// Annotator names; `selection.judgmentsPerAnnotator` is keyed by index into this list.
    public var annotatorNames: [String]
    /// Import batches of the items used, ascending.
    public var batchIDs: [Int64]
    public var itemsUsed: Int
}

/// Runs an export: votes -> consensus -> pairs -> texts streamed item by item -> sink.
public enum ExportRun {
    /// Selects the pairs, streams their texts into `sink` in item order, and hashes exactly the items,
    /// judgments and adjudications used (`DatasetHasher`).
    /// The items are joined to their pairs, encoded, written and hashed on a second thread
    /// (`BackgroundItemWriter`); `sink` has every pair when this returns.
    public static func run(store: any ExportStoring, request: ExportRequest, sink: any ExportPairSink) throws -> ExportRunResult {
        // Majority and unanimous decide each item alone: select while streaming, in flat memory.
        // Dawid-Skene weighs every annotator over all pairs, so it needs every vote first.
        if request.selection.method != .dawidSkene { return try StreamedExportRun.run(store: store, request: request, sink: sink) }
        return try runWithAllVotes(store: store, request: request, sink: sink)
    }

    /// Runs `body` with a `BackgroundItemWriter` for `sink`, then returns the items' and judgments' digests
    /// with the body's result; the worker is stopped when `body` throws.
    static func withWriter<T>(_ sink: any ExportPairSink, _ body: (BackgroundItemWriter) throws -> T) throws
        -> (T, digests: (items: String, judgments: String)) {
        let writer = BackgroundItemWriter(sink)
        do {
            let result = try body(writer)
            return (result, try writer.finish())
        } catch {
            writer.cancel()
            throw error
        }
    }

    /// `run` over every vote loaded at once: the path Dawid-Skene needs (and the reference for the streamed one).
    static func runWithAllVotes(store: any ExportStoring, request: ExportRequest, sink: any ExportPairSink) throws -> ExportRunResult {
        var loaded = try store.exportVotes(request.filter)
        let adjudications = try store.exportAdjudications(snapshot: request.filter.snapshot)
        var selection = try PairSelection.select(votes: loaded.votes, adjudications: adjudications, options: request.selection)
        var hasher = DatasetHasher()
        try hashJudgments(loaded, used: selection.usedJudgments, into: &hasher)
        let annotatorNames = loaded.annotators
        loaded.votes = []  // not needed while the texts stream: free them before the peak
        let adjudicationByID = Dictionary(adjudications.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in selection.usedAdjudications {
            guard let a = adjudicationByID[id] else { continue }
            try hasher.add(HashedAdjudication(id: a.id, itemID: a.itemID, label: a.label.rawValue))
        }
        var itemIDs: [Int64] = []
        for p in selection.pairs where itemIDs.last != p.itemID { itemIDs.append(p.itemID) }
        var batches = Set<Int64>()
        var next = 0
        let pairs = selection.pairs
        let (_, digests) = try withWriter(sink) { writer in
            try store.streamExportItems(itemIDs) { item in
                batches.insert(item.batchID)
                while next < pairs.count && pairs[next].itemID < item.id { next += 1 }
                let start = next
                while next < pairs.count && pairs[next].itemID == item.id { next += 1 }
                try writer.add(item, Array(pairs[start..<next]))
            }
        }
        selection.pairs = []  // written; the manifest needs only the counts
        return ExportRunResult(datasetVersion: hasher.finalizeHex(itemsDigest: digests.items), selection: selection,
                               annotatorNames: annotatorNames, batchIDs: batches.sorted(), itemsUsed: itemIDs.count)
    }

    /// Feeds the used judgments in id order (a merge of two sorted lists, no set of a million ids).
    static func hashJudgments(_ loaded: ExportVotes, used: [Int64], into hasher: inout DatasetHasher) throws {
        let byID = loaded.votes.indices.sorted { loaded.votes[$0].judgmentID < loaded.votes[$1].judgmentID }
        var u = 0
        for i in byID where u < used.count {
            let v = loaded.votes[i]
            guard v.judgmentID == used[u] else { continue }
            u += 1
            try hasher.add(HashedJudgment(id: v.judgmentID, itemID: v.itemID, annotator: loaded.annotators[Int(v.annotator)],
                                          choice: Int(v.choice), bothBad: v.bothBad))
        }
    }

    /// A selected pair with its item's texts.
    static func exportPair(_ p: SelectedPair, id: Int64, externalID: String?, prompt: [Message], chosen: String,
                           rejected: String) -> ExportPair {
        ExportPair(itemID: id, externalID: externalID, prompt: prompt, chosen: chosen, rejected: rejected,
                   bothBad: p.bothBad, strength: p.strength, margin: p.margin, nJudgments: p.nJudgments,
                   agreement: p.agreement, scoreChosen: p.scoreChosen, scoreRejected: p.scoreRejected)
    }
}
