import Foundation

/// The second half of an export, on a second thread: items arrive packed with their selected pairs
/// (`ExportItemBatch`); the worker hashes each item into the dataset version, joins texts to pairs and hands
/// them to the sink, which encodes, writes and hashes the rows; then the used judgments arrive, to be hashed
/// too. The calling thread meanwhile reads the database and selects. Work goes over through a bounded
/// queue, so memory stays flat whatever the number of pairs. Item batches come back emptied to be filled
/// again, and the Strings are made and freed on the worker: memory allocated on one thread and freed on the
/// other made malloc's arena lock the busiest lock of the export (150 000 thread switches per million pairs).
///
/// Use: pack items into `batch` in increasing id order, calling `packed()` after each (or `add` them as
/// `ExportItem`s), then `add` judgments in increasing id order, then `finish()`, which waits for the worker,
/// rethrows its first error and returns the items' and judgments' digests. After an error of your own call
/// `cancel()`, so the worker ends before the sink is touched again. The sink is used only by the worker
/// until `finish()` or `cancel()` returns.
final class BackgroundItemWriter: @unchecked Sendable {
    enum Work {
        case items(ExportItemBatch)
        /// No more items: the sink finishes its rows (flush and fsync) while judgments still come.
        case rowsComplete
        /// Judgments with annotators as indices into `names` (the worker's own copies of the names).
        case judgments([CompactJudgment], names: [String])
        /// Forget the judgments hashed so far: they come again, from the first.
        case restartJudgments
    }

    /// A used judgment without its annotator's String: that String's reference count, touched by both
    /// threads for every judgment, bounced between the cores.
    struct CompactJudgment {
        let id: Int64, itemID: Int64, annotator: Int32, choice: Int, bothBad: Bool
    }

    private let sink: any ExportPairSink
    private let batchSize: Int
    private let maxQueued: Int
    /// Guards `queue`, `returned`, `closed`, `ended`, `failure` and `digests`.
    private let condition = NSCondition()
    private var queue: [Work] = []
    /// Item batches the worker is done with, emptied, for the caller to fill again.
    private var returned: [ExportItemBatch] = []
    private var closed = false
    private var ended = false
    private var failure: (any Error)?
    private var digests = (items: "", judgments: "")
    /// The caller's side: the item batch being filled, spare empty ones, the judgments being gathered.
    private(set) var batch = ExportItemBatch()
    private var spare: [ExportItemBatch] = []
    private var judgmentBatch: [CompactJudgment] = []
    /// Annotator names met in judgments (caller's side), and the last one, compared first.
    private var names: [String] = []
    private var lastName: (name: String, index: Int32)?
    private var itemsCompleted = false
    /// The sink's `rowsComplete()`, running on its own thread once every item is written.
    private let syncing = DispatchGroup()
    /// The dataset version's items and judgments parts (worker only).
    private var items = DatasetHasher.Part(kind: "item"), judgments = DatasetHasher.Part(kind: "judgment")

    /// Starts the worker thread for `sink`.
    init(_ sink: any ExportPairSink, batchSize: Int = 256, maxQueued: Int = 4) {
        self.sink = sink
        self.batchSize = max(batchSize, 1)
        self.maxQueued = max(maxQueued, 1)
        let worker = Thread { [self] in work() }
        worker.name = "export-writer"
        worker.start()
    }

    /// Call after appending an item (and its pairs) to `batch`: hands the batch over once it is full.
    func packed() throws {
        guard batch.count >= batchSize else { return }
        try handOverItems()
    }

    /// Appends one item given as Strings, with its pairs (the path that does not pack items itself).
    func add(_ item: ExportItem, _ pairs: [SelectedPair]) throws {
        batch.append(item)
        batch.appendPairs(pairs)
        try packed()
    }

    /// Says that every item has been added: the worker lets the sink finish its rows (`rowsComplete()`)
    /// while the caller goes on with the judgments. Optional; at most once.
    func itemsComplete() throws {
        if batch.count > 0 { try handOverItems() }
        try handOver(.rowsComplete)
        itemsCompleted = true
    }

