import Foundation

/// The second half of an export on a second thread: items arrive with their selected pairs, and the worker
/// hashes each item into the dataset version, joins texts to pairs and hands them to the sink, which
/// encodes, writes and hashes the rows. The calling thread meanwhile reads the database and selects: each
/// half is about half the work of a large export. Work goes over in batches through a bounded queue, so
/// memory stays flat whatever the number of pairs. Batches done come back to be freed on the calling thread,
/// where their texts were allocated: freed on the worker, they made malloc's arena lock the busiest lock of
/// the export (150 000 thread switches per million pairs).
///
/// Use: `add` items in increasing id order, then `finish()`, which waits for the worker, rethrows its first
/// error and returns the items' digest; after an error of your own call `cancel()`, so the worker ends
/// before the sink is touched again. The sink is used only by the worker until `finish()`/`cancel()` return.
final class BackgroundItemWriter: @unchecked Sendable {
    typealias Work = (item: ExportItem, pairs: [SelectedPair])

    private let sink: any ExportPairSink
    private let batchSize: Int
    private let maxQueued: Int
    /// Guards `queue`, `returned`, `closed`, `ended`, `failure` and `itemsDigest`.
    private let condition = NSCondition()
    private var queue: [[Work]] = []
    /// Batches the worker is done with, to be freed by the caller's thread.
    private var returned: [[Work]] = []
    private var closed = false
    private var ended = false
    private var failure: (any Error)?
    private var itemsDigest = ""
    /// The batch being filled (caller's thread only).
    private var batch: [Work] = []
    /// The dataset version's items part (worker only).
    private var items: DatasetHasher.Items? = DatasetHasher.Items()

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
        batch.append((item, pairs))
        if batch.count >= batchSize { try handOver() }
    }

    /// Hands over the rest, waits until the worker has written it all; returns the items digest
    /// (`DatasetHasher.Items`) or rethrows the worker's error.
    func finish() throws -> String {
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

    private func end() -> ((any Error)?, String) {
        condition.lock()
        closed = true
        condition.broadcast()
        while !ended { condition.wait() }
        defer { condition.unlock() }
        return (failure, itemsDigest)
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
                if failure == nil { itemsDigest = items?.finalizeHex() ?? "" }
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
                        try items?.add(HashedItem(id: w.item.id, contentHash: w.item.contentHash))
                        for p in w.pairs { try sink.add(ExportRun.exportPair(p, w.item)) }
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
