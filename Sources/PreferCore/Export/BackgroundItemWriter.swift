import Foundation

/// The second half of an export on a second thread: items arrive with their selected pairs, and the worker
/// hashes each item into the dataset version, joins texts to pairs and hands them to the sink, which
/// encodes, writes and hashes the rows; then the used judgments arrive, to be hashed too. The calling thread meanwhile reads the database and selects: each
/// half is about half the work of a large export. Work goes over in batches through a bounded queue, so
/// memory stays flat whatever the number of pairs. Batches done come back to be freed on the calling thread,
/// where their texts were allocated: freed on the worker, they made malloc's arena lock the busiest lock of
/// the export (150 000 thread switches per million pairs).
///
/// Use: `add` items in increasing id order, then `add` judgments in increasing id order, then `finish()`,
/// which waits for the worker, rethrows its first error and returns the items' and judgments' digests; after an error of your own call `cancel()`, so the worker ends
/// before the sink is touched again. The sink is used only by the worker until `finish()`/`cancel()` return.
final class BackgroundItemWriter: @unchecked Sendable {
    enum Work {
        case item(ExportItem, [SelectedPair])
        case judgment(HashedJudgment)
    }

    private let sink: any ExportPairSink
    private let batchSize: Int
    private let maxQueued: Int
    /// Guards `queue`, `returned`, `closed`, `ended`, `failure` and `digests`.
    private let condition = NSCondition()
    private var queue: [[Work]] = []
    /// Batches the worker is done with, to be freed by the caller's thread.
    private var returned: [[Work]] = []
    private var closed = false
    private var ended = false
    private var failure: (any Error)?
    private var digests = (items: "", judgments: "")
    /// The batch being filled (caller's thread only).
    private var batch: [Work] = []
    /// The dataset version's items and judgments parts (worker only).
    private var items = DatasetHasher.Part(kind: "item"), judgments = DatasetHasher.Part(kind: "judgment")

    /// Starts the worker thread for `sink`.
    init(_ sink: any ExportPairSink, batchSize: Int = 128, maxQueued: Int = 8) {
        self.sink = sink
        self.batchSize = max(batchSize, 1)
        self.maxQueued = max(maxQueued, 1)
        batch.reserveCapacity(self.batchSize)
        let worker = Thread { [self] in work() }
        worker.name = "export-writer"
        worker.start()
    }

    /// Queues one item and its pairs; throws the worker's error if it has failed.
    func add(_ item: ExportItem, _ pairs: [SelectedPair]) throws {
        batch.append(.item(item, pairs))
        if batch.count >= batchSize { try handOver() }
    }

    /// Queues one used judgment for the dataset version (after every item).
    func add(_ judgment: HashedJudgment) throws {
        batch.append(.judgment(judgment))
        if batch.count >= batchSize { try handOver() }
    }

    /// Hands over the rest, waits until the worker has written it all; returns the items' and judgments'
    /// digests (`DatasetHasher.Part`) or rethrows the worker's error.
    func finish() throws -> (items: String, judgments: String) {
        if !batch.isEmpty { try handOver() }
        let (error, digest) = end()
        if let error { throw error }
        return digest
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
        defer { condition.unlock() }
        return (failure, digests)
    }

    private func handOver() throws {
        var done: [[Work]] = []
        condition.lock()
        while queue.count >= maxQueued && failure == nil { condition.wait() }
        if let failure {
            condition.unlock()
            throw failure
        }
        queue.append(batch)
        swap(&done, &returned)
        condition.broadcast()
        condition.unlock()
        batch = []
        batch.reserveCapacity(batchSize)
        done = []  // freed here, outside the lock
    }

    /// The worker: takes batches until closed; after a failure it only discards them.
    private func work() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                if failure == nil { digests = (items.finalizeHex(), judgments.finalizeHex()) }
                if ProcessInfo.processInfo.environment["PREFER_TIMING"] != nil { TimingProbe.report("writer") }
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
                do {
                    for w in next {
                        switch w {
                        case .item(let item, let pairs):
                            try items.add(HashedItem(id: item.id, contentHash: item.contentHash))
                            for p in pairs { try sink.add(ExportRun.exportPair(p, item)) }
                        case .judgment(let j): try judgments.add(j)
                        }
                    }
                } catch let e { error = e }
            }
            condition.lock()
            returned.append(next)
            if let error {
                failure = error
                returned += queue
                queue.removeAll()
                condition.broadcast()
            }
            condition.unlock()
        }
    }
}

import Glibc
enum TimingProbe {
    static func report(_ label: String) {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        FileHandle.standardError.write("\(label) thread cpu \(Double(t.tv_sec) + Double(t.tv_nsec) / 1e9)\n".data(using: .utf8)!)
    }
}
