import Foundation

/// Runs a sink on a second thread: the export reads the database and selects pairs on the calling thread
/// while this one encodes, writes and hashes the rows (each about half the work of a large export).
/// Pairs go over in batches through a bounded queue, so memory stays flat whatever the number of pairs.
/// Encoded batches come back to be freed on the calling thread, where their texts were allocated: freed
/// on the worker, they made malloc's arena lock the busiest lock of the export (150 000 thread switches).
///
/// Use: `add` pairs, then `finish()`, which hands over the rest, waits for the worker and rethrows its first
/// error; on an error of your own call `finish()` too (ignoring what it throws) so the worker ends before
/// the target is touched again. The target is used only by the worker from `init` until `finish()` returns.
final class BackgroundPairSink: ExportPairSink, @unchecked Sendable {
    private let target: any ExportPairSink
    private let batchSize: Int
    private let maxQueued: Int
    /// Guards `queue`, `returned`, `closed`, `ended` and `failure`.
    private let condition = NSCondition()
    private var queue: [[ExportPair]] = []
    /// Batches the worker is done with, to be freed by the caller's thread.
    private var returned: [[ExportPair]] = []
    private var closed = false
    private var ended = false
    private var failure: (any Error)?
    /// The batch being filled (caller's thread only).
    private var batch: [ExportPair] = []

    /// Starts the worker thread for `target`.
    init(_ target: any ExportPairSink, batchSize: Int = 256, maxQueued: Int = 8) {
        self.target = target
        self.batchSize = max(batchSize, 1)
        self.maxQueued = max(maxQueued, 1)
        batch.reserveCapacity(self.batchSize)
        let worker = Thread { [self] in work() }
        worker.name = "export-writer"
        worker.start()
    }

    /// Queues one pair; throws the worker's error if it has failed.
    func add(_ pair: ExportPair) throws {
        batch.append(pair)
        if batch.count >= batchSize { try handOver() }
    }

    /// The target's counts; complete once `finish()` has returned.
    var counts: ExportCounts { target.counts }

    /// Hands over the queued pairs, waits until the worker has encoded them all, and rethrows its error.
    func finish() throws {
        if !batch.isEmpty { try? handOver() }
        condition.lock()
        closed = true
        condition.broadcast()
        while !ended { condition.wait() }
        let error = failure
        condition.unlock()
        if let error { throw error }
    }

    private func handOver() throws {
        var done: [[ExportPair]] = []
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
                do { for pair in next { try target.add(pair) } } catch let e { error = e }
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