    /// Queues one used judgment for the dataset version (after every item).
    func add(_ judgment: HashedJudgment) throws {
        let index: Int32
        if let last = lastName, last.name == judgment.annotator { index = last.index } else {
            index = Int32(names.firstIndex(of: judgment.annotator) ?? names.count)
            if Int(index) == names.count { names.append(judgment.annotator) }
            lastName = (judgment.annotator, index)
        }
        judgmentBatch.append(CompactJudgment(id: judgment.id, itemID: judgment.itemID, annotator: index, choice: judgment.choice,
                                             bothBad: judgment.bothBad))
        if judgmentBatch.count >= 4 * batchSize { try handOverJudgments() }
    }

    /// Forgets the judgments added so far; they are to be added again from the first.
    func restartJudgments() throws {
        judgmentBatch.removeAll()
        try handOver(.restartJudgments)
    }

    private func handOverJudgments() throws {
        try handOver(.judgments(judgmentBatch, names: names.map { String(decoding: Array($0.utf8), as: UTF8.self) }))
        judgmentBatch = []
    }

    /// Hands over the rest, waits until the worker has written it all; returns the items' and judgments'
    /// digests (`DatasetHasher.Part`) or rethrows the worker's error.
    func finish() throws -> (items: String, judgments: String) {
        if !itemsCompleted { try itemsComplete() }
        if !judgmentBatch.isEmpty { try handOverJudgments() }
        let (error, digests) = end()
        if let error { throw error }
        return digests
    }

    /// Stops the worker, dropping what it has not written yet.
    func cancel() {
        condition.lock()
        failure = failure ?? CancellationError()
        condition.unlock()
        _ = end()
    }

    private func end() -> ((any Error)?, (items: String, judgments: String)) {
        condition.lock()
        closed = true
        condition.broadcast()
        while !ended { condition.wait() }
        condition.unlock()
        syncing.wait()
        condition.lock()
        defer { condition.unlock() }
        return (failure, digests)
    }

    private func handOverItems() throws {
        try handOver(.items(batch))
        batch = spare.popLast() ?? ExportItemBatch()
    }

    private func handOver(_ work: Work) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= maxQueued && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(work)
        spare += returned
        returned.removeAll()
        condition.broadcast()
    }

    /// The worker: takes work until closed; after a failure it only discards it.
    private func work() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                if failure == nil { digests = (items.finalizeHex(), judgments.finalizeHex()) }
                ended = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let next = queue.removeFirst()
            let failed = failure != nil
            condition.broadcast()
            condition.unlock()
            var error: (any Error)?
            if !failed {
                do { try write(next) } catch let e { error = e }
            }
            condition.lock()
            if case .items(let b) = next {
                b.removeAll()
                returned.append(b)
            }
            if let error {
                failure = error
                queue.removeAll()
                condition.broadcast()
            }
            condition.unlock()
        }
    }

    private func write(_ work: Work) throws {
        switch work {
        case .items(let b):
            for i in 0..<b.count {
                try items.add(b.hashedItem(at: i))
                try b.forEachPair(ofItem: i) { try sink.add($0) }
            }
        case .rowsComplete:
            // On a third thread: an fsync mostly waits for the disk, and the judgments need hashing meanwhile.
            syncing.enter()
            let finisher = Thread { [self] in
                do { try sink.rowsComplete() } catch {
                    condition.lock()
                    failure = failure ?? error
                    condition.unlock()
                }
                syncing.leave()
            }
            finisher.start()
        case .restartJudgments: judgments = DatasetHasher.Part(kind: "judgment")
        case .judgments(let list, let names):
            for j in list {
                try judgments.add(HashedJudgment(id: j.id, itemID: j.itemID, annotator: names[Int(j.annotator)], choice: j.choice,
                                                 bothBad: j.bothBad))
            }
        }
    }
}
